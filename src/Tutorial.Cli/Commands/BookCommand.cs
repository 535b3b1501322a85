using System.CommandLine;
using Tutorial.Notebooks.Book;
using Tutorial.Notebooks.Execution;

namespace Tutorial.Cli.Commands;

/// <summary>
/// <c>tutorial book</c>: runs every chapter in <c>notebooks/</c> (writing the outputs back into the
/// notebooks) and renders the static HTML book into <c>book/</c>, with plotly.js and KaTeX copied
/// beside the pages so it opens offline.
/// </summary>
internal static class BookCommand
{
    public static Command Create()
    {
        var notebooks = new Option<string>("--notebooks") { Description = "Folder of chapter notebooks.", DefaultValueFactory = _ => "notebooks" };
        var output = new Option<string>("--output", "-o") { Description = "Folder for the HTML book.", DefaultValueFactory = _ => "book" };
        var noExecute = new Option<bool>("--no-execute") { Description = "Render the notebooks as they are, without running them." };
        var timeout = new Option<double>("--cell-timeout") { Description = "Seconds a cell may run.", DefaultValueFactory = _ => 120 };
        var command = new Command("book", "Run every chapter and build the static HTML book.") { notebooks, output, noExecute, timeout };
        command.SetAction(async (parse, _) =>
        {
            double seconds = parse.GetValue(timeout);
            if (!(seconds > 0))
            {
                Console.WriteLine($"tutorial book: --cell-timeout must be positive, got {seconds}.");
                return 2;
            }
            var options = new BookOptions
            {
                NotebooksDirectory = parse.GetValue(notebooks)!,
                OutputDirectory = parse.GetValue(output)!,
                Execute = !parse.GetValue(noExecute),
                Run = new RunOptions
                {
                    CellTimeout = TimeSpan.FromSeconds(seconds),
                    Progress = p => Console.WriteLine(
                        $"  cell {p.CellNumber} ({p.ExecutionCount}/{p.CodeCellCount}) {(p.Error is null ? "ok" : "FAILED")} in {p.Elapsed.TotalSeconds:0.00} s" +
                        (p.Error is null ? "" : $"\n    {p.Error.Name}: {p.Error.Message}")),
                },
            };
            try
            {
                var result = await BookBuilder.BuildAsync(options, Console.WriteLine);
                Console.WriteLine($"Book: {Path.Combine(result.OutputDirectory, "index.html")}");
                foreach (var failed in result.Chapters.Where(c => c.Run is { Succeeded: false }))
                    Console.WriteLine($"FAILED: {failed.Notebook}");
                return result.Succeeded ? 0 : 1;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                Console.WriteLine($"tutorial book: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}
