using Plotly.NET;
using Plotly.NET.CSharp;

namespace Tutorial.Notebooks.Charts;

public static partial class Plots
{
    /// <summary>Grid points per axis for contours and surfaces.</summary>
    public const int SurfaceResolution = 80;

    /// <summary>
    /// Contour lines of z = f(x, y) over [x.Min, x.Max] × [y.Min, y.Max], filled with a sequential colour scale
    /// (dark = low). With <paramref name="logLevels"/> the levels follow log₁₀(f − min f + 1e-12), which shows
    /// the floor of steep valleys such as Rosenbrock's.
    /// </summary>
    public static GenericChart Contour(Func<double, double, double> f, (double Min, double Max) x, (double Min, double Max) y,
        bool logLevels = false, string? title = null) =>
        ContourChart(f, x, y, logLevels).Styled(title ?? "f(x, y)", "x", "y", ChartStyle.SquareSize + 80, ChartStyle.SquareSize);

    /// <summary>z = f(x, y) as a 3-D surface (drag to rotate).</summary>
    public static GenericChart Surface(Func<double, double, double> f, (double Min, double Max) x, (double Min, double Max) y, string? title = null)
    {
        var (gx, gy, z) = Evaluate(f, x, y, logLevels: false);
        var chart = Plotly.NET.CSharp.Chart.Surface<double, double, double, string>(z, X: gx, Y: gy, Name: "f(x, y)",
            ColorScale: StyleParam.Colorscale.Viridis);
        return chart.Styled(title ?? "f(x, y)", null, null, ChartStyle.SquareSize + 80, ChartStyle.SquareSize);
    }

    /// <summary>
    /// Paths of optimizers over the contour of a loss f(x, y): each path is a line with a marker per step, a
    /// circle at its start and a star at its end: <c>Plots.OptimizerPaths(f, (-2, 2), (-1, 3), ("SGD", sgd), ("Adam", adam))</c>.
    /// </summary>
    public static GenericChart OptimizerPaths(Func<double, double, double> f, (double Min, double Max) x, (double Min, double Max) y,
        params (string Name, IReadOnlyList<(double X, double Y)> Path)[] paths) =>
        OptimizerPathsTitled(f, x, y, paths, logLevels: false, title: null);

    /// <summary>Optimizer paths over a contour, with log-spaced levels if asked and a title.</summary>
    public static GenericChart OptimizerPathsTitled(Func<double, double, double> f, (double Min, double Max) x, (double Min, double Max) y,
        IReadOnlyList<(string Name, IReadOnlyList<(double X, double Y)> Path)> paths, bool logLevels, string? title)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var charts = new List<GenericChart> { ContourChart(f, x, y, logLevels) };
        for (int i = 0; i < paths.Count; i++)
        {
            var (name, path) = paths[i];
            if (path is null || path.Count == 0) throw new ArgumentException($"Plots.OptimizerPaths: path '{name}' has no points.");
            var color = ChartStyle.Color(ChartStyle.ColorOf(i + 1));
            charts.Add(Plotly.NET.CSharp.Chart.Line<double, double, string>(path.Select(p => p.X), path.Select(p => p.Y), ShowMarkers: true, Name: name,
                LineColor: color, LineWidth: 2, MarkerColor: color));
            charts.Add(Plotly.NET.CSharp.Chart.Point<double, double, string>([path[0].X, path[^1].X], [path[0].Y, path[^1].Y], Name: name + " start/end",
                ShowLegend: false, MarkerColor: color, MultiMarkerSymbol: new[] { StyleParam.MarkerSymbol.Circle, StyleParam.MarkerSymbol.Star },
                MarkerOutline: ChartStyle.Outline("#1f2328", 1)));
        }
        return Plotly.NET.CSharp.Chart.Combine(charts).Styled(title ?? "Optimizer paths", "x", "y", ChartStyle.SquareSize + 80, ChartStyle.SquareSize + 40).LegendOnTop();
    }

    private static GenericChart ContourChart(Func<double, double, double> f, (double Min, double Max) x, (double Min, double Max) y, bool logLevels)
    {
        var (gx, gy, z) = Evaluate(f, x, y, logLevels);
        return Plotly.NET.CSharp.Chart.Contour<double, double, double, string>(z, X: gx, Y: gy, Name: logLevels ? "log₁₀ f" : "f(x, y)",
            ShowLegend: false, ColorScale: StyleParam.Colorscale.Viridis, NContours: 30, ContourLinesWidth: 0.5, ContourLinesColor: ChartStyle.Color("#ffffff"));
    }

    /// <summary>f on a grid: z[j][i] = f(x[i], y[j]) (row j is y, as Plotly expects).</summary>
    private static (double[] X, double[] Y, double[][] Z) Evaluate(Func<double, double, double> f, (double Min, double Max) x, (double Min, double Max) y, bool logLevels)
    {
        ArgumentNullException.ThrowIfNull(f);
        var gx = ChartStyle.Linspace(x.Min, x.Max, SurfaceResolution);
        var gy = ChartStyle.Linspace(y.Min, y.Max, SurfaceResolution);
        var z = gy.Select(yj => gx.Select(xi => f(xi, yj)).ToArray()).ToArray();
        if (logLevels)
        {
            double min = z.SelectMany(r => r).Where(double.IsFinite).DefaultIfEmpty(0).Min();
            z = z.Select(r => r.Select(v => Math.Log10(v - min + 1e-12)).ToArray()).ToArray();
        }
        return (gx, gy, z);
    }
}
