using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Tutorial.Notebooks.Display;

namespace Tutorial.Notebooks.Execution;

/// <summary>
/// A C# notebook session on Roslyn scripting: each cell is one submission that continues the state
/// of the previous ones (RunAsync, then ContinueWithAsync), so usings, variables, methods and types
/// persist from cell to cell. Directives (<c>#r</c>, <c>#i</c>, <c>#!</c> magics) are handled by
/// <see cref="DirectiveProcessor"/> before Roslyn sees the code. Standard output written while a
/// cell runs goes to that cell's <see cref="IOutputSink"/>.
/// </summary>
public sealed partial class ScriptSession
{
    internal static readonly string[] DefaultImports =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Text", "System.Threading.Tasks",
    ];

    private readonly NotebookGlobals _globals;
    private readonly AssemblyRegistry _assemblies;
    private readonly DirectiveProcessor _directives;
    private ScriptOptions _options;
    private ScriptState<object>? _state;
    private int _submission;

    /// <summary>Creates a session; <paramref name="workingDirectory"/> resolves relative <c>#r</c> paths (the notebook's folder).</summary>
    public ScriptSession(string? workingDirectory = null, NuGetResolver? nuget = null)
    {
        RichValueFormatters.EnsureRegistered();
        Formatting.KitFormatters.EnsureRegistered();
        WorkingDirectory = Path.GetFullPath(workingDirectory ?? Directory.GetCurrentDirectory());
        _assemblies = new AssemblyRegistry();
        _directives = new DirectiveProcessor(WorkingDirectory, _assemblies, nuget ?? new NuGetResolver());
        _globals = new NotebookGlobals(this);
        _options = ScriptOptions.Default
            .WithReferences(_assemblies.InitialReferences())
            .WithImports(DefaultImports)
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithAllowUnsafe(true)
            .WithOptimizationLevel(OptimizationLevel.Release)
            .WithEmitDebugInformation(true)
            .WithFileEncoding(System.Text.Encoding.UTF8)
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(WorkingDirectory))
            .WithSourceResolver(new SourceFileResolver([], WorkingDirectory));
        ConsoleCapture.Install();
        SessionOptionsHook?.Invoke(this);
    }

    /// <summary>Runs once per new session (e.g. the kit's formatters register themselves here).</summary>
    public static Action<ScriptSession>? SessionOptionsHook { get; set; }

    /// <summary>Identifies this session's display ids.</summary>
    public string SessionId { get; } = Guid.NewGuid().ToString("N")[..8];

    /// <summary>Folder against which relative paths in directives resolve.</summary>
    public string WorkingDirectory { get; }

    /// <summary>The sink of the cell now running.</summary>
    internal IOutputSink? CurrentSink { get; private set; }

    private static readonly AsyncLocal<ScriptSession?> Running = new();

    /// <summary>The session whose cell is running on this logical thread (null outside a cell); library code such as exercise checks uses it.</summary>
    internal static ScriptSession? Current => Running.Value;

    /// <summary>Number of cells submitted so far.</summary>
    public int SubmissionCount => _submission;

    /// <summary>
    /// Runs one cell. Never throws for the cell's own faults: compile errors, exceptions and bad
    /// directives come back in <see cref="SubmissionResult.Error"/>. A cell that runs past
    /// <paramref name="timeout"/> is reported as an error; its thread cannot be stopped, so the
    /// session should not be used afterwards (<see cref="IsPoisoned"/>).
    /// </summary>
    public async Task<SubmissionResult> SubmitAsync(string code, IOutputSink sink, TimeSpan? timeout = null, string? cellName = null)
    {
        if (IsPoisoned) throw new InvalidOperationException("This session ran a cell that never finished; start a new session.");
        int number = ++_submission;
        string name = cellName ?? $"cell {number}";
        var watch = Stopwatch.StartNew();
        CurrentSink = sink;
        Running.Value = this;
        using var capture = ConsoleCapture.RouteTo(sink);
        try
        {
            var directives = await _directives.ProcessAsync(code, sink);
            if (directives.Error is not null) return new SubmissionResult { Error = directives.Error, Elapsed = watch.Elapsed };
            if (directives.IsMarkdown) return new SubmissionResult { Elapsed = watch.Elapsed };
            if (directives.NewReferences.Count > 0) _options = _options.AddReferences(directives.NewReferences);

            var options = _options.WithFilePath(name);
            var script = _state is null
                ? CSharpScript.Create<object>(directives.Code, options, typeof(NotebookGlobals))
                : _state.Script.ContinueWith<object>(directives.Code, options);

            var diagnostics = script.Compile();
            var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0) return new SubmissionResult { Error = CompileError(name, errors), Elapsed = watch.Elapsed };
            bool hasValue = EndsInExpression(script.GetCompilation());

            var run = Task.Run(async () => _state is null
                ? await script.RunAsync(_globals, _ => true)
                : await script.RunFromAsync(_state, _ => true));
            if (timeout is { } limit && await Task.WhenAny(run, Task.Delay(limit)) != run)
            {
                IsPoisoned = true;
                return new SubmissionResult
                {
                    Error = new CellError("TimeoutException",
                        $"{name} ran longer than its time limit of {limit.TotalSeconds:0.#} s and was abandoned. " +
                        "Raise the limit for a slow cell with the cell metadata {\"tutorial\": {\"timeout_seconds\": N}} or --cell-timeout.",
                        [$"{name}: time limit {limit.TotalSeconds:0.#} s exceeded"]),
                    Elapsed = watch.Elapsed,
                };
            }
            var state = await run;
            if (state.Exception is not null)
            {
                // The submission compiled and ran up to the exception; keep what it defined, as a notebook does.
                _state = state;
                return new SubmissionResult { Error = RuntimeError(state.Exception), Elapsed = watch.Elapsed };
            }
            _state = state;
            if (directives.Timed) sink.Stream("stdout", $"Wall time: {watch.Elapsed.TotalMilliseconds:0.#} ms\n");
            return new SubmissionResult { HasValue = hasValue, Value = hasValue ? state.ReturnValue : null, Elapsed = watch.Elapsed };
        }
        catch (CompilationErrorException e)
        {
            return new SubmissionResult { Error = CompileError(name, e.Diagnostics), Elapsed = watch.Elapsed };
        }
        finally
        {
            CurrentSink = null;
        }
    }

    /// <summary>
    /// True when the cell's last statement is an expression without a semicolon whose type is not
    /// void: its value is the cell's result (Roslyn parses it as an expression statement with a
    /// missing semicolon).
    /// </summary>
    private static bool EndsInExpression(Compilation compilation)
    {
        var tree = compilation.SyntaxTrees.Last();
        if (tree.GetRoot() is not Microsoft.CodeAnalysis.CSharp.Syntax.CompilationUnitSyntax unit) return false;
        if (unit.Members.LastOrDefault() is not Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax
            {
                Statement: Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionStatementSyntax { SemicolonToken.IsMissing: true } statement,
            })
            return false;
        var type = compilation.GetSemanticModel(tree).GetTypeInfo(statement.Expression).Type;
        return type is not null && type.SpecialType != SpecialType.System_Void;
    }

    /// <summary>True once a cell was abandoned after its time limit.</summary>
    public bool IsPoisoned { get; private set; }

    private static CellError CompileError(string cell, IEnumerable<Diagnostic> diagnostics)
    {
        var lines = diagnostics.Select(d =>
        {
            var span = d.Location.GetLineSpan();
            return $"{cell}, line {span.StartLinePosition.Line + 1}, column {span.StartLinePosition.Character + 1}: error {d.Id}: {d.GetMessage()}";
        }).ToList();
        return new CellError("CompilationError", lines.Count == 1 ? lines[0] : $"{lines.Count} compile errors; the first: {lines[0]}", lines);
    }

    private static CellError RuntimeError(Exception exception)
    {
        var e = exception is TargetInvocationException { InnerException: { } inner } ? inner : exception;
        var trace = new List<string> { $"{e.GetType().FullName}: {e.Message}" };
        foreach (var line in (e.StackTrace ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string t = line.Trim();
            if (t.Contains("Microsoft.CodeAnalysis.Scripting") || t.Contains("System.Runtime.CompilerServices") || t.Contains("System.Threading.Tasks")) continue;
            // Roslyn names submissions "Submission#3"; the file path we gave is "cell N".
            if (t.StartsWith("---")) continue;
            var m = CellLine().Match(t);
            if (m.Success)
            {
                string method = SubmissionPrefix().Replace(m.Groups["method"].Value, "");
                trace.Add(method.Contains("<Initialize>") ? $"   at {m.Groups["cell"].Value}, line {m.Groups["line"].Value}"
                                                           : $"   at {method} in {m.Groups["cell"].Value}, line {m.Groups["line"].Value}");
            }
            else trace.Add("   " + t);
        }
        if (e.InnerException is { } cause) trace.Add($"caused by {cause.GetType().FullName}: {cause.Message}");
        return new CellError(e.GetType().Name, e.Message, trace.Distinct().ToList());
    }

    [GeneratedRegex(@"^at (?<method>.*) in .*?(?<cell>cell \d+):line (?<line>\d+)$")]
    private static partial Regex CellLine();

    [GeneratedRegex(@"Submission#\d+\.")]
    private static partial Regex SubmissionPrefix();
}
