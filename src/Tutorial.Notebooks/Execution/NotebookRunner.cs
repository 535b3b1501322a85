using System.Diagnostics;
using System.Text.Json.Nodes;
using Tutorial.Notebooks.Display;
using Tutorial.Notebooks.Ipynb;

namespace Tutorial.Notebooks.Execution;

/// <summary>Options for <see cref="NotebookRunner"/>.</summary>
public sealed record RunOptions
{
    /// <summary>Time allowed per cell unless the cell's metadata raises it ({"tutorial": {"timeout_seconds": N}}).</summary>
    public TimeSpan CellTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Stop at the first failing cell (the remaining cells keep no outputs), as "Run All" does in Jupyter.</summary>
    public bool StopOnError { get; init; } = true;

    /// <summary>Called after each code cell (for a progress line).</summary>
    public Action<CellProgress>? Progress { get; init; }
}

/// <summary>What happened in one code cell.</summary>
public sealed record CellProgress(string Notebook, int CellNumber, int CodeCellCount, int ExecutionCount, TimeSpan Elapsed, CellError? Error);

/// <summary>The outcome of running a notebook.</summary>
public sealed record NotebookRunResult(string Notebook, IReadOnlyList<CellProgress> Cells, TimeSpan Elapsed)
{
    /// <summary>The failing cells.</summary>
    public IEnumerable<CellProgress> Failures => Cells.Where(c => c.Error is not null);

    public bool Succeeded => !Failures.Any();
}

/// <summary>
/// Runs a notebook's code cells in order in one <see cref="ScriptSession"/> and writes their outputs
/// (streams, displays, the last expression's value, errors) and execution counts into the document,
/// as Jupyter's "Run All" would. Markdown cells are left as they are.
/// </summary>
public static class NotebookRunner
{
    /// <summary>Runs <paramref name="document"/> in place and reports every code cell.</summary>
    public static async Task<NotebookRunResult> RunAsync(NotebookDocument document, RunOptions? options = null)
    {
        options ??= new RunOptions();
        string name = document.Path is null ? "notebook" : Path.GetFileName(document.Path);
        string folder = document.Path is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(Path.GetFullPath(document.Path))!;
        var session = new ScriptSession(folder);
        var collector = new OutputCollector();
        var codeCells = document.Cells.Select((c, i) => (Cell: c, Index: i)).Where(c => c.Cell.CellType == "code").ToList();
        var progress = new List<CellProgress>();
        var total = Stopwatch.StartNew();
        int executionCount = 0;
        bool stopped = false;

        foreach (var (cell, index) in codeCells)
        {
            collector.CurrentCell = index;
            if (stopped)
            {
                cell.ExecutionCount = null;
                cell.SetOutputs([]);
                continue;
            }
            executionCount++;
            var timeout = CellTimeout(cell) ?? options.CellTimeout;
            // Cells are numbered as a reader counts them: the n-th cell of the notebook, markdown included.
            var result = await session.SubmitAsync(cell.Source, collector, timeout, $"cell {index + 1}");
            if (result.Error is not null) collector.Error(result.Error);
            else if (result.HasValue) collector.Result(Formatters.Format(result.Value), executionCount);
            cell.ExecutionCount = executionCount;
            var p = new CellProgress(name, index + 1, codeCells.Count, executionCount, result.Elapsed, result.Error);
            progress.Add(p);
            options.Progress?.Invoke(p);
            if (result.Error is not null && (options.StopOnError || session.IsPoisoned)) stopped = true;
        }
        // Displays can be updated by later cells, so outputs are written once everything ran.
        foreach (var (cell, index) in codeCells)
            if (cell.ExecutionCount is not null) cell.SetOutputs(collector.OutputsOf(index));
        return new NotebookRunResult(name, progress, total.Elapsed);
    }

    private static TimeSpan? CellTimeout(NotebookCell cell) =>
        cell.Metadata["tutorial"] is JsonObject t && t["timeout_seconds"] is JsonValue v && v.TryGetValue<double>(out double s) && s > 0
            ? TimeSpan.FromSeconds(s)
            : null;
}
