using System.Numerics;
using Plotly.NET;
using Plotly.NET.CSharp;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;

namespace Tutorial.Notebooks.Charts;

public static partial class Plots
{
    /// <summary>A histogram of <paramref name="values"/> in about <paramref name="bins"/> bins.</summary>
    public static GenericChart Histogram(IEnumerable<double> values, string name = "values", int bins = 40, string? title = null, string? xLabel = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        return HistogramTrace(values.ToArray(), name, bins, 0, 1.0).Styled(title ?? name, xLabel ?? name, "count");
    }

    /// <summary>A histogram of a tensor's elements.</summary>
    public static GenericChart Histogram<T>(Tensor<T> values, string name = "values", int bins = 40, string? title = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Histogram(ChartStyle.ToDoubles(values), name, bins, title);

    /// <summary>Several histograms overlaid (semi-transparent), one legend entry each: <c>Plots.Histograms(("before", a), ("after", b))</c>.</summary>
    public static GenericChart Histograms(params (string Name, IEnumerable<double> Values)[] series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Length == 0) throw new ArgumentException("Plots.Histograms needs at least one series.", nameof(series));
        var charts = series.Select((s, i) => HistogramTrace(s.Values.ToArray(), s.Name, 40, i, 0.6));
        var chart = Plotly.NET.CSharp.Chart.Combine(charts);
        chart = ChartStyle.MapLayout(chart, l => l.SetProperty("barmode", "overlay"));
        return chart.Styled(null, "value", "count");
    }

    /// <summary>
    /// The distribution of every parameter of <paramref name="model"/>, one small histogram per parameter
    /// (titled by its name, e.g. <c>0.weight</c>): how initialisation and training shape the weights.
    /// </summary>
    public static GenericChart WeightHistograms<T>(Layer<T> model, int bins = 40, string? title = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        ParameterHistograms(model, p => p.Value, bins, title ?? "Weights");

    /// <summary>
    /// The distribution of every parameter's gradient (after a Backward): gradients that shrink layer by layer
    /// towards the input are the vanishing-gradient problem.
    /// </summary>
    public static GenericChart GradientHistograms<T>(Layer<T> model, int bins = 40, string? title = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        ParameterHistograms(model, p => p.Grad, bins, title ?? "Gradients");

    private static GenericChart ParameterHistograms<T>(Layer<T> model, Func<Parameter<T>, Tensor<T>> select, int bins, string title)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        var named = model.NamedParameters().ToList();
        if (named.Count == 0) throw new ArgumentException($"{model} has no parameters to draw.", nameof(model));
        // The panels' titles name the parameters, so no legend.
        var charts = named.Select((np, i) => HistogramTrace(ChartStyle.ToDoubles(select(np.Parameter)), np.Name, bins, i, 1.0, showLegend: false)).ToList();
        int cols = Math.Min(3, charts.Count);
        int rows = (charts.Count + cols - 1) / cols;
        var grid = Plotly.NET.CSharp.Chart.Grid(charts, rows, cols, SubPlotTitles: named.Select(np => np.Name).ToArray());
        return grid.Styled(title, null, null, Math.Max(ChartStyle.Width, 300 * cols), 60 + 240 * rows);
    }

    private static GenericChart HistogramTrace(double[] values, string name, int bins, int colorIndex, double opacity, bool showLegend = true)
    {
        if (bins < 1) throw new ArgumentOutOfRangeException(nameof(bins), $"A histogram needs at least one bin, got {bins}.");
        return Plotly.NET.CSharp.Chart.Histogram<double, double, string>(X: values, Name: name, ShowLegend: showLegend, NBinsX: bins, Opacity: opacity,
            MarkerColor: ChartStyle.Color(ChartStyle.ColorOf(colorIndex)));
    }
}
