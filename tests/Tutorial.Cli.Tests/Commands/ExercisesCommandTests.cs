using Tutorial.Cli.Commands;
using Tutorial.Notebooks.Exercises;
using Tutorial.Notebooks.Ipynb;

namespace Tutorial.Cli.Tests.Commands;

[Collection(ConsoleCollection.Name)]
public class ExercisesCommandTests
{
    [Fact]
    public async Task Exercises_WritesTheLearnerVersion_WithPlaceholdersClearedOutputsAndDeclaredChecks()
    {
        string dir = Directory.CreateTempSubdirectory("tutorial-exercises-").FullName;
        string outDir = Path.Combine(dir, "learners");
        var (exit, output) = await CliHarness.RunAsync("exercises", CliHarness.FixtureSolution, "--output", outDir);
        Assert.Equal(0, exit);
        string learnerPath = Path.Combine(outDir, "derivatives.ipynb");
        Assert.Contains($"-> {learnerPath}: 3 code and 1 markdown solution regions replaced; 3 checks declared (4 points): " +
                        "sigmoid-derivative, mse-gradient, conv-output-size", output);
        var learner = NotebookDocument.Load(learnerPath);
        string all = string.Join("\n", learner.Cells.Select(c => c.Source));
        Assert.DoesNotContain("BEGIN SOLUTION", all);
        Assert.DoesNotContain("s * (1 - s)", all);
        Assert.DoesNotContain("**Answer:**", all);
        Assert.Contains("    // YOUR CODE HERE\n    throw new NotImplementedException(\"Exercise: implement SigmoidDerivative.\");", learner.Cells[3].Source);
        Assert.Equal("// YOUR CODE HERE\nint outputSize = default!;\nCheck.Value(\"conv-output-size\", outputSize, expected: 32);", learner.Cells[9].Source);
        Assert.Equal("learner", learner.Metadata["tutorial"]!["exercise"]!["version"]!.GetValue<string>());
        Assert.Equal(new[] { "sigmoid-derivative", "mse-gradient", "conv-output-size" }, CheckDeclarations.FromMetadata(learner)!.Select(c => c.Id));
    }

    [Fact]
    public async Task Exercises_UnbalancedMarkers_FailNamingTheNotebookAndCell_AndWriteNothing()
    {
        string dir = Directory.CreateTempSubdirectory("tutorial-exercises-").FullName;
        var doc = NotebookDocument.Create();
        doc.AddCell("markdown", "# Title");
        doc.AddCell("code", "double F(double x)\n{\n    // BEGIN SOLUTION\n    return x;\n}");
        string path = Path.Combine(dir, "bad.solution.ipynb");
        doc.Save(path);
        var (exit, output) = await CliHarness.RunAsync("exercises", path);
        Assert.Equal(1, exit);
        Assert.Contains("FAILED: bad.solution.ipynb, cell 2: '// BEGIN SOLUTION' on line 3 is never closed by '// END SOLUTION'.", output);
        Assert.False(File.Exists(Path.Combine(dir, "bad.ipynb")));
    }

    [Theory]
    [InlineData("/c/ch3.solution.ipynb", null, "/c/ch3.ipynb")]
    [InlineData("/c/ch3-solution.ipynb", "/out", "/out/ch3.ipynb")]
    [InlineData("/c/ch3_Solution.ipynb", null, "/c/ch3.ipynb")]
    [InlineData("/c/ch3.ipynb", "/out", "/out/ch3.ipynb")]
    [InlineData("/c/ch3.ipynb", null, "/c/ch3.learner.ipynb")]
    [InlineData("/c/ch3.ipynb", "/c", "/c/ch3.learner.ipynb")]
    public void LearnerPath_DropsTheSolutionSuffix_AndNeverOverwritesTheSolution(string solution, string? output, string expected) =>
        Assert.Equal(expected, ExercisesCommand.LearnerPath(solution, output));
}
