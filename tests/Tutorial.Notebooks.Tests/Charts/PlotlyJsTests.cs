using Tutorial.Notebooks.Charts;

namespace Tutorial.Notebooks.Tests.Charts;

public class PlotlyJsTests
{
    [Fact]
    public void VendoredFile_IsFoundAndIsPlotly412_UnderFiveMegabytes()
    {
        string? file = PlotlyJs.LocalFile;
        Assert.NotNull(file);
        var info = new FileInfo(file);
        Assert.True(info.Length < 5_000_000, $"{file} has {info.Length} bytes");
        using var reader = new StreamReader(file);
        var head = new char[64];
        reader.ReadBlock(head);
        Assert.Contains("plotly.js v4.1.2", new string(head));
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(file)!, "LICENSE")));
    }

    [Fact]
    public void CopyTo_PutsTheScriptNextToPages()
    {
        string folder = Directory.CreateTempSubdirectory("tutorial-book-").FullName;
        string copied = PlotlyJs.CopyTo(folder);
        Assert.Equal(Path.Combine(folder, "plotly.min.js"), copied);
        Assert.Equal(new FileInfo(PlotlyJs.LocalFile!).Length, new FileInfo(copied).Length);
    }

    [Fact]
    public void Embed_InlinesTheLibrary_WithoutEndingItsScriptEarly()
    {
        Tutorial.Notebooks.Formatting.KitFormatters.EnsureRegistered();
        var embed = PlotlyJs.Embed();
        string html = embed.Html;
        Assert.True(html.Length > 4_000_000);
        Assert.Equal(2, Tutorial.Notebooks.Tests.Formatting.Html.Count(html, "</script>"));
        Assert.Equal(0, Tutorial.Notebooks.Tests.Formatting.Html.Count(html, "<!--"));
        Assert.Contains("window.Plotly = Plotly;", html);
        Assert.Contains("plotly.js 4.1.2 embedded", html);
        // Displayed as its HTML, with a short text/plain (not the library twice).
        var bundle = Tutorial.Notebooks.Display.Formatters.Format(embed);
        Assert.Equal(html, bundle.Get("text/html"));
        Assert.StartsWith("plotly.js 4.1.2 embedded (", bundle.Get("text/plain"));
    }
}
