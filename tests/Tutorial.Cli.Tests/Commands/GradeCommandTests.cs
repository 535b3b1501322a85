using System.Text.Json.Nodes;
using Tutorial.Notebooks.Exercises;
using Tutorial.Notebooks.Ipynb;

namespace Tutorial.Cli.Tests.Commands;

/// <summary>
/// Grades five notebooks made from the fixture once (each runs in a child process): the solution, its
/// learner version, one with a wrong answer, one that loops forever after the first check and one that
/// exits the process after the first check; two at a time.
/// </summary>
public sealed class GradedNotebooks : IAsyncLifetime
{
    public const int TimeoutSeconds = 20;

    public string Report { get; private set; } = "";
    public int Exit { get; private set; }
    public string Output { get; private set; } = "";

    public async Task InitializeAsync()
    {
        string dir = Directory.CreateTempSubdirectory("tutorial-grade-test-").FullName;
        string text = await File.ReadAllTextAsync(CliHarness.FixtureSolution);
        File.WriteAllText(Path.Combine(dir, "solution.ipynb"), text);
        var learner = await LearnerNotebook.CreateAsync(NotebookDocument.Parse(text, CliHarness.FixtureSolution));
        learner.Notebook.Save(Path.Combine(dir, "learner.ipynb"));
        // σ² instead of σ(1 − σ): only the first check fails.
        Assert.Contains("return s * (1 - s);", text);
        File.WriteAllText(Path.Combine(dir, "wrong.ipynb"), text.Replace("return s * (1 - s);", "return s * s;"));
        File.WriteAllText(Path.Combine(dir, "loop.ipynb"), InsertCellAfterTheFirstCheck(text, "while (true) { }"));
        File.WriteAllText(Path.Combine(dir, "exits.ipynb"), InsertCellAfterTheFirstCheck(text, "Environment.Exit(3);"));
        Report = Path.Combine(dir, "report");
        (Exit, Output) = await CliHarness.RunAsync("grade", dir, "--report", Report, "--timeout", TimeoutSeconds.ToString(), "--jobs", "2");
    }

    /// <summary>Inserts a code cell after cell 5 (the sigmoid check).</summary>
    private static string InsertCellAfterTheFirstCheck(string notebook, string code)
    {
        var root = JsonNode.Parse(notebook)!.AsObject();
        var cells = root["cells"]!.AsArray();
        var cell = cells[4]!.DeepClone().AsObject();
        cell["id"] = "inserted";
        cell["source"] = new JsonArray(code);
        cells.Insert(5, cell);
        return root.ToJsonString();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public List<string[]> Rows(string file) => CliHarness.ReadCsv(File.ReadAllText(Path.Combine(Report, file)));

    /// <summary>checks.csv rows of one notebook: check → (points, earned, status, message).</summary>
    public Dictionary<string, (string Points, string Earned, string Status, string Message)> Checks(string notebook) =>
        Rows("checks.csv").Skip(1).Where(r => Path.GetFileName(r[0]) == notebook).ToDictionary(r => r[1], r => (r[2], r[3], r[4], r[5]));

    public string[] Notebook(string notebook) => Rows("notebooks.csv").Single(r => Path.GetFileName(r[0]) == notebook);
}

[Collection(ConsoleCollection.Name)]
public class GradeCommandTests(GradedNotebooks graded) : IClassFixture<GradedNotebooks>
{
    [Fact]
    public void Grading_Completes_AndWritesTheReportFiles()
    {
        Assert.Equal(0, graded.Exit);
        foreach (var file in new[] { "grades.json", "checks.csv", "notebooks.csv" })
            Assert.Contains($"Wrote {Path.Combine(graded.Report, file)}", graded.Output);
        Assert.Equal(["notebook", "score", "possible", "percent", "status", "message"], graded.Rows("notebooks.csv")[0]);
        Assert.Equal(["notebook", "check", "points", "earned", "status", "message"], graded.Rows("checks.csv")[0]);
        Assert.Equal(5, graded.Rows("notebooks.csv").Count - 1);
        Assert.Equal(15, graded.Rows("checks.csv").Count - 1);
        Assert.True(File.Exists(Path.Combine(graded.Report, "executed", "learner.ipynb")));
        Assert.Contains("learner.ipynb: cell 11 (7/7) ok", File.ReadAllText(Path.Combine(graded.Report, "logs", "learner.log")));
    }

    [Fact]
    public void Solution_ScoresFullMarks()
    {
        Assert.Equal(["4", "4", "100", "completed", ""], graded.Notebook("solution.ipynb")[1..]);
        var checks = graded.Checks("solution.ipynb");
        Assert.Equal(["sigmoid-derivative", "mse-gradient", "conv-output-size"], checks.Keys);
        Assert.All(checks.Values, c => Assert.Equal("passed", c.Status));
        Assert.Equal(("2", "2"), (checks["mse-gradient"].Points, checks["mse-gradient"].Earned));
        Assert.Equal("32 is right", checks["conv-output-size"].Message);
        Assert.Contains("solution.ipynb: 4 of 4 points (100%), completed", graded.Output);
    }

    [Fact]
    public void LearnerVersion_RunsWithoutCrashing_AndScoresZero_EachCheckReportedFailed()
    {
        Assert.Equal(["0", "4", "0", "completed", ""], graded.Notebook("learner.ipynb")[1..]);
        var checks = graded.Checks("learner.ipynb");
        Assert.Equal(("1", "0", "failed", "not implemented yet: Exercise: implement SigmoidDerivative."), checks["sigmoid-derivative"]);
        Assert.Equal(("2", "0", "failed", "not implemented yet: Exercise: implement MseGradient."), checks["mse-gradient"]);
        Assert.Equal(("1", "0", "failed", "expected 32, got 0"), checks["conv-output-size"]);
        var executed = NotebookDocument.Load(Path.Combine(graded.Report, "executed", "learner.ipynb"));
        Assert.DoesNotContain(executed.Cells, c => c.HasError);
    }

