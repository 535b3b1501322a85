using Plotly.NET;
using Plotly.NET.CSharp;

namespace Tutorial.Notebooks.Charts;

/// <summary>
/// Charts for the lessons, as Plotly.NET <see cref="GenericChart"/>s: <c>display(Plots.Line(x, y))</c>
/// shows one (the kit registers a formatter that draws it offline), and everything Plotly.NET offers can
/// still be applied to the result. Every helper takes an optional title and axis labels and uses the kit's
/// look (<see cref="ChartStyle"/>).
/// <list type="bullet">
/// <item>Lines and functions: <c>Line</c>, <c>Lines</c>, <c>Scatter</c>, <c>Function</c>, <c>Functions</c>, <c>FunctionAndDerivative</c>.</item>
/// <item>Training: <c>Training(history)</c> (loss and accuracy curves); <see cref="TrainingChart"/> for curves that grow while training runs.</item>
/// <item>Classification: <c>DecisionBoundary</c> (a 2-D classifier's regions and the points), <c>Scatter(points, labels)</c>
/// (points coloured by class, e.g. a latent space), <c>ConfusionMatrix</c>.</item>
/// <item>Optimisation: <c>Contour</c> and <c>Surface</c> of f(x, y), <c>OptimizerPaths</c> (paths over a loss contour).</item>
/// <item>Distributions and matrices: <c>Histogram</c>, <c>Histograms</c>, <c>WeightHistograms</c>, <c>GradientHistograms</c>, <c>Heatmap</c>.</item>
/// </list>
/// </summary>
public static partial class Plots
{
    /// <summary>One line through the points (x[i], y[i]).</summary>
    public static GenericChart Line(IEnumerable<double> x, IEnumerable<double> y, string? name = null, string? title = null, string? xLabel = null, string? yLabel = null)
    {
        var (xs, ys) = Pair(x, y, "Plots.Line");
        var chart = Plotly.NET.CSharp.Chart.Line<double, double, string>(xs, ys, Name: name ?? "y", ShowLegend: name is not null, LineColor: ChartStyle.Color(ChartStyle.ColorOf(0)));
        return chart.Styled(title, xLabel, yLabel);
    }

    /// <summary>Several lines over the same x, with a legend: <c>Plots.Lines(epochs, ("train", trainLoss), ("validation", valLoss))</c>.</summary>
    public static GenericChart Lines(IEnumerable<double> x, params (string Name, IEnumerable<double> Y)[] series) =>
        LinesTitled(x, series, null, null, null);

    /// <summary>Several lines over the same x, with a legend, a title and axis labels.</summary>
    public static GenericChart LinesTitled(IEnumerable<double> x, IReadOnlyList<(string Name, IEnumerable<double> Y)> series, string? title, string? xLabel = null, string? yLabel = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0) throw new ArgumentException("Plots.Lines needs at least one series.", nameof(series));
        var xs = x.ToArray();
        var charts = series.Select((s, i) =>
        {
            var ys = s.Y.ToArray();
            if (ys.Length != xs.Length) throw new ArgumentException($"Plots.Lines: series '{s.Name}' has {ys.Length} values but x has {xs.Length}.");
            return Plotly.NET.CSharp.Chart.Line<double, double, string>(xs, ys, Name: s.Name, LineColor: ChartStyle.Color(ChartStyle.ColorOf(i)));
        });
        return Plotly.NET.CSharp.Chart.Combine(charts).Styled(title, xLabel, yLabel);
    }

    /// <summary>Points (x[i], y[i]) as markers.</summary>
    public static GenericChart Scatter(IEnumerable<double> x, IEnumerable<double> y, string? name = null, string? title = null, string? xLabel = null, string? yLabel = null)
    {
        var (xs, ys) = Pair(x, y, "Plots.Scatter");
        var chart = Plotly.NET.CSharp.Chart.Point<double, double, string>(xs, ys, Name: name ?? "points", ShowLegend: name is not null, MarkerColor: ChartStyle.Color(ChartStyle.ColorOf(0)));
        return chart.Styled(title, xLabel, yLabel);
    }

    private static (double[] X, double[] Y) Pair(IEnumerable<double> x, IEnumerable<double> y, string what)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var xs = x.ToArray();
        var ys = y.ToArray();
        if (xs.Length != ys.Length) throw new ArgumentException($"{what}: x has {xs.Length} values but y has {ys.Length}; they must pair up.");
        return (xs, ys);
    }
}
