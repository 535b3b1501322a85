using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Tutorial.Notebooks.Display;
using Tutorial.Notebooks.Execution;

namespace Tutorial.Notebooks.Exercises;

/// <summary>One code cell compiled in its notebook's chain: its syntax tree and semantic model, or its errors.</summary>
internal sealed record CompiledCell(SyntaxTree? Tree, SemanticModel? Model, IReadOnlyList<string> Errors)
{
    public bool Compiled => Errors.Count == 0 && Tree is not null;
}

/// <summary>
/// Compiles a notebook's code cells in order, as the runner would run them (each cell continues the
/// previous ones; a cell that does not compile is left out of the chain, as the runner leaves it out of
/// the session), without running anything. Directives are handled by <see cref="DirectiveProcessor"/>.
/// Used to learn the types of solution variables and to verify that a learner version compiles.
/// </summary>
internal sealed class NotebookCompiler
{
    private readonly DirectiveProcessor _directives;
    private readonly AssemblyRegistry _assemblies = new();
    private ScriptOptions _options;
    private Script<object>? _last;

    public NotebookCompiler(string workingDirectory)
    {
        _directives = new DirectiveProcessor(workingDirectory, _assemblies, new NuGetResolver());
        _options = ScriptOptions.Default
            .WithReferences(_assemblies.InitialReferences())
            .WithImports(ScriptSession.DefaultImports)
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithAllowUnsafe(true)
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(workingDirectory))
            .WithSourceResolver(new SourceFileResolver([], workingDirectory));
    }

    public async Task<CompiledCell> CompileAsync(string code, string cellName)
    {
        var directives = await _directives.ProcessAsync(code, new NullSink());
        if (directives.Error is not null) return new CompiledCell(null, null, [directives.Error.Message]);
        if (directives.IsMarkdown) return new CompiledCell(null, null, []);
        if (directives.NewReferences.Count > 0) _options = _options.AddReferences(directives.NewReferences);
        var options = _options.WithFilePath(cellName);
        var script = _last is null
            ? CSharpScript.Create<object>(directives.Code, options, typeof(NotebookGlobals))
            : _last.ContinueWith<object>(directives.Code, options);
        var errors = script.Compile().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var compilation = script.GetCompilation();
        var tree = compilation.SyntaxTrees.Last();
        if (errors.Count > 0)
            return new CompiledCell(tree, null, [.. errors.Select(d =>
            {
                var span = d.Location.GetLineSpan();
                return $"line {span.StartLinePosition.Line + 1}: error {d.Id}: {d.GetMessage()}";
            })]);
        _last = script;
        return new CompiledCell(tree, compilation.GetSemanticModel(tree), []);
    }

    private sealed class NullSink : IOutputSink
    {
        public void Stream(string name, string text) { }

        public void Display(MimeBundle data, string displayId) { }

        public void UpdateDisplay(MimeBundle data, string displayId) { }
    }
}
