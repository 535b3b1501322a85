using System.CommandLine;
using Tutorial.Notebooks.Execution;
using Tutorial.Notebooks.Ipynb;

namespace Tutorial.Cli.Commands;

/// <summary>
/// <c>tutorial run NOTEBOOK...</c>: executes notebooks headless, cell by cell, and writes their
/// outputs and execution counts back into the files (or into <c>--output</c>), printing a progress
/// line per cell. <c>--check</c> makes any error output fail the command.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var notebooks = new Argument<string[]>("notebooks") { Description = "Notebook files (.ipynb) or folders holding them.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--output", "-o") { Description = "Write executed notebooks into this folder instead of over the originals." };
        var check = new Option<bool>("--check") { Description = "Exit with code 1 when any cell produced an error." };
        var timeout = new Option<double>("--cell-timeout") { Description = "Seconds a cell may run (a cell's metadata {\"tutorial\": {\"timeout_seconds\": N}} can raise it).", DefaultValueFactory = _ => 120 };
        var keepGoing = new Option<bool>("--keep-going") { Description = "Run the remaining cells after a failing cell instead of stopping." };
        var command = new Command("run", "Execute notebooks headless and write their outputs into the .ipynb files.") { notebooks, output, check, timeout, keepGoing };
        command.SetAction(async (parse, _) =>
        {
            var files = NotebookFiles.Expand(parse.GetValue(notebooks)!);
            if (files.Count == 0)
            {
                Console.WriteLine("tutorial run: no notebooks found.");
                return 2;
            }
            double seconds = parse.GetValue(timeout);
            if (!(seconds > 0))
            {
                Console.WriteLine($"tutorial run: --cell-timeout must be positive, got {seconds}.");
                return 2;
            }
            string? outDir = parse.GetValue(output);
            var options = new RunOptions
            {
                CellTimeout = TimeSpan.FromSeconds(seconds),
                StopOnError = !parse.GetValue(keepGoing),
                Progress = p => Console.WriteLine(
                    $"  {p.Notebook}: cell {p.CellNumber} ({p.ExecutionCount}/{p.CodeCellCount}) " +
                    $"{(p.Error is null ? "ok" : "FAILED")} in {p.Elapsed.TotalSeconds:0.00} s" +
                    (p.Error is null ? "" : $"\n    {p.Error.Name}: {p.Error.Message}")),
            };
            int failed = 0;
            foreach (var file in files)
            {
                NotebookDocument doc;
                try
                {
                    doc = NotebookDocument.Load(file);
                }
                catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
                {
                    Console.WriteLine($"tutorial run: {e.Message}");
                    failed++;
                    continue;
                }
                Console.WriteLine($"Running {file}");
                var result = await NotebookRunner.RunAsync(doc, options);
                string target = outDir is null ? file : Path.Combine(outDir, Path.GetFileName(file));
                doc.Save(target);
                Console.WriteLine($"{(result.Succeeded ? "ok" : "FAILED")}: {file} ({result.Cells.Count} code cells, {result.Elapsed.TotalSeconds:0.0} s) -> {target}");
                if (!result.Succeeded) failed++;
            }
            Console.WriteLine($"{files.Count - failed} of {files.Count} notebooks ran without errors.");
            return parse.GetValue(check) && failed > 0 ? 1 : 0;
        });
        return command;
    }
}
