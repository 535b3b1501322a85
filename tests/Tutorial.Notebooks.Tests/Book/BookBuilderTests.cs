using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Tutorial.Notebooks.Book;
using Tutorial.Notebooks.Ipynb;
using Tutorial.Notebooks.Tests.Support;
using Xunit.Abstractions;

namespace Tutorial.Notebooks.Tests.Book;

public class BookBuilderTests(ITestOutputHelper output)
{
    private const string ChartCell =
        "display(new Tutorial.Notebooks.Display.Html(\"<div id='plot-1' style='height:320px'></div>" +
        "<script>Plotly.newPlot('plot-1', [{x: [0, 1, 2, 3], y: [1, 0.5, 0.3, 0.2], name: 'loss'}]);</script>\"));";

    private static string MakeNotebooks()
    {
        string dir = Directory.CreateTempSubdirectory("tutorial-book-").FullName;
        var one = NotebookDocument.Create();
        one.AddCell("markdown", "# The loss\n\nThe mean squared error is $L = \\frac{1}{N}\\sum_n (y_n - \\hat y_n)^2$.\n\n$$\n\\frac{\\partial L}{\\partial \\hat y_n} = \\frac{2}{N}(\\hat y_n - y_n)\n$$");
        one.AddCell("code", ChartCell + "\nConsole.WriteLine(\"trained\");\n6 * 7");
        one.Save(Path.Combine(dir, "01-loss.ipynb"));
        var two = NotebookDocument.Create();
        two.AddCell("markdown", "# Second chapter\n\nMore <prose> & math: $a^2$.");
        two.AddCell("code", "var s = \"<b>not html</b>\";\ns");
        two.Save(Path.Combine(dir, "02-second.ipynb"));
        return dir;
    }

    [Fact]
    public async Task Build_RunsChapters_WritesOutputsBack_AndRendersPagesWithLocalAssetsOnly()
    {
        string notebooks = MakeNotebooks();
        string book = Path.Combine(notebooks, "book");
        var result = await BookBuilder.BuildAsync(new BookOptions { NotebooksDirectory = notebooks, OutputDirectory = book });

        Assert.True(result.Succeeded);
        Assert.Equal(["The loss", "Second chapter"], result.Chapters.Select(c => c.Title));
        var executed = NotebookDocument.Load(Path.Combine(notebooks, "01-loss.ipynb"));
        Assert.Equal(1, executed.Cells[1].ExecutionCount);
        Assert.Null(Nbformat.Validate(Path.Combine(notebooks, "01-loss.ipynb"), Path.Combine(notebooks, "02-second.ipynb")));

        string index = File.ReadAllText(Path.Combine(book, "index.html"));
        Assert.Contains("<a href=\"01-loss.html\">The loss</a>", index);
        string page = File.ReadAllText(Path.Combine(book, "01-loss.html"));
        Assert.Contains("Plotly.newPlot", page);
        Assert.Contains("<pre class=\"out stream stdout\">trained\n</pre>", page);
        Assert.Contains("<pre class=\"out result\">42</pre>", page);
        Assert.Contains("<a class=\"next\" href=\"02-second.html\">", page);
        string second = File.ReadAllText(Path.Combine(book, "02-second.html"));
        Assert.Contains("&lt;b&gt;not html&lt;/b&gt;", second);

        foreach (var html in Directory.GetFiles(book, "*.html"))
        {
            var sources = Regex.Matches(File.ReadAllText(html), "(?:src|href)=\"([^\"]+)\"").Select(m => m.Groups[1].Value);
            Assert.All(sources, s => Assert.DoesNotMatch("^(https?:)?//", s));
        }
        Assert.True(File.Exists(Path.Combine(book, "assets", "plotly.min.js")));
        Assert.True(File.Exists(Path.Combine(book, "assets", "katex", "contrib", "auto-render.min.js")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(book, "assets", "katex", "fonts"), "*.woff2"));
    }

    [Fact]
    public async Task Book_OpensInHeadlessChromium_WithoutConsoleErrors_PlotsDrawAndMathRenders()
    {
        string notebooks = MakeNotebooks();
        string book = Path.Combine(notebooks, "book");
        await BookBuilder.BuildAsync(new BookOptions { NotebooksDirectory = notebooks, OutputDirectory = book });

        foreach (var page in new[] { "index.html", "01-loss.html", "02-second.html" })
        {
            var (dom, console) = Chromium.Load(Path.Combine(book, page));
            Assert.True(console.Count == 0, $"{page}: {string.Join("\n", console)}");
            Assert.Contains("</body>", dom);
            if (page == "01-loss.html")
            {
                Assert.Contains("class=\"main-svg\"", dom);
                Assert.Contains("class=\"katex-display\"", dom);
            }
            if (page == "02-second.html") Assert.Contains("class=\"katex\"", dom);
        }

        string shots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(shots);
        string png = Path.Combine(shots, "book-01-loss.png");
        Chromium.Screenshot(Path.Combine(book, "01-loss.html"), png);
        Assert.True(new FileInfo(png).Length > 10_000);
        output.WriteLine($"Screenshot of the chapter page: {png}");
    }

    [Fact]
    public async Task MissingNotebooksFolder_IsAClearError()
    {
        var e = await Assert.ThrowsAsync<DirectoryNotFoundException>(() =>
            BookBuilder.BuildAsync(new BookOptions { NotebooksDirectory = "/no/such/folder", OutputDirectory = "/tmp/x" }));
        Assert.Contains("/no/such/folder", e.Message);
    }

    [Fact]
    public void Outputs_RenderRichestFirst_AndErrorsInRed()
    {
        var html = BookPage.RenderOutput(JsonNode.Parse("""{"output_type":"display_data","data":{"text/html":["<b>x</b>"],"text/plain":["x"]},"metadata":{}}""")!.AsObject());
        Assert.Equal("<div class=\"out html\"><b>x</b></div>\n", html);
        var png = BookPage.RenderOutput(JsonNode.Parse("""{"output_type":"display_data","data":{"image/png":"iVBORw0KGgo=","text/plain":["img"]},"metadata":{}}""")!.AsObject());
        Assert.Contains("src=\"data:image/png;base64,iVBORw0KGgo=\"", png);
        var error = BookPage.RenderOutput(JsonNode.Parse("""{"output_type":"error","ename":"InvalidOperationException","evalue":"a < b","traceback":["at cell 2, line 1"]}""")!.AsObject());
        Assert.Equal("<pre class=\"out error\">InvalidOperationException: a &lt; b\nat cell 2, line 1</pre>\n", error);
    }
}
