using System.Text.Json.Nodes;
using Tutorial.Notebooks.Execution;
using Tutorial.Notebooks.Exercises;
using Tutorial.Notebooks.Exercises.Grading;
using Tutorial.Notebooks.Ipynb;
using Tutorial.Notebooks.Tests.Support;

namespace Tutorial.Notebooks.Tests.Exercises;

public class LearnerNotebookTests
{
    /// <summary>A solution notebook saved as ch.solution.ipynb in a new folder; "md:" cells are markdown.</summary>
    private static NotebookDocument Solution(params string[] cells)
    {
        var doc = NotebookDocument.Create();
        foreach (var c in cells)
        {
            if (c.StartsWith("md:")) doc.AddCell("markdown", c[3..]);
            else doc.AddCell("code", c);
        }
        string path = Path.Combine(Directory.CreateTempSubdirectory("tutorial-exercises-").FullName, "ch.solution.ipynb");
        doc.Save(path);
        return NotebookDocument.Load(path);
    }

    private static void AssertRan(NotebookRunResult run) =>
        Assert.True(run.Succeeded, string.Join("\n", run.Failures.Select(f => $"cell {f.CellNumber}: {f.Error!.Name}: {f.Error.Message}")));

    private const string Usings = "using Tutorial.Engine.Tensors;\nusing Tutorial.Notebooks.Exercises;";

    [Fact]
    public async Task BodyRegion_BecomesYourCodeHereAndAThrow_LocalsUsedLaterKeepADefault()
    {
        var solution = Solution(Usings, """
            double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
            double SigmoidDerivative(double x)
            {
                // BEGIN SOLUTION
                var s = Sigmoid(x);
                double unused = 1;
                // END SOLUTION
                return s * (1 - s);
            }
            """, """Check.Function("sigmoid-derivative", learner: SigmoidDerivative, reference: x => Math.Exp(-x) / Math.Pow(1 + Math.Exp(-x), 2));""");
        var learner = await LearnerNotebook.CreateAsync(solution);
        Assert.Empty(learner.CompileErrors);
        Assert.Equal(1, learner.CodeRegions);
        Assert.Equal("""
            double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
            double SigmoidDerivative(double x)
            {
                // YOUR CODE HERE
                double s = default!;
                throw new NotImplementedException("Exercise: implement SigmoidDerivative.");
                return s * (1 - s);
            }
            """, learner.Notebook.Cells[1].Source);

        AssertRan(await NotebookRunner.RunAsync(learner.Notebook));
        var result = Grader.ReadResults(learner.Notebook).Single();
        Assert.False(result.Passed);
        Assert.Equal("not implemented yet: Exercise: implement SigmoidDerivative.", result.Message);
    }

    [Fact]
    public async Task TopLevelRegion_KeepsItsVariablesDeclared_WithTypesFromTheSolution_AndDoesNotThrow()
    {
        var solution = Solution(Usings, """
            // BEGIN SOLUTION
            var weights = Tensor<double>.Ones(2, 3);
            int outputSize = (32 + 2 * 2 - 5) / 1 + 1, other = 1;
            const int Kernel = 5;
            Console.WriteLine("solution ran");
            // END SOLUTION
            Console.WriteLine("cell goes on");
            """, """Check.Value("conv-output-size", outputSize, expected: 32); Console.WriteLine(weights is null ? "weights null" : "weights set");""");
        var learner = await LearnerNotebook.CreateAsync(solution);
        Assert.Empty(learner.CompileErrors);
        Assert.Equal("""
            // YOUR CODE HERE
            Tensor<double> weights = default!;
            int outputSize = default!;
            int other = default!;
            int Kernel = default!;
            Console.WriteLine("cell goes on");
            """, learner.Notebook.Cells[1].Source);
        AssertRan(await NotebookRunner.RunAsync(learner.Notebook));
        Assert.Equal("expected 32, got 0", Grader.ReadResults(learner.Notebook).Single().Message);
    }

    [Fact]
    public async Task Declarations_InARegion_KeepTheirSignatures_WithThrowingBodies()
    {
        var solution = Solution(Usings, """
            // BEGIN SOLUTION
            /// <summary>ReLU.</summary>
            double Relu(double x) => Math.Max(0, x);

            class Scaler
            {
                private double _factor = 2;
                public Scaler(double factor) { _factor = factor; }
                public double Factor => _factor;
                public int Count { get; set; } = 3;
                public double Apply(double x)
                {
                    return _factor * x;
                }
            }
            // END SOLUTION
            """, """
            class Doubler
            {
                public double Twice(double x)
                {
                    // BEGIN SOLUTION
                    return 2 * x;
                    // END SOLUTION
                }

                // BEGIN SOLUTION
                public double Thrice(double x) => 3 * x;
                // END SOLUTION
            }
            """, """Check.Value("relu", () => Relu(-1) + new Scaler(2).Apply(1) + new Doubler().Thrice(1), expected: 2.0);""");
        var learner = await LearnerNotebook.CreateAsync(solution);
        Assert.Empty(learner.CompileErrors);
        Assert.Equal("""
            // YOUR CODE HERE
            /// <summary>ReLU.</summary>
            double Relu(double x) => throw new NotImplementedException("Exercise: implement Relu.");
            class Scaler
            {
                private double _factor;
                public Scaler(double factor) => throw new NotImplementedException("Exercise: implement the constructor of Scaler.");
                public double Factor => throw new NotImplementedException("Exercise: implement Factor.");
                public int Count { get; set; }
                public double Apply(double x) => throw new NotImplementedException("Exercise: implement Apply.");
            }
            """, learner.Notebook.Cells[1].Source);
        Assert.Equal("""
            class Doubler
            {
                public double Twice(double x)
                {
                    // YOUR CODE HERE
                    throw new NotImplementedException("Exercise: implement Twice.");
                }

                // YOUR CODE HERE
                public double Thrice(double x) => throw new NotImplementedException("Exercise: implement Thrice.");
            }
            """, learner.Notebook.Cells[2].Source);
        Assert.Equal(3, learner.CodeRegions);
        AssertRan(await NotebookRunner.RunAsync(learner.Notebook));
        Assert.Equal("not implemented yet: Exercise: implement Relu.", Grader.ReadResults(learner.Notebook).Single().Message);
    }

