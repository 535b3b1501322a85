using System.Text.Json.Nodes;
using Tutorial.Notebooks.Exercises;
using Tutorial.Notebooks.Ipynb;

namespace Tutorial.Notebooks.Tests.Exercises;

public class CheckDeclarationsTests
{
    [Fact]
    public void Scan_FindsLiteralIdsAndPoints_WarnsAboutComputedIds_AndReadsHandListedChecks()
    {
        var doc = NotebookDocument.Create();
        doc.AddCell("code", "#r \"nuget: Plotly.NET, 6.0.0\"\nusing Tutorial.Notebooks.Exercises;");
        doc.AddCell("markdown", "Check.Value(\"in-markdown\", 1, 1); is not code");
        doc.AddCell("code", """
            Check.Function("sigmoid-derivative", points: 2, learner: F, reference: G);
            // Check.Value("commented-out", 1, expected: 1);
            Tutorial.Notebooks.Exercises.Check.Gradient(id: "mse-gradient", f: L, learnerGradient: D);
            string id = "computed";
            Check.Value(id, 1, expected: 1);
            Check.Value<string>("generic", () => "a", "a", points: 0.5);
            Check.Summary();
            Check.Value("sigmoid-derivative", 1, expected: 1, points: 3);
            """);
        doc.Metadata["tutorial"] = new JsonObject { ["checks"] = new JsonArray(new JsonObject { ["id"] = "by-hand", ["points"] = 4 }) };
        var scan = CheckDeclarations.Scan(doc);
        Assert.Equal(new[]
        {
            new CheckDeclaration("sigmoid-derivative", 2, 3),
            new CheckDeclaration("mse-gradient", 1, 3),
            new CheckDeclaration("generic", 0.5, 3),
            new CheckDeclaration("by-hand", 4, 0),
        }, scan.Checks);
        Assert.Equal(7.5, scan.TotalPoints);
        Assert.Equal(2, scan.Warnings.Count);
        Assert.StartsWith("notebook, cell 3, line 5: the id of Check.Value is not a string literal", scan.Warnings[0]);
        Assert.StartsWith("notebook, cell 3, line 8: check \"sigmoid-derivative\" is declared again with 3 points", scan.Warnings[1]);
    }

    [Fact]
    public void Of_PrefersTheLearnerMetadata_OverTheSource()
    {
        var doc = NotebookDocument.Create();
        doc.AddCell("code", "Check.Value(\"a\", 1, expected: 1);");
        Assert.Equal(new[] { new CheckDeclaration("a", 1, 1) }, CheckDeclarations.Of(doc).Checks);
        doc.Metadata["tutorial"] = new JsonObject
        {
            ["exercise"] = new JsonObject { ["checks"] = CheckDeclarations.ToJson([new CheckDeclaration("a", 1, 1), new CheckDeclaration("deleted-by-learner", 2, 5)]) },
        };
        Assert.Equal(new[] { new CheckDeclaration("a", 1, 1), new CheckDeclaration("deleted-by-learner", 2, 5) }, CheckDeclarations.Of(doc).Checks);
    }
}
