using System.Diagnostics;
using System.Text.Json.Nodes;
using Tutorial.Notebooks.Execution;
using Tutorial.Notebooks.Ipynb;
using Tutorial.Notebooks.Tests.Support;
using Xunit.Abstractions;

namespace Tutorial.Notebooks.Tests.Chapters;

/// <summary>
/// The committed notebooks themselves: every chapter in <c>notebooks/</c> and every learner version in
/// <c>notebooks/exercises/</c> runs headless top to bottom, as <c>tutorial run --check</c> would, without a
/// single error output (each chapter's check cells throw when a number the text promises does not hold), and
/// is valid nbformat before and after running. In the chapters, which hold the solutions, every exercise
/// check must pass. The run time of each notebook is written to the test output, not asserted.
/// </summary>
public class ChapterNotebooksTests(ITestOutputHelper output)
{
    private const string CheckMimeType = "application/vnd.tutorial.check+json";

    private static readonly Lazy<string> RepositoryRoot = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Tutorial.sln")) && Directory.Exists(Path.Combine(dir.FullName, "notebooks")))
                return dir.FullName;
        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds Tutorial.sln and notebooks/.");
    });

    private static string NotebooksFolder => Path.Combine(RepositoryRoot.Value, "notebooks");

    private static IEnumerable<string> Files(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, "*.ipynb").OrderBy(f => f, StringComparer.Ordinal) : [];

    /// <summary>Every chapter and learner notebook, as a path relative to <c>notebooks/</c>.</summary>
    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var file in Files(NotebooksFolder).Concat(Files(Path.Combine(NotebooksFolder, "exercises"))))
            data.Add(Path.GetRelativePath(NotebooksFolder, file));
        return data;
    }

    private static bool IsLearnerVersion(string relativePath) => Path.GetDirectoryName(relativePath) == "exercises";

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Notebook_RunsHeadless_WithoutErrorOutputs_AndStaysValidNbformat(string relativePath)
    {
        string path = Path.Combine(NotebooksFolder, relativePath);
        var doc = NotebookDocument.Load(path);   // runs in memory; the committed file is not touched
        var clock = Stopwatch.StartNew();
        var result = await NotebookRunner.RunAsync(doc, new RunOptions { StopOnError = false });
        output.WriteLine($"{relativePath}: {result.Cells.Count} code cells in {clock.Elapsed.TotalSeconds:0.0} s");
        foreach (var cell in result.Cells.OrderByDescending(c => c.Elapsed).Take(3))
            output.WriteLine($"  cell {cell.CellNumber}: {cell.Elapsed.TotalSeconds:0.00} s");

        var errors = doc.Cells.Select((c, i) => (Cell: c, Number: i + 1))
            .SelectMany(c => c.Cell.Outputs.Where(o => Type(o) == "error")
                .Select(o => $"cell {c.Number}: {o["ename"]}: {o["evalue"]}"))
            .ToList();
        Assert.True(errors.Count == 0, $"{relativePath} produced error outputs:\n{string.Join("\n", errors)}");
        Assert.True(result.Succeeded);
        Assert.All(doc.Cells.Where(c => c.CellType == "code"), c => Assert.NotNull(c.ExecutionCount));

        if (!IsLearnerVersion(relativePath))
        {
            var failedChecks = CheckMarkers(doc).Where(m => m["passed"]?.GetValue<bool>() != true)
                .Select(m => $"{m["id"]}: {m["message"]}").ToList();
            Assert.True(failedChecks.Count == 0, $"{relativePath}: the solutions should pass every check:\n{string.Join("\n", failedChecks)}");
        }

        string executed = Path.Combine(Path.GetTempPath(), $"tutorial-chapter-{Guid.NewGuid():N}-{Path.GetFileName(path)}");
        try
        {
            doc.Save(executed);
            Assert.Null(Nbformat.Validate(path, executed));
        }
        finally
        {
            File.Delete(executed);
        }
    }

    [Fact]
    public void Chapters_AreCommittedExecuted_AndEachWithExercisesHasALearnerVersion()
    {
        var chapters = Files(NotebooksFolder).ToList();
        Assert.NotEmpty(chapters);
        foreach (var file in chapters)
        {
            var doc = NotebookDocument.Load(file);
            string name = Path.GetFileName(file);
            Assert.Equal(KernelMetadata.KernelName, doc.Metadata["kernelspec"]?["name"]?.GetValue<string>());
            var code = doc.Cells.Where(c => c.CellType == "code").ToList();
            Assert.True(code.Count > 0, $"{name} has no code cells");
            Assert.True(code.All(c => c.ExecutionCount is not null), $"{name} should be committed with its outputs (run it with `tutorial run`)");
            Assert.DoesNotContain(code, c => c.HasError);
            if (doc.Cells.Any(c => c.Source.Contains("// BEGIN SOLUTION", StringComparison.Ordinal)))
                Assert.True(File.Exists(Path.Combine(NotebooksFolder, "exercises", name)),
                    $"{name} has solution regions, so notebooks/exercises/{name} should hold its learner version (`tutorial exercises`)");
        }
    }

    private static string Type(JsonObject output) => output["output_type"]?.GetValue<string>() ?? "";

    /// <summary>The exercise checks' JSON markers in the outputs (held as an object, a string or a list of lines).</summary>
    private static IEnumerable<JsonObject> CheckMarkers(NotebookDocument doc)
    {
        foreach (var cell in doc.Cells)
            foreach (var o in cell.Outputs)
            {
                var node = o["data"]?[CheckMimeType];
                if (node is null) continue;
                if (node is JsonArray lines) node = JsonNode.Parse(string.Concat(lines.Select(l => l!.GetValue<string>())));
                else if (node is JsonValue v && v.TryGetValue<string>(out var text)) node = JsonNode.Parse(text);
                if (node is JsonObject marker) yield return marker;
            }
    }
}
