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

    [Fact]
    public void GroupedBars_DrawsOneTracePerSeries_OverTheSameCategories()
    {
        var chart = Plots.GroupedBars(["clean", "shifted"], [("plain", [94.0, 69.0]), ("augmented", [93.0, 90.4])], "Accuracy");
        var traces = Traces(chart);
        Assert.Equal(2, traces.Count);
        Assert.Equal(["plain", "augmented"], traces.Select(t => t!["name"]!.GetValue<string>()));
        Assert.All(traces, t => Assert.Equal(["clean", "shifted"], t!["x"]!.AsArray().Select(n => n!.GetValue<string>())));
        Assert.Equal([93.0, 90.4], traces[1]!["y"]!.AsArray().Select(n => n!.GetValue<double>()));
        Assert.Equal(["93", "90.4"], traces[1]!["text"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.NotEqual(traces[0]!["marker"]!["color"]!.ToJsonString(), traces[1]!["marker"]!["color"]!.ToJsonString());
    }

    [Fact]
    public void GroupedBars_RejectsASeriesOfTheWrongLength()
    {
        var e = Assert.Throws<ArgumentException>(() => Plots.GroupedBars(["a", "b"], [("s", [1.0])]));
        Assert.Contains("'s' has 1 values for 2 categories", e.Message);
    }
}
