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

    /// <summary>
    /// Grouped bars: for each category (x axis), one bar per series side by side, each series in its own colour
    /// with a legend, bars labelled with their values. <c>Plots.GroupedBars(["clean", "shifted"],
    /// [("plain", [94.0, 69.0]), ("augmented", [93.0, 90.0])], "Accuracy")</c>.
    /// </summary>
    public static GenericChart GroupedBars(IReadOnlyList<string> categories, IReadOnlyList<(string Name, IReadOnlyList<double> Values)> series,
        string? title = null, string? xLabel = null, string? yLabel = null, string valueFormat = "0.#")
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(series);
        if (categories.Count == 0 || series.Count == 0) throw new ArgumentException("Plots.GroupedBars needs at least one category and one series.");
        if (categories.Distinct().Count() != categories.Count)
            throw new ArgumentException($"Plots.GroupedBars: the categories must differ, got {string.Join(", ", categories)}.", nameof(categories));
        var charts = series.Select((s, i) =>
        {
            if (s.Values.Count != categories.Count)
                throw new ArgumentException($"Plots.GroupedBars: series '{s.Name}' has {s.Values.Count} values for {categories.Count} categories.", nameof(series));
            var text = s.Values.Select(v => v.ToString(valueFormat, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            return Plotly.NET.CSharp.Chart.Column<double, string, string>(s.Values.ToArray(), categories.ToArray(), Name: s.Name,
                MarkerColor: ChartStyle.Color(ChartStyle.ColorOf(i)), MultiText: text);
        });
        return Plotly.NET.CSharp.Chart.Combine(charts).Styled(title, xLabel, yLabel);
    }
}
