using Tutorial.Engine.Tensors;
using Tutorial.Notebooks.Charts;
using Tutorial.Notebooks.Tests.Support;

namespace Tutorial.Notebooks.Tests.Charts;

/// <summary>The chart HTML in a real browser (Debian's headless Chromium), offline.</summary>
public class ChartBrowserTests
{
    private static string Page(string folder, params string[] fragments)
    {
        string file = Path.Combine(folder, "charts.html");
        File.WriteAllText(file, "<!doctype html><html><head><meta charset=\"utf-8\"><title>charts</title></head><body>\n" +
            string.Join("\n", fragments) + "\n</body></html>");
        return file;
    }

    private static string[] TwoCharts()
    {
        var points = Tensor<double>.FromArray([-1, 0, -2, 1, 1, 0, 2, -1], 4, 2);
        var labels = Tensor<double>.FromArray([0, 0, 1, 1], 4);
        return
        [
            ChartHtml.ToHtml(Plots.Functions(-3, 3, ("tanh", Math.Tanh), ("tanh'", x => 1 - Math.Tanh(x) * Math.Tanh(x)))),
            ChartHtml.ToHtml(Plots.DecisionBoundary(p =>
            {
                var s = new Tensor<double>(p.Rows, 2);
                for (int i = 0; i < p.Rows; i++) (s[i, 0], s[i, 1]) = (-p[i, 0], p[i, 0]);
                return s;
            }, points, labels, resolution: 30)),
        ];
    }

    private static int PlotsDrawn(string dom) => Tutorial.Notebooks.Tests.Formatting.Html.Count(dom, "class=\"plot-container plotly\"");

    [Fact]
    public void Charts_Draw_WithTheScriptNextToThePage_AndNoConsoleErrors()
    {
        string folder = Directory.CreateTempSubdirectory("tutorial-charts-").FullName;
        PlotlyJs.CopyTo(folder);
        var (dom, console) = Chromium.Load(Page(folder, TwoCharts()));
        Assert.True(console.Count == 0, string.Join("\n", console));
        Assert.Equal(2, PlotsDrawn(dom));
        Assert.Contains("class=\"main-svg\"", dom);
        Assert.DoesNotContain("could not be loaded here (tried plotly", dom);
    }

    [Fact]
    public void WithoutPlotlyJs_TheChartSaysHowToGetIt()
    {
        string folder = Directory.CreateTempSubdirectory("tutorial-charts-").FullName;
        var (dom, _) = Chromium.Load(Page(folder, TwoCharts()[0]));
        Assert.Equal(0, PlotsDrawn(dom));
        Assert.Contains("This chart needs plotly.js, which could not be loaded here (tried plotly.min.js, assets/plotly.min.js)", dom);
        Assert.Contains("display(Tutorial.Notebooks.Charts.PlotlyJs.Embed())", dom);
    }

    [Fact]
    public void Embed_DrawsTheChartsOfAPageWithoutTheScript()
    {
        string folder = Directory.CreateTempSubdirectory("tutorial-charts-").FullName;
        var (dom, console) = Chromium.Load(Page(folder, [.. TwoCharts(), PlotlyJs.Embed().Html]));
        Assert.Equal(2, PlotsDrawn(dom));
        Assert.DoesNotContain("could not be loaded here (tried plotly", dom);
        Assert.True(console.All(l => !l.Contains("Uncaught")), string.Join("\n", console));
    }
}
