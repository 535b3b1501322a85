using Tutorial.Notebooks.Charts;

namespace Tutorial.Notebooks.Tests.Charts;

public class ChartStyleTests
{
    private static string LineHtml() => ChartHtml.ToHtml(Plots.Line([0.0, 1.0], [0.0, 1.0], "a"));

    [Fact]
    public void Combine_WithARawPlotlyChart_LeavesTheTemplateOfLaterChartsUnchanged()
    {
        string before = LineHtml();
        var raw = Plotly.NET.CSharp.Chart.Line<double, double, string>(new[] { 0.0, 1.0 }, new[] { 1.0, 0.0 }, Name: "raw");
        var combined = Plotly.NET.CSharp.Chart.Combine(new[] { Plots.Line([0.0, 1.0], [0.0, 2.0], "kit"), raw });
        ChartHtml.ToHtml(combined);        // Combine merges the layouts when the figure is built
        string after = LineHtml();
        Assert.Equal(before, after);
        var template = ChartHtml.Figure(Plots.Line([0.0, 1.0], [0.0, 1.0], "a"))["layout"]!["template"]!["layout"]!;
        Assert.Equal("white", template["plot_bgcolor"]!.GetValue<string>());
    }

    [Fact]
    public void Styled_GivesTheCombinedChartTheKitsTemplate()
    {
        var raw = Plotly.NET.CSharp.Chart.Line<double, double, string>(new[] { 0.0, 1.0 }, new[] { 1.0, 0.0 }, Name: "raw");
        var combined = Plotly.NET.CSharp.Chart.Combine(new[] { Plots.Line([0.0, 1.0], [0.0, 2.0], "kit"), raw }).Styled("both");
        var layout = ChartHtml.Figure(combined)["layout"]!;
        Assert.Equal("white", layout["template"]!["layout"]!["plot_bgcolor"]!.GetValue<string>());
    }
}
