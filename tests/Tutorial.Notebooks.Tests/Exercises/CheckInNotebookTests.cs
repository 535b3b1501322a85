using System.Text.Json.Nodes;
using Tutorial.Notebooks.Execution;
using Tutorial.Notebooks.Exercises;
using Tutorial.Notebooks.Exercises.Grading;
using Tutorial.Notebooks.Ipynb;
using Tutorial.Notebooks.Tests.Support;

namespace Tutorial.Notebooks.Tests.Exercises;

public class CheckInNotebookTests
{
    private static NotebookDocument Notebook(params string[] cells)
    {
        var doc = NotebookDocument.Create();
        foreach (var c in cells) doc.AddCell("code", c);
        return doc;
    }

    private static string Text(JsonNode? node) => node switch
    {
        JsonArray a => string.Concat(a.Select(n => n!.GetValue<string>())),
        JsonValue v => v.GetValue<string>(),
        _ => throw new InvalidOperationException("no text"),
    };

    private const string Usings = "using Tutorial.Notebooks.Exercises;";

    private const string Checks = """
        double Half(double x) => x / 2;
        Check.Value("answer", 42, expected: 42, points: 2);
        Check.Function("half", learner: Half, reference: x => x / 3, inputs: [3.0, 6.0]);
        """;

    [Fact]
    public async Task Checks_ShowHtmlTextAndAJsonMarker_AndFillTheSessionScoreboard()
    {
        var doc = Notebook(Usings, Checks, "Scoreboard.Current.Earned + \"/\" + Scoreboard.Current.Possible");
        var run = await NotebookRunner.RunAsync(doc);
        Assert.True(run.Succeeded, string.Join("\n", run.Failures.Select(f => $"cell {f.CellNumber}: {f.Error!.Name}: {f.Error.Message}")));
        var outputs = doc.Cells[1].Outputs;
        Assert.Equal(2, outputs.Count);
        Assert.All(outputs, o => Assert.Equal("display_data", o["output_type"]!.GetValue<string>()));

        var passed = outputs[0]["data"]!.AsObject();
        Assert.Equal(["text/plain", "text/html", CheckMarker.MimeType], passed.Select(kv => kv.Key));
        Assert.Equal("✔ answer passed (2/2 points): 42 is right", Text(passed["text/plain"]));
        Assert.Contains("✔ passed", Text(passed["text/html"]));
        // The marker is stored as a JSON object, as nbformat expects for +json types.
        var marker = Assert.IsType<JsonObject>(passed[CheckMarker.MimeType]);
        Assert.Equal("answer", marker["id"]!.GetValue<string>());
        Assert.Equal(2, marker["earned"]!.GetValue<double>());

        var failed = outputs[1]["data"]!.AsObject();
        Assert.Equal("✘ half failed (0/1 point): first mismatch at x = 3 (input 1 of 2): expected 1, got 1.5, relative error 3.33e-01 (tolerance 1.00e-06)",
            Text(failed["text/plain"]));
        string html = Text(failed["text/html"]);
        Assert.Contains("✘ failed", html);
        Assert.Contains("<td style=\"padding: 0 12px 0 0\">x = 3 (input 1 of 2)</td>", html);
        Assert.Contains(">1.5</td>", html);
        Assert.Contains(">3.33e-01</td>", html);

        Assert.Equal("2/3", Text(doc.Cells[2].Outputs.Single()["data"]!["text/plain"]));

        var read = Grader.ReadResults(doc);
        Assert.Equal(["answer", "half"], read.Select(r => r.Id));
        Assert.Equal(1.5, read[1].Mismatch!.Got);

        string path = Path.Combine(Directory.CreateTempSubdirectory("tutorial-check-").FullName, "checks.ipynb");
        doc.Save(path);
        Assert.Null(Nbformat.Validate(path));
    }

    [Fact]
    public async Task EachSession_HasItsOwnScoreboard_AndSummaryShowsIt()
    {
        var first = Notebook(Usings, Checks, "Check.Summary();");
        var second = Notebook(Usings, "Check.Value(\"only\", 1, expected: 2);", "Scoreboard.Current.Results.Count");
        await NotebookRunner.RunAsync(first);
        await NotebookRunner.RunAsync(second);
        Assert.Equal("1", Text(second.Cells[2].Outputs.Single()["data"]!["text/plain"]));
        var summary = first.Cells[2].Outputs.Single()["data"]!;
        Assert.Equal("✔ answer                           2 / 2\n✘ half                             0 / 1\ntotal: 2 / 3 points", Text(summary["text/plain"]));
        Assert.Contains("<b>2 / 3</b>", Text(summary["text/html"]));
    }

    [Fact]
    public async Task LearnerCodeThatNeverReturns_FailsItsCheckAfterTheTimeLimit_AndTheNotebookGoesOn()
    {
        var doc = Notebook(
            Usings + "\nCheck.TimeLimit = TimeSpan.FromSeconds(1);",
            "double Stuck(double x) { System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite); return x; }\nCheck.Function(\"stuck\", learner: Stuck, reference: x => x);",
            "Check.Value(\"after\", 1, expected: 1);");
        var run = await NotebookRunner.RunAsync(doc);
        Assert.True(run.Succeeded, string.Join("\n", run.Failures.Select(f => $"cell {f.CellNumber}: {f.Error!.Name}: {f.Error.Message}")));
        var results = Grader.ReadResults(doc);
        Assert.Equal(["stuck", "after"], results.Select(r => r.Id));
        Assert.False(results[0].Passed);
        Assert.Equal("your code did not finish within 1 s (an endless loop?); the time limit is Check.TimeLimit.", results[0].Message);
        Assert.True(results[1].Passed);
    }

    [Fact]
    public async Task ThrowingLearnerCode_InsideACheck_LeavesNoErrorOutput()
    {
        var doc = Notebook(Usings,
            "int[] Shape(int n) => throw new IndexOutOfRangeException(\"index 3 is outside (2, 2)\");\n" +
            "Check.Value(\"shape\", () => Shape(2).Length, expected: 2);");
        var run = await NotebookRunner.RunAsync(doc);
        Assert.True(run.Succeeded, string.Join("\n", run.Failures.Select(f => $"cell {f.CellNumber}: {f.Error!.Name}: {f.Error.Message}")));
        Assert.False(doc.Cells[1].HasError);
        var r = Grader.ReadResults(doc).Single();
        Assert.Equal("your code threw IndexOutOfRangeException: index 3 is outside (2, 2)", r.Message);
    }
}
