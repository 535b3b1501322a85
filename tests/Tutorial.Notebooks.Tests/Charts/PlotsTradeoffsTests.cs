using System.Text.Json.Nodes;
using Plotly.NET;
using Tutorial.Notebooks.Charts;

namespace Tutorial.Notebooks.Tests.Charts;

public class PlotsTradeoffsTests
{
    private static JsonArray Traces(GenericChart chart) => ChartHtml.Figure(chart)["data"]!.AsArray();

    private static double[] Numbers(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<double>()).ToArray();

    [Fact]
    public void Curves_DrawsEachSeriesWithItsOwnX_AsLinesWithMarkers()
    {
        var chart = Plots.Curves([("pruned", [400.0, 200, 100], [0.95, 0.94, 0.90]), ("int8", [100.0], [0.95])],
            title: "accuracy against size", xLabel: "KB", yLabel: "accuracy");
        var traces = Traces(chart);
        Assert.Equal(["pruned", "int8"], traces.Select(t => t!["name"]!.GetValue<string>()));
        Assert.Equal([400.0, 200, 100], Numbers(traces[0]!["x"]));
        Assert.Equal([0.95, 0.94, 0.90], Numbers(traces[0]!["y"]));
        Assert.Equal([100.0], Numbers(traces[1]!["x"]));
        Assert.Equal("lines+markers", traces[0]!["mode"]!.GetValue<string>());
        Assert.NotEqual(traces[0]!["line"]!["color"]!.ToJsonString(), traces[1]!["line"]!["color"]!.ToJsonString());
    }

    [Fact]
    public void Curves_WithLogX_UsesALogarithmicXAxis()
    {
        var layout = ChartHtml.Figure(Plots.Curves([("a", [1.0, 10, 100], [1.0, 2, 3])], logX: true))["layout"]!;
        Assert.Equal("log", layout["xaxis"]!["type"]!.GetValue<string>());
        var linear = ChartHtml.Figure(Plots.Curves([("a", [1.0, 10, 100], [1.0, 2, 3])]))["layout"]!;
        Assert.Null(linear["xaxis"]?["type"]);
    }

    [Fact]
    public void Curves_RejectsSeriesWhoseXAndYDiffer_AndNoSeries()
    {
        var e = Assert.Throws<ArgumentException>(() => Plots.Curves([("bad", [1.0, 2], [1.0])]));
        Assert.Contains("bad", e.Message);
        Assert.Throws<ArgumentException>(() => Plots.Curves([]));
    }
}
