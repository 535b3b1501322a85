using System.Globalization;
using Plotly.NET;
using Plotly.NET.CSharp;

namespace Tutorial.Notebooks.Charts;

public static partial class Plots
{
    /// <summary>The largest width, in pixels, of a <see cref="HistogramGrid"/> (about the book's text column).</summary>
    public const int MaxGridWidth = 900;

    /// <summary>
    /// Small histograms in a grid, one per panel (e.g. one per layer's activations, a row per initialisation),
    /// binned here into <paramref name="bins"/> equal bins over <paramref name="range"/> (default: each panel's own
    /// min … max), so the chart stores counts, not the raw values, and stays small however many values there are.
    /// Values outside a fixed range are counted in the first or last bin. Each bar is the fraction of the panel's values.
    /// </summary>
    public static GenericChart HistogramGrid(IReadOnlyList<(string Name, IEnumerable<double> Values)> panels, int columns,
        (double Min, double Max)? range = null, int bins = 40, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(panels);
        if (panels.Count == 0) throw new ArgumentException("Plots.HistogramGrid needs at least one panel.", nameof(panels));
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), columns, "Plots.HistogramGrid needs at least one column.");
        if (bins < 1) throw new ArgumentOutOfRangeException(nameof(bins), bins, $"A histogram needs at least one bin, got {bins}.");
        var charts = panels.Select((p, i) =>
        {
            var (centers, fractions) = Bin(p.Values.ToArray(), range, bins, p.Name);
            return Plotly.NET.CSharp.Chart.Column<double, double, string>(fractions, Keys: centers, Name: p.Name, ShowLegend: false,
                MarkerColor: ChartStyle.Color(ChartStyle.ColorOf(i % columns)));
        }).ToList();
        int cols = Math.Min(columns, charts.Count);
        int rows = (charts.Count + cols - 1) / cols;
        var grid = Plotly.NET.CSharp.Chart.Grid(charts, rows, cols, SubPlotTitles: panels.Select(p => p.Name).ToArray());
        grid = ChartStyle.MapLayout(grid, l => l.SetProperty("bargap", 0));
        // At most MaxGridWidth pixels wide, so that a grid fits the page's text column.
        return grid.Styled(title, null, null, Math.Clamp(200 * cols, ChartStyle.Width, MaxGridWidth), 60 + 190 * rows);
    }

    /// <summary>Bin centres and the fraction of values in each bin (the last bin includes its right edge).</summary>
    internal static (double[] Centers, double[] Fractions) Bin(double[] values, (double Min, double Max)? range, int bins, string name)
    {
        if (values.Length == 0) throw new ArgumentException($"Plots.HistogramGrid: panel '{name}' has no values.");
        double lo = range?.Min ?? values.Min(), hi = range?.Max ?? values.Max();
        if (!(hi > lo)) { lo -= 0.5; hi += 0.5; }   // all values equal: one visible bar around them
        double width = (hi - lo) / bins;
        var counts = new double[bins];
        foreach (double v in values)
        {
            int b = (int)Math.Floor((v - lo) / width);
            counts[Math.Clamp(b, 0, bins - 1)]++;
        }
        var centers = Enumerable.Range(0, bins).Select(b => double.Parse((lo + (b + 0.5) * width).ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)).ToArray();
        var fractions = counts.Select(c => Math.Round(c / values.Length, 5)).ToArray();
        return (centers, fractions);
    }
}
