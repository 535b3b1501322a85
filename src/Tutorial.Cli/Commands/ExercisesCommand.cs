using System.CommandLine;
using Tutorial.Notebooks.Exercises;
using Tutorial.Notebooks.Ipynb;

namespace Tutorial.Cli.Commands;

/// <summary>
/// <c>tutorial exercises SOLUTION.ipynb... [--output DIR]</c>: writes the learner version of each solution
/// notebook (see <see cref="LearnerNotebook"/>): solution regions replaced by placeholders that keep the
/// notebook compiling, markdown solutions removed, outputs cleared, the declared checks in the metadata.
/// The learner file is named after the solution without its <c>.solution</c>/<c>-solution</c>/<c>_solution</c>
/// suffix (<c>ch3.solution.ipynb</c> → <c>ch3.ipynb</c>), in the solution's folder unless <c>--output</c>
/// is given; a name without such a suffix gets <c>.learner</c> when it would overwrite the solution.
/// Folders given as arguments contribute their files whose names carry the suffix. The learner version is
/// compiled (not run) to check that every cell that compiles in the solution still compiles.
/// </summary>
internal static class ExercisesCommand
{
    private static readonly string[] Suffixes = [".solution", "-solution", "_solution"];

    public static Command Create()
    {
        var notebooks = new Argument<string[]>("solutions") { Description = "Solution notebooks (.ipynb) or folders holding *.solution.ipynb files.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--output", "-o") { Description = "Folder for the learner notebooks (default: next to each solution)." };
        var noVerify = new Option<bool>("--no-verify") { Description = "Do not compile the learner version to check it." };
        var command = new Command("exercises", "Generate learner notebooks from solution notebooks (// BEGIN SOLUTION … // END SOLUTION).") { notebooks, output, noVerify };
        command.SetAction(async (parse, _) =>
        {
            var files = Expand(parse.GetValue(notebooks)!);
            if (files.Count == 0)
            {
                Console.WriteLine("tutorial exercises: no solution notebooks found.");
                return 2;
            }
            string? outDir = parse.GetValue(output);
            int failed = 0;
            foreach (var file in files)
            {
                try
                {
                    var solution = NotebookDocument.Load(file);
                    string target = LearnerPath(file, outDir);
                    if (Path.GetFullPath(target) == Path.GetFullPath(file))
                        throw new ExerciseFormatException($"{file}: the learner version would overwrite the solution; give --output.");
                    var learner = await LearnerNotebook.CreateAsync(solution, target, verify: !parse.GetValue(noVerify));
                    foreach (var w in learner.Warnings) Console.WriteLine($"  warning: {w}");
                    if (learner.CompileErrors.Count > 0)
                    {
                        foreach (var e in learner.CompileErrors) Console.WriteLine($"  error: {e}");
                        Console.WriteLine($"FAILED: {file}: the learner version would not compile; nothing written.");
                        failed++;
                        continue;
                    }
                    learner.Notebook.Save(target);
                    Console.WriteLine($"{file} -> {target}: {learner.CodeRegions} code and {learner.MarkdownRegions} markdown solution regions replaced; " +
                                      $"{learner.Checks.Count} checks declared ({learner.Checks.Sum(c => c.Points):0.##} points)" +
                                      (learner.Checks.Count > 0 ? $": {string.Join(", ", learner.Checks.Select(c => c.Id))}" : ""));
                }
                catch (Exception e) when (e is ExerciseFormatException or IOException or InvalidDataException or UnauthorizedAccessException)
                {
                    Console.WriteLine($"FAILED: {e.Message}");
                    failed++;
                }
            }
            return failed > 0 ? 1 : 0;
        });
        return command;
    }

    /// <summary>Files as given; folders to their solution notebooks.</summary>
    private static List<string> Expand(IEnumerable<string> arguments)
    {
        var files = new List<string>();
        foreach (var a in arguments)
        {
            if (Directory.Exists(a))
                files.AddRange(Directory.GetFiles(a, "*.ipynb").Where(f => Suffixes.Any(s => Path.GetFileNameWithoutExtension(f).EndsWith(s, StringComparison.OrdinalIgnoreCase)))
                    .OrderBy(f => f, StringComparer.Ordinal));
            else
                files.Add(a);
        }
        return files;
    }

    /// <summary>Where the learner version of <paramref name="solution"/> goes.</summary>
    internal static string LearnerPath(string solution, string? outputDirectory)
    {
        string stem = Path.GetFileNameWithoutExtension(solution);
        string? suffix = Suffixes.FirstOrDefault(s => stem.EndsWith(s, StringComparison.OrdinalIgnoreCase) && stem.Length > s.Length);
        string folder = outputDirectory ?? Path.GetDirectoryName(Path.GetFullPath(solution))!;
        string name = suffix is not null ? stem[..^suffix.Length]
            : outputDirectory is not null && Path.GetFullPath(Path.Combine(folder, stem + ".ipynb")) != Path.GetFullPath(solution) ? stem
            : stem + ".learner";
        return Path.Combine(folder, name + ".ipynb");
    }
}
