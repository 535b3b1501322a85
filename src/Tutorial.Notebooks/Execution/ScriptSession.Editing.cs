using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;

namespace Tutorial.Notebooks.Execution;

/// <summary>What an editor needs from a session: the compilation of code not yet run.</summary>
public sealed partial class ScriptSession
{
    /// <summary>
    /// Compiles <paramref name="code"/> as the next cell of this session without running it, for
    /// completion and inspection: its semantic model sees the variables, methods and types of the
    /// cells run so far, the usings and the globals (<c>display</c>). Directive lines (<c>#r</c>,
    /// <c>#i</c>, <c>#!</c>) are blanked out with spaces, so positions in the result match
    /// <paramref name="code"/> character for character. The syntax tree of the cell is the last one
    /// of the compilation.
    /// </summary>
    public Compilation CompileForEditing(string code)
    {
        string blanked = BlankDirectives(code);
        var options = _options.WithFilePath("editor");
        var state = _state;
        var script = state is null
            ? CSharpScript.Create<object>(blanked, options, typeof(NotebookGlobals))
            : state.Script.ContinueWith<object>(blanked, options);
        return script.GetCompilation();
    }

    /// <summary>
    /// The value of the variable <paramref name="name"/> as the cells run so far left it (the latest
    /// declaration wins), for showing it when a front end inspects the name.
    /// </summary>
    public bool TryGetVariable(string name, out object? value, out Type? type)
    {
        var variable = _state?.GetVariable(name);
        value = variable?.Value;
        type = variable?.Type;
        return variable is not null;
    }

    /// <summary>Replaces each directive line's characters with spaces (line breaks kept), so code
    /// with <c>#r "nuget: …"</c>, <c>#i</c> or <c>#!</c> lines can be parsed as C# at the same positions.</summary>
    public static string BlankDirectives(string code)
    {
        var chars = code.ToCharArray();
        int lineStart = 0;
        for (int i = 0; i <= chars.Length; i++)
        {
            if (i < chars.Length && chars[i] != '\n') continue;
            int s = lineStart;
            while (s < i && (chars[s] == ' ' || chars[s] == '\t')) s++;
            bool directive = s + 1 < i && chars[s] == '#' && (chars[s + 1] == '!' ||
                (s + 2 < i && (chars[s + 1] == 'r' || chars[s + 1] == 'i') && chars[s + 2] == ' '));
            if (directive)
                for (int j = s; j < i; j++)
                    if (chars[j] != '\r') chars[j] = ' ';
            lineStart = i + 1;
        }
        return new string(chars);
    }
}
