using Plotly.NET;

namespace Tutorial.Notebooks.Charts;

public static partial class Plots
{
    /// <summary>
    /// One vertical bar per labelled value, in the given order, each bar labelled with its value
    /// (<paramref name="valueFormat"/>, a .NET format string): accuracies under several conditions, timings
    /// of several methods. <c>Plots.Bars([("clean", 97.2), ("rotated", 81.0)], "Accuracy", yLabel: "%")</c>.
    /// </summary>
    public static GenericChart Bars(IReadOnlyList<(string Label, double Value)> bars, string? title = null, string? xLabel = null, string? yLabel = null,
        string valueFormat = "0.#")
    {
        ArgumentNullException.ThrowIfNull(bars);
        if (bars.Count == 0) throw new ArgumentException("Plots.Bars needs at least one bar.", nameof(bars));
        if (bars.Select(b => b.Label).Distinct().Count() != bars.Count)
            throw new ArgumentException($"Plots.Bars: the labels must differ (they name the bars), got {string.Join(", ", bars.Select(b => b.Label))}.", nameof(bars));
        var values = bars.Select(b => b.Value).ToArray();
        var labels = bars.Select(b => b.Label).ToArray();
        var text = values.Select(v => v.ToString(valueFormat, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var chart = Plotly.NET.CSharp.Chart.Column<double, string, string>(values, labels, Name: title ?? "value", ShowLegend: false,
            MarkerColor: ChartStyle.Color(ChartStyle.ColorOf(0)), MultiText: text);
        return chart.Styled(title, xLabel, yLabel);
    }
}
