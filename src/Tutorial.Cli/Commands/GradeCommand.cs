using System.CommandLine;
using System.Globalization;
using Tutorial.Notebooks.Exercises;
using Tutorial.Notebooks.Exercises.Grading;
using Tutorial.Notebooks.Ipynb;

namespace Tutorial.Cli.Commands;

/// <summary>
/// <c>tutorial grade NOTEBOOK... [--report DIR] [--timeout SECONDS] [--solution SOLUTION.ipynb]</c>: runs
/// learners' notebooks and writes a score report (see <see cref="GradeReport"/>).
/// <para>Each notebook runs in a child process, <c>tutorial run NOTEBOOK --output TEMP --keep-going
/// --cell-timeout SECONDS</c>, so a notebook that throws, exits, loops forever or never returns still gets
/// a score: a cell running past the time limit is abandoned and the child saves what ran; a child still
/// alive 30 s after the limit is killed. Scores are read from the executed notebook's check outputs
/// (<see cref="CheckMarker"/>); when the child died before saving, from the log the checks append to
/// (<c>TUTORIAL_CHECK_LOG</c>).</para>
/// <para>The possible points are those of the declared checks (<see cref="CheckDeclarations"/>): with
/// <c>--solution</c>, the checks of that solution notebook; otherwise the list <c>tutorial exercises</c>
/// wrote into the learner notebook's metadata, or else the checks found in its source. Checks never
/// reached score 0.</para>
/// <para>The child runs in the notebook's folder, as Jupyter would; <c>--jobs N</c> grades N notebooks at a time.
/// The report folder (default <c>grades</c>) gets grades.json, checks.csv, notebooks.csv, the executed
/// notebooks under executed/ and each run's console output under logs/.</para>
/// </summary>
internal static class GradeCommand
{
    /// <summary>How long a child may outlive the notebook time limit (start-up and saving).</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    public static Command Create()
    {
        var notebooks = new Argument<string[]>("notebooks") { Description = "Learners' notebooks (.ipynb) or folders holding them.", Arity = ArgumentArity.OneOrMore };
        var report = new Option<string>("--report", "-r") { Description = "Folder for the report.", DefaultValueFactory = _ => "grades" };
        var timeout = new Option<double>("--timeout") { Description = "Seconds a notebook may run; a cell still running then is stopped.", DefaultValueFactory = _ => 300 };
        var solution = new Option<string?>("--solution") { Description = "Take the declared checks (the possible points) from this solution notebook." };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Notebooks graded at the same time.", DefaultValueFactory = _ => 1 };
        var command = new Command("grade", "Run learners' notebooks in child processes and write a score report (JSON and CSV).") { notebooks, report, timeout, solution, jobs };
        command.SetAction(async (parse, _) =>
        {
            var files = NotebookFiles.Expand(parse.GetValue(notebooks)!);
            if (files.Count == 0)
            {
                Console.WriteLine("tutorial grade: no notebooks found.");
                return 2;
            }
            double seconds = parse.GetValue(timeout);
            if (!(seconds > 0) || double.IsInfinity(seconds))
            {
                Console.WriteLine($"tutorial grade: --timeout must be positive, got {seconds}.");
                return 2;
            }
            IReadOnlyList<CheckDeclaration>? declared = null;
            if (parse.GetValue(solution) is { } solutionPath)
            {
                try
                {
                    var scan = CheckDeclarations.Of(NotebookDocument.Load(solutionPath));
                    foreach (var w in scan.Warnings) Console.WriteLine($"  warning: {w}");
                    declared = scan.Checks;
                }
                catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
                {
                    Console.WriteLine($"tutorial grade: {e.Message}");
                    return 2;
                }
            }
            int parallel = parse.GetValue(jobs);
            if (parallel < 1)
            {
                Console.WriteLine($"tutorial grade: --jobs must be at least 1, got {parallel}.");
                return 2;
            }
            string reportDir = parse.GetValue(report)!;
            var names = UniqueNames(files);
            var grades = new NotebookGrade[files.Count];
            var gate = new object();
            await Parallel.ForEachAsync(Enumerable.Range(0, files.Count), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, _) =>
            {
                var grade = await GradeAsync(files[i], names[i], declared, TimeSpan.FromSeconds(seconds), reportDir);
                grades[i] = grade;
                var lines = new List<string>
                {
                    $"{grade.Notebook}: {Points(grade.Earned)} of {Points(grade.Possible)} points ({grade.Percent.ToString("0.#", CultureInfo.InvariantCulture)}%), " +
                    $"{grade.Status}{(grade.Message.Length > 0 ? $": {grade.Message}" : "")}",
                };
                lines.AddRange(grade.Checks.Where(c => c.Status != "passed").Select(c => $"  {c.Status}: {c.Id} ({Points(c.Earned)}/{Points(c.Points)}): {c.Message}"));
                lock (gate) Console.WriteLine(string.Join('\n', lines));
            });
            foreach (var path in GradeReport.Write(reportDir, grades)) Console.WriteLine($"Wrote {path}");
            return 0;
        });
        return command;
    }

    private static async Task<NotebookGrade> GradeAsync(string file, string name, IReadOnlyList<CheckDeclaration>? declared, TimeSpan limit, string reportDir)
    {
        NotebookDocument learner;
        try
        {
            learner = NotebookDocument.Load(file);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return Grader.Grade(file, declared ?? [], [], "unreadable", e.Message, 0);
        }
        if (declared is null)
        {
            var scan = CheckDeclarations.Of(learner);
            foreach (var w in scan.Warnings) Console.WriteLine($"  warning: {file}: {w}");
            declared = scan.Checks;
        }

        var temp = Directory.CreateTempSubdirectory("tutorial-grade-").FullName;
        try
        {
            string log = Path.Combine(temp, "checks.jsonl");
            string seconds = limit.TotalSeconds.ToString(CultureInfo.InvariantCulture);
            var child = await ChildTutorial.RunAsync(
                ["run", Path.GetFullPath(file), "--output", temp, "--keep-going", "--cell-timeout", seconds],
                limit + Grace,
                Path.GetDirectoryName(Path.GetFullPath(file))!,
                new Dictionary<string, string> { [CheckMarker.LogVariable] = log });
            Directory.CreateDirectory(Path.Combine(reportDir, "logs"));
            await File.WriteAllTextAsync(Path.Combine(reportDir, "logs", name + ".log"), child.Output);

            string executedPath = Path.Combine(temp, Path.GetFileName(file));
            var logged = Grader.ReadLog(log);
            if (File.Exists(executedPath))
            {
                var executed = NotebookDocument.Load(executedPath);
                Directory.CreateDirectory(Path.Combine(reportDir, "executed"));
                executed.Save(Path.Combine(reportDir, "executed", name + ".ipynb"));
                var results = Grader.ReadResults(executed);
                // Results the outputs lack (none, normally) are taken from the log.
                var all = results.Concat(logged.Where(l => results.All(r => r.Id != l.Id)));
                var (status, message) = Grader.ReadStatus(executed);
                return Grader.Grade(file, declared, all, status, message, child.Elapsed.TotalSeconds);
            }
            string reason = child.Killed
                ? $"still running {limit.TotalSeconds + Grace.TotalSeconds:0.#} s after it started; stopped (see logs/{name}.log)"
                : $"the run ended with exit code {child.ExitCode} before saving the notebook (see logs/{name}.log)";
            return Grader.Grade(file, declared, logged, child.Killed ? "killed" : "crashed", reason, child.Elapsed.TotalSeconds);
        }
        finally
        {
            try
            {
                Directory.Delete(temp, recursive: true);
            }
            catch (IOException)
            {
                // A killed child may still hold a file for a moment; the temp folder is the system's to clean.
            }
        }
    }

    /// <summary>A file-name-safe, unique name per notebook: the file name, with the parent folder added when two notebooks share it.</summary>
    internal static IReadOnlyList<string> UniqueNames(IReadOnlyList<string> files)
    {
        var stems = files.Select(f => Path.GetFileNameWithoutExtension(f)).ToList();
        var names = new List<string>();
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < files.Count; i++)
        {
            string name = stems[i];
            if (stems.Count(s => s.Equals(name, StringComparison.OrdinalIgnoreCase)) > 1)
                name = $"{Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(files[i])))}_{name}";
            string unique = name;
            for (int k = 2; !used.Add(unique); k++) unique = $"{name}_{k}";
            names.Add(unique);
        }
        return names;
    }

    private static string Points(double p) => p.ToString("0.##", CultureInfo.InvariantCulture);
}
