using System.Text.Json.Nodes;
using Tutorial.Notebooks.Charts;

namespace Tutorial.Notebooks.Tests.Charts;

public class PlotsLayersTests
{
    [Fact]
    public void Bin_CountsFractionsPerBin_ClampingValuesOutsideAFixedRange()
    {
        var (centers, fractions) = Plots.Bin([-5, -0.9, -0.1, 0.2, 0.3, 0.99, 1, 7], (-1, 1), 4, "p");
        Assert.Equal([-0.75, -0.25, 0.25, 0.75], centers);
        Assert.Equal([2 / 8.0, 1 / 8.0, 2 / 8.0, 3 / 8.0], fractions);
    }

    [Fact]
    public void HistogramGrid_DrawsOneBarTracePerPanel_WithPanelTitles()
    {
        var chart = Plots.HistogramGrid([("a", [1.0, 2, 3]), ("b", [0.0, 0, 1]), ("c", [5.0])], columns: 2, bins: 3, title: "layers");
        var figure = ChartHtml.Figure(chart);
        var traces = figure["data"]!.AsArray();
        Assert.Equal(3, traces.Count);
        Assert.All(traces, t => Assert.Equal("bar", t!["type"]!.GetValue<string>()));
        var y = traces[1]!["y"]!.AsArray().Select(n => n!.GetValue<double>()).ToArray();
        Assert.Equal(1.0, y.Sum(), 9);
        Assert.Equal(2 / 3.0, y[0], 4);
        string layout = figure["layout"]!.ToJsonString();
        Assert.Contains("\"a\"", layout);
        Assert.Contains("\"c\"", layout);
        Assert.Throws<ArgumentException>(() => Plots.HistogramGrid([("empty", Array.Empty<double>())], columns: 1));
    }

    [Fact]
    public void HistogramGrid_StaysWithinTheTextColumn_HoweverManyColumns()
    {
        var panels = Enumerable.Range(0, 18).Select(i => ($"p{i}", (IEnumerable<double>)[i, i + 1.0])).ToList();
        var layout = ChartHtml.Figure(Plots.HistogramGrid(panels, columns: 6))["layout"]!;
        Assert.Equal(Plots.MaxGridWidth, layout["width"]!.GetValue<double>());
        Assert.Equal(60 + 190 * 3, layout["height"]!.GetValue<double>());
    }
}
