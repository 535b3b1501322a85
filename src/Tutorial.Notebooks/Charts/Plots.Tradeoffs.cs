using Plotly.NET;
using Plotly.NET.CSharp;

namespace Tutorial.Notebooks.Charts;

public static partial class Plots
{
    /// <summary>
    /// Several curves, each with its own x values, drawn as lines through markers: trade-offs such as accuracy
    /// against model size, where each compression method traces its own curve. A series of one point is drawn as a
    /// single marker. <paramref name="logX"/> puts x on a logarithmic axis (sizes spanning orders of magnitude).
    /// </summary>
    public static GenericChart Curves(IReadOnlyList<(string Name, IEnumerable<double> X, IEnumerable<double> Y)> series, string? title = null,
        string? xLabel = null, string? yLabel = null, bool logX = false)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0) throw new ArgumentException("Plots.Curves needs at least one series.", nameof(series));
        var charts = series.Select((s, i) =>
        {
            var (xs, ys) = Pair(s.X, s.Y, $"Plots.Curves (series '{s.Name}')");
            var color = ChartStyle.Color(ChartStyle.ColorOf(i));
            return Plotly.NET.CSharp.Chart.Line<double, double, string>(xs, ys, Name: s.Name, ShowMarkers: true, LineColor: color, MarkerColor: color);
        });
        var chart = Plotly.NET.CSharp.Chart.Combine(charts).Styled(title, xLabel, yLabel);
        return logX ? chart.WithXAxisStyle<double, double, string>(AxisType: StyleParam.AxisType.Log) : chart;
    }
}
