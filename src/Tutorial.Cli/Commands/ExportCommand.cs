using System.CommandLine;
using Tutorial.Notebooks.Export;
using Tutorial.Notebooks.Ipynb;

namespace Tutorial.Cli.Commands;

/// <summary>
/// <c>tutorial export NOTEBOOK [--output F.cs]</c>: writes a chapter as a .NET 10 file-based app that
/// <c>dotnet run F.cs</c> runs (see <see cref="FileBasedAppExporter"/>).
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var notebook = new Argument<string>("notebook") { Description = "The notebook (.ipynb) to export." };
        var output = new Option<string?>("--output", "-o") { Description = "The .cs file to write (default: the notebook's name with .cs, beside it)." };
        var kit = new Option<string?>("--kit") { Description = "The kit's folder (holding src/); found from the notebook's or this program's folder when omitted." };
        var command = new Command("export", "Write a notebook as a .NET file-based app (dotnet run chapter.cs).") { notebook, output, kit };
        command.SetAction(parse =>
        {
            string input = parse.GetValue(notebook)!;
            NotebookDocument doc;
            try
            {
                doc = NotebookDocument.Load(input);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"tutorial export: {e.Message}");
                return 1;
            }
            string target = Path.GetFullPath(parse.GetValue(output) ?? Path.ChangeExtension(input, ".cs"));
            string? root = parse.GetValue(kit) is { } k ? Path.GetFullPath(k)
                : FileBasedAppExporter.FindKitRoot(Path.GetDirectoryName(Path.GetFullPath(input))!)
                  ?? FileBasedAppExporter.FindKitRoot(AppContext.BaseDirectory);
            if (root is null)
            {
                Console.Error.WriteLine("tutorial export: cannot find the kit's src/ folder from the notebook or from this program; name it with --kit.");
                return 2;
            }
            ExportedApp app;
            try
            {
                app = FileBasedAppExporter.Export(doc, target, root);
            }
            catch (DirectoryNotFoundException e)
            {
                Console.Error.WriteLine($"tutorial export: {e.Message}");
                return 2;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, app.Source);
            foreach (var w in app.Warnings) Console.WriteLine($"  warning: {w}");
            Console.WriteLine($"Exported {input} -> {target}");
            Console.WriteLine($"  run it with: dotnet run {Path.GetRelativePath(Directory.GetCurrentDirectory(), target)}");
            return 0;
        });
        return command;
    }
}
