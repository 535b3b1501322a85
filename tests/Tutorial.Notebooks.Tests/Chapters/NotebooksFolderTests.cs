using System.Text.Json.Nodes;
using Tutorial.Notebooks.Book;
using Tutorial.Notebooks.Execution;
using Tutorial.Notebooks.Ipynb;
using Tutorial.Notebooks.Tests.Support;
using Xunit.Abstractions;

namespace Tutorial.Notebooks.Tests.Chapters;

/// <summary>
/// Every committed notebook (chapters and learner versions) runs headless top to bottom with no
/// error output, and what the runner writes is valid nbformat; the book built from the committed
/// notebooks opens in Chromium with no console errors and its charts drawn.
/// </summary>
public class NotebooksFolderTests(ITestOutputHelper output)
{
    /// <summary>The per-cell limit in the test suite: a chapter is meant to run in well under 45 s in all.</summary>
    private static readonly TimeSpan CellLimit = TimeSpan.FromSeconds(45);

    public static IEnumerable<object[]> Notebooks() =>
        RepositoryPaths.AllNotebooks().Select(f => new object[] { Path.GetRelativePath(RepositoryPaths.Root, f) });

    [Fact]
    public void NotebooksFolder_HasNotebooks_AndEachIsValidNbformatWithTheKitsKernelspec()
    {
        var files = RepositoryPaths.AllNotebooks().ToArray();
        Assert.NotEmpty(files);
        Assert.Null(Nbformat.Validate(files));
        foreach (var file in files)
            Assert.Equal(KernelMetadata.KernelName, NotebookDocument.Load(file).Metadata["kernelspec"]?["name"]?.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Notebook_RunsHeadless_WithNoErrorOutput_AndWritesValidNbformat(string relativePath)
    {
        string source = Path.Combine(RepositoryPaths.Root, relativePath);
        var doc = NotebookDocument.Load(source);
        var result = await NotebookRunner.RunAsync(doc, new RunOptions { CellTimeout = CellLimit, StopOnError = false });
        output.WriteLine($"{relativePath}: {result.Cells.Count} code cells in {result.Elapsed.TotalSeconds:0.0} s");

        var errors = doc.Cells.Select((c, i) => (Cell: c, Number: i + 1))
            .SelectMany(c => c.Cell.Outputs.Where(o => o["output_type"]?.GetValue<string>() == "error")
                .Select(o => $"cell {c.Number}: {o["ename"]}: {o["evalue"]}"))
            .ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        string copy = Path.Combine(Directory.CreateTempSubdirectory("tutorial-chapter-").FullName, Path.GetFileName(source));
        doc.Save(copy);
        Assert.Null(Nbformat.Validate(copy));
    }

    [Fact]
    public async Task BookOfTheCommittedNotebooks_OpensInChromium_WithChartsDrawnAndNoConsoleErrors()
    {
        string book = Directory.CreateTempSubdirectory("tutorial-book-").FullName;
        var built = await BookBuilder.BuildAsync(new BookOptions { NotebooksDirectory = RepositoryPaths.Notebooks, OutputDirectory = book, Execute = false });
        foreach (var chapter in built.Chapters)
        {
            int charts = NotebookDocument.Load(chapter.Notebook).Cells
                .SelectMany(c => c.Outputs)
                .Count(o => o["data"] is JsonObject data && data["text/html"] is { } html && html.ToJsonString().Contains("Plotly"));
            var (dom, console) = Chromium.Load(chapter.Page);
            Assert.True(console.Count == 0, $"{Path.GetFileName(chapter.Page)}: {string.Join("\n", console)}");
            int drawn = dom.Split("class=\"main-svg\"").Length - 1;
            output.WriteLine($"{Path.GetFileName(chapter.Page)}: {charts} chart outputs, {drawn} plotly SVG layers");
            if (charts > 0) Assert.True(drawn >= charts, $"{Path.GetFileName(chapter.Page)}: {charts} charts but {drawn} drawn SVG layers");
        }
        string png = Path.Combine(AppContext.BaseDirectory, "screenshots", "book-" + Path.GetFileNameWithoutExtension(built.Chapters[^1].Page) + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(png)!);
        Chromium.Screenshot(built.Chapters[^1].Page, png, 1280, 3000);
        output.WriteLine($"Screenshot: {png}");
    }
}