    [Fact]
    public async Task MarkdownRegions_AreRemoved_OutputsCleared_MetadataRecordsTheLearnerVersionAndItsChecks()
    {
        var solution = Solution(
            "md:# Chapter\n\nWhy does the gradient vanish?\n\n<!-- BEGIN SOLUTION -->\nBecause σ′ ≤ 1/4.\n<!-- END SOLUTION -->\n\nNext.",
            "md:<!-- BEGIN SOLUTION -->\nA cell that is all solution.\n<!-- END SOLUTION -->",
            Usings,
            "Check.Value(\"a\", 1, expected: 1, points: 2.5);\nCheck.Value(\"b\", 1, expected: 1);");
        await NotebookRunner.RunAsync(solution);
        Assert.NotEmpty(solution.Cells[3].Outputs);
        var learner = await LearnerNotebook.CreateAsync(solution, "ch.ipynb");
        var cells = learner.Notebook.Cells;
        Assert.Equal(3, cells.Count);
        Assert.Equal("# Chapter\n\nWhy does the gradient vanish?\n\n\nNext.", cells[0].Source);
        Assert.Equal(2, learner.MarkdownRegions);
        Assert.All(cells.Where(c => c.CellType == "code"), c =>
        {
            Assert.Empty(c.Outputs);
            Assert.Null(c.ExecutionCount);
        });
        var exercise = learner.Notebook.Metadata["tutorial"]!["exercise"]!;
        Assert.Equal("learner", exercise["version"]!.GetValue<string>());
        Assert.Equal("ch.solution.ipynb", exercise["solution"]!.GetValue<string>());
        Assert.Equal(3.5, exercise["total_points"]!.GetValue<double>());
        Assert.Equal(new[] { new CheckDeclaration("a", 2.5, 4), new CheckDeclaration("b", 1, 4) }, CheckDeclarations.FromMetadata(learner.Notebook)!);
        Assert.Equal("ch.ipynb", learner.Notebook.Path);
        // The kernel metadata is kept, and the file is valid nbformat.
        Assert.Equal(".net-csharp", learner.Notebook.Metadata["kernelspec"]!["name"]!.GetValue<string>());
        string path = Path.Combine(Path.GetDirectoryName(solution.Path)!, "ch.ipynb");
        learner.Notebook.Save(path);
        Assert.Null(Nbformat.Validate(path));
    }

    [Theory]
    [InlineData("var a = 1;\n// BEGIN SOLUTION\nvar b = 2;", "ch.solution.ipynb, cell 2: '// BEGIN SOLUTION' on line 2 is never closed by '// END SOLUTION'.")]
    [InlineData("var a = 1;\n// END SOLUTION", "ch.solution.ipynb, cell 2: '// END SOLUTION' on line 2 has no '// BEGIN SOLUTION' before it.")]
    [InlineData("// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION\n// END SOLUTION",
        "ch.solution.ipynb, cell 2: '// BEGIN SOLUTION' on line 2 opens a region inside the one opened on line 1; close that one with '// END SOLUTION' first (regions cannot nest).")]
    [InlineData("md:text\n<!-- BEGIN SOLUTION -->\nanswer", "ch.solution.ipynb, cell 2: '<!-- BEGIN SOLUTION -->' on line 2 is never closed by '<!-- END SOLUTION -->'.")]
    [InlineData("var x = Math.Max(\n    // BEGIN SOLUTION\n    1,\n    // END SOLUTION\n    2);",
        "ch.solution.ipynb, cell 2: the solution region on lines 2–4 cuts through 'var x = Math.Max( …'; put '// BEGIN SOLUTION' and '// END SOLUTION' on lines of their own around whole statements or members.")]
    public async Task BadMarkers_AreRefused_NamingNotebookCellAndLine(string cell, string message)
    {
        var solution = Solution(Usings, cell);
        var e = await Assert.ThrowsAsync<ExerciseFormatException>(() => LearnerNotebook.CreateAsync(solution));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public async Task ALearnerVersionThatWouldNotCompile_IsReported_WithTheCell()
    {
        // A deconstruction is not a declaration the placeholder keeps, so the next cell loses a and b.
        var solution = Solution(Usings, "// BEGIN SOLUTION\nvar (a, b) = (1, 2);\n// END SOLUTION", "Console.WriteLine(a + b);");
        var learner = await LearnerNotebook.CreateAsync(solution);
        var error = Assert.Single(learner.CompileErrors);
        Assert.StartsWith("ch.solution.ipynb, cell 3: the learner version does not compile: line 1: error CS0103: The name 'a' does not exist in the current context", error);
    }

    [Fact]
    public async Task VarInARegion_OfACellThatDoesNotCompile_AsksForAnExplicitType()
    {
        var solution = Solution(Usings, "// BEGIN SOLUTION\nvar size = UnknownFunction();\n// END SOLUTION");
        var e = await Assert.ThrowsAsync<ExerciseFormatException>(() => LearnerNotebook.CreateAsync(solution));
        Assert.Equal("ch.solution.ipynb, cell 2: cannot tell the type of 'size', declared with var in a solution region of a cell that does not compile; write its type instead of var.", e.Message);
    }
}
