using System.Text.Json.Nodes;
using Tutorial.Notebooks.Exercises;
using Tutorial.Notebooks.Exercises.Grading;

namespace Tutorial.Notebooks.Tests.Exercises.Grading;

public class GraderTests
{
    private static CheckResult Result(string id, bool passed, double points = 1, string message = "") =>
        new() { Id = id, Points = points, Passed = passed, Kind = "value", Message = message };

    private static readonly CheckDeclaration[] Declared =
    [
        new("sigmoid-derivative", 1, 5),
        new("mse-gradient", 2, 8),
        new("conv-output-size", 1, 10),
    ];

    [Fact]
    public void Grade_CountsDeclaredPoints_UnreachedChecksScoreZero_TheLastResultOfACheckCounts()
    {
        var grade = Grader.Grade("alice.ipynb", Declared,
            [Result("sigmoid-derivative", false, message: "first try"), Result("sigmoid-derivative", true, message: "second try"),
             Result("mse-gradient", false, points: 5, message: "largest mismatch at x[0, 1]"), Result("extra", true)],
            "timed out", "cell 9 ran longer than its time limit", 12.5);
        Assert.Equal(1, grade.Earned);
        Assert.Equal(4, grade.Possible);
        Assert.Equal(25, grade.Percent);
        Assert.Equal(new[]
        {
            new CheckGrade("sigmoid-derivative", 1, 1, "passed", "second try"),
            new CheckGrade("mse-gradient", 2, 0, "failed", "largest mismatch at x[0, 1]"),
            new CheckGrade("conv-output-size", 1, 0, "not reached", "not reached: the notebook timed out"),
            new CheckGrade("extra", 0, 0, "undeclared", "passed, but the notebook does not declare this check, so it does not count"),
        }, grade.Checks);
    }

    [Fact]
    public async Task ReadStatus_NamesTheFirstFailingCell_AndUnrunChecksSayWhy()
    {
        var doc = Tutorial.Notebooks.Ipynb.NotebookDocument.Create();
        doc.AddCell("code", "using Tutorial.Notebooks.Exercises;");
        doc.AddCell("code", "throw new InvalidOperationException(\"boom\");");
        doc.AddCell("code", "Check.Value(\"later\", 1, expected: 1);");
        await Tutorial.Notebooks.Execution.NotebookRunner.RunAsync(doc, new() { StopOnError = false });
        var (status, message) = Grader.ReadStatus(doc);
        Assert.Equal(("errors", "cell 2: InvalidOperationException: boom"), (status, message));
        var grade = Grader.Grade("c.ipynb", [new("later", 1, 3), new("never", 2, 4)], Grader.ReadResults(doc), status, message, 1);
        Assert.Equal(new CheckGrade("later", 1, 1, "passed", "1 is right"), grade.Checks[0]);
        Assert.Equal(new CheckGrade("never", 2, 0, "not reached", "not run; the notebook had errors, the first in cell 2: InvalidOperationException: boom"), grade.Checks[1]);
    }

    [Fact]
    public void Grade_WithoutDeclarations_CountsTheResultsThemselves()
    {
        var grade = Grader.Grade("bob.ipynb", [], [Result("a", true, 2), Result("b", false, 3)], "completed", "", 1);
        Assert.Equal(2, grade.Earned);
        Assert.Equal(5, grade.Possible);
    }

    [Fact]
    public void Report_WritesJsonAndCsv_QuotingFieldsWithCommasAndQuotes()
    {
        var grades = new[]
        {
            Grader.Grade("a.ipynb", Declared, [Result("sigmoid-derivative", true), Result("mse-gradient", false, message: "expected 1, got \"2\"")], "completed", "", 3.14159),
        };
        string dir = Directory.CreateTempSubdirectory("tutorial-report-").FullName;
        var files = GradeReport.Write(dir, grades);
        Assert.Equal(["grades.json", "checks.csv", "notebooks.csv"], files.Select(Path.GetFileName));
        Assert.Equal(""""
            notebook,check,points,earned,status,message
            a.ipynb,sigmoid-derivative,1,1,passed,
            a.ipynb,mse-gradient,2,0,failed,"expected 1, got ""2"""
            a.ipynb,conv-output-size,1,0,not reached,the notebook finished without running this check

            """".Replace("\r\n", "\n"), File.ReadAllText(Path.Combine(dir, "checks.csv")));
        Assert.Equal("notebook,score,possible,percent,status,message\na.ipynb,1,4,25,completed,\n", File.ReadAllText(Path.Combine(dir, "notebooks.csv")));
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "grades.json")))!;
        var nb = json["notebooks"]![0]!;
        Assert.Equal("a.ipynb", nb["notebook"]!.GetValue<string>());
        Assert.Equal(1, nb["score"]!.GetValue<double>());
        Assert.Equal(4, nb["possible"]!.GetValue<double>());
        Assert.Equal(3.14, nb["elapsed_seconds"]!.GetValue<double>());
        Assert.Equal("not reached", nb["checks"]![2]!["status"]!.GetValue<string>());
    }
}
