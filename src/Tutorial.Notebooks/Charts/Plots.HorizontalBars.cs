using Plotly.NET;
using Plotly.NET.CSharp;

namespace Tutorial.Notebooks.Charts;

public static partial class Plots
{
    /// <summary>
    /// Horizontal bars, one per (label, value), the first on top, each with its value written on it:
    /// <c>Plots.HorizontalBars([("naive", 4.1), ("packed", 0.08)], "Epoch time", "seconds", logX: true)</c>.
    /// With <paramref name="logX"/> the value axis is logarithmic (for values spanning orders of magnitude; they must be positive).
    /// <paramref name="valueFormat"/> is the .NET format of the written values.
    /// </summary>
    public static GenericChart HorizontalBars(IReadOnlyList<(string Label, double Value)> bars, string? title = null, string? xLabel = null,
        bool logX = false, string valueFormat = "0.###")
    {
        ArgumentNullException.ThrowIfNull(bars);
        if (bars.Count == 0) throw new ArgumentException("Plots.HorizontalBars needs at least one bar.", nameof(bars));
        if (logX && bars.FirstOrDefault(b => !(b.Value > 0)) is { Label: not null } bad)
            throw new ArgumentException($"Plots.HorizontalBars: a logarithmic axis needs positive values, but '{bad.Label}' is {bad.Value}.", nameof(bars));
        // plotly draws the first category at the bottom: reverse, so the list reads top to bottom.
        var ordered = bars.Reverse().ToArray();
        var values = ordered.Select(b => b.Value).ToArray();
        var labels = ordered.Select(b => b.Label).ToArray();
        var text = values.Select(v => v.ToString(valueFormat, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var chart = Plotly.NET.CSharp.Chart.Bar<double, string, string>(values, Keys: labels, Name: title ?? "values",
            ShowLegend: false, MarkerColor: ChartStyle.Color(ChartStyle.ColorOf(0)));
        chart = ChartStyle.MapTraces(chart, t =>
        {
            t.SetProperty("text", text);
            t.SetProperty("textposition", "auto");
        });
        if (logX) chart = chart.WithXAxisStyle<double, double, string>(AxisType: StyleParam.AxisType.Log);
        int height = Math.Clamp(80 + 40 * bars.Count, 240, 800);
        chart = chart.Styled(title, xLabel, null, height: height);
        // Room on the left for the labels.
        return ChartStyle.MapLayout(chart, l => l.SetProperty("margin", new Dictionary<string, int> { ["l"] = 210, ["r"] = 30, ["t"] = 60, ["b"] = 50 }));
    }
}
