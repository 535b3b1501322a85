using System.Text.Json.Nodes;
using Plotly.NET;
using Tutorial.Notebooks.Charts;

namespace Tutorial.Notebooks.Tests.Charts;

public class PlotsBarsTests
{
    private static JsonArray Traces(GenericChart chart) => ChartHtml.Figure(chart)["data"]!.AsArray();

    [Fact]
    public void Bars_DrawsOneBarPerLabel_InOrder_WithTheValuesAsText()
    {
        var chart = Plots.Bars([("clean", 97.24), ("shifted", 80.0), ("rotated", 61.5)], "Accuracy", yLabel: "%");
        var traces = Traces(chart);
        var bar = Assert.Single(traces)!;
        Assert.Equal("bar", bar["type"]!.GetValue<string>());
        Assert.Equal(["clean", "shifted", "rotated"], bar["x"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal([97.24, 80.0, 61.5], bar["y"]!.AsArray().Select(n => n!.GetValue<double>()));
        Assert.Equal(["97.2", "80", "61.5"], bar["text"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Contains("Accuracy", ChartHtml.Figure(chart)["layout"]!.ToJsonString());
    }

    [Fact]
    public void Bars_RejectsNoBarsAndRepeatedLabels()
    {
        Assert.Throws<ArgumentException>(() => Plots.Bars([]));
        var e = Assert.Throws<ArgumentException>(() => Plots.Bars([("a", 1), ("a", 2)]));
        Assert.Contains("must differ", e.Message);
    }
}