    [Fact]
    public void OneWrongAnswer_ScoresPartially_WithAMessageNamingTheFailedCheck()
    {
        Assert.Equal(["3", "4", "75", "completed", ""], graded.Notebook("wrong.ipynb")[1..]);
        var checks = graded.Checks("wrong.ipynb");
        Assert.Equal("failed", checks["sigmoid-derivative"].Status);
        Assert.Equal("0", checks["sigmoid-derivative"].Earned);
        Assert.StartsWith("first mismatch at x = ", checks["sigmoid-derivative"].Message);
        Assert.Contains("(input 1 of 16): expected ", checks["sigmoid-derivative"].Message);
        Assert.Equal("passed", checks["mse-gradient"].Status);
        Assert.Equal("passed", checks["conv-output-size"].Status);
        Assert.Contains("wrong.ipynb: 3 of 4 points (75%), completed\n  failed: sigmoid-derivative (0/1): first mismatch at x = ", graded.Output);
    }

    [Fact]
    public void InfiniteLoop_IsStoppedAtTheTimeout_AndTheChecksItNeverReachedScoreZero()
    {
        var row = graded.Notebook("loop.ipynb");
        Assert.Equal(["1", "4", "25", "timed out"], row[1..5]);
        Assert.StartsWith($"cell 6 ran longer than its time limit of {GradedNotebooks.TimeoutSeconds} s and was abandoned.", row[5]);
        var checks = graded.Checks("loop.ipynb");
        Assert.Equal(("1", "1", "passed"), (checks["sigmoid-derivative"].Points, checks["sigmoid-derivative"].Earned, checks["sigmoid-derivative"].Status));
        foreach (var id in new[] { "mse-gradient", "conv-output-size" })
        {
            Assert.Equal("not reached", checks[id].Status);
            Assert.Equal("0", checks[id].Earned);
            Assert.Equal("not reached: the notebook timed out", checks[id].Message);
        }
    }

    [Fact]
    public void ANotebookThatExitsTheProcess_IsScoredFromTheCheckLog()
    {
        var row = graded.Notebook("exits.ipynb");
        Assert.Equal(["1", "4", "25", "crashed"], row[1..5]);
        Assert.Equal("the run ended with exit code 3 before saving the notebook (see logs/exits.log)", row[5]);
        var checks = graded.Checks("exits.ipynb");
        Assert.Equal("passed", checks["sigmoid-derivative"].Status);
        Assert.Equal(("not reached", "not reached: the notebook crashed"), (checks["mse-gradient"].Status, checks["mse-gradient"].Message));
    }

    [Fact]
    public void JsonReport_HoldsEveryNotebookWithItsChecks()
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(graded.Report, "grades.json")))!;
        var notebooks = json["notebooks"]!.AsArray();
        Assert.Equal(["exits.ipynb", "learner.ipynb", "loop.ipynb", "solution.ipynb", "wrong.ipynb"],
            notebooks.Select(n => Path.GetFileName(n!["notebook"]!.GetValue<string>())));
        var wrong = notebooks.Single(n => n!["notebook"]!.GetValue<string>().EndsWith("wrong.ipynb"))!;
        Assert.Equal(3, wrong["score"]!.GetValue<double>());
        Assert.Equal(4, wrong["possible"]!.GetValue<double>());
        Assert.Equal(75, wrong["percent"]!.GetValue<double>());
        Assert.Equal("completed", wrong["status"]!.GetValue<string>());
        var first = wrong["checks"]![0]!;
        Assert.Equal("sigmoid-derivative", first["id"]!.GetValue<string>());
        Assert.Equal(1, first["points"]!.GetValue<double>());
        Assert.Equal(0, first["earned"]!.GetValue<double>());
        Assert.Equal("failed", first["status"]!.GetValue<string>());
        Assert.True(wrong["elapsed_seconds"]!.GetValue<double>() > 0);
    }

    [Fact]
    public async Task AnUnreadableNotebook_ScoresZero_OutOfTheSolutionsDeclaredPoints()
    {
        string dir = Directory.CreateTempSubdirectory("tutorial-grade-test-").FullName;
        string broken = Path.Combine(dir, "broken.ipynb");
        File.WriteAllText(broken, "{ this is not json");
        string report = Path.Combine(dir, "report");
        var (exit, output) = await CliHarness.RunAsync("grade", broken, "--solution", CliHarness.FixtureSolution, "--report", report);
        Assert.Equal(0, exit);
        Assert.Contains("broken.ipynb: 0 of 4 points (0%), unreadable: Notebook", output);
        var row = CliHarness.ReadCsv(File.ReadAllText(Path.Combine(report, "notebooks.csv")))[1];
        Assert.Equal(["0", "4", "0", "unreadable"], row[1..5]);
        Assert.Contains("is not valid JSON", row[5]);
    }

    [Fact]
    public async Task BadArguments_AreUsageErrors()
    {
        var (exit, output) = await CliHarness.RunAsync("grade", "x.ipynb", "--timeout", "0");
        Assert.Equal(2, exit);
        Assert.Contains("--timeout must be positive, got 0", output);
    }
}
