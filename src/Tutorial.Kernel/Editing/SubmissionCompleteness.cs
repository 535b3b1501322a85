using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Tutorial.Notebooks.Execution;

namespace Tutorial.Kernel.Editing;

/// <summary>
/// Answers Jupyter's <c>is_complete_request</c> (asked by consoles before running what was typed):
/// "complete" when the code is a whole C# script submission, "incomplete" (with the indent for the
/// next line) when a brace, parenthesis, string or statement is still open, "invalid" when it is
/// whole but cannot compile as written.
/// </summary>
public static class SubmissionCompleteness
{
    private static readonly CSharpParseOptions ScriptParse = new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Script);

    /// <summary>The status and, when incomplete, the indent to offer on the next line.</summary>
    public static (string Status, string Indent) Check(string code)
    {
        string text = ScriptSession.BlankDirectives(code);
        if (string.IsNullOrWhiteSpace(text)) return ("complete", "");
        var tree = CSharpSyntaxTree.ParseText(text, ScriptParse);
        if (!SyntaxFactory.IsCompleteSubmission(tree))
        {
            int depth = 0;
            foreach (var token in tree.GetRoot().DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.OpenBraceToken)) depth++;
                else if (token.IsKind(SyntaxKind.CloseBraceToken) && !token.IsMissing) depth = Math.Max(0, depth - 1);
            }
            return ("incomplete", new string(' ', 4 * depth));
        }
        return tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error) ? ("invalid", "") : ("complete", "");
    }
}
