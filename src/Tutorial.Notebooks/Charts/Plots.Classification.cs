using System.Globalization;
using System.Numerics;
using Plotly.NET;
using Plotly.NET.CSharp;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Metrics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Notebooks.Charts;

public static partial class Plots
{
    /// <summary>
    /// Points (N, 2) coloured by class (N), one legend entry per class: a 2-D data set, or a 2-D latent space.
    /// <paramref name="labels"/> holds class indices 0 … K−1 (as numbers).
    /// </summary>
    public static GenericChart Scatter<T>(Tensor<T> points, Tensor<T> labels, IReadOnlyList<string>? classNames = null, string? title = null,
        string xLabel = "x₁", string yLabel = "x₂") where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (x, y) = Columns(points, "Plots.Scatter");
        var classes = Predictions.Labels(labels);
        if (classes.Length != x.Length)
            throw new ShapeMismatchException($"Plots.Scatter got points of shape {points.Shape} and labels of shape {labels.Shape}; the counts differ.");
        return Plotly.NET.CSharp.Chart.Combine(ClassPoints(x, y, classes, classNames)).Styled(title, xLabel, yLabel, ChartStyle.SquareSize + 80, ChartStyle.SquareSize);
    }

    /// <summary>
    /// The decision regions of a 2-D classifier with the data on top. <paramref name="predict"/> maps a batch of
    /// points (M, 2) to scores (M, K) (the class is the arg max) or to one column (M, 1) / (M) (the class is 1 where
    /// the score exceeds <paramref name="threshold"/>: 0.5 for probabilities, 0 for logits). It is evaluated on a
    /// <paramref name="resolution"/> × <paramref name="resolution"/> grid covering the points with a 10 % margin;
    /// each region takes a pale tint of its class colour, the points the full colour.
    /// </summary>
    public static GenericChart DecisionBoundary<T>(Func<Tensor<T>, Tensor<T>> predict, Tensor<T> points, Tensor<T> labels,
        IReadOnlyList<string>? classNames = null, int resolution = 120, double threshold = 0.5, string? title = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(predict);
        if (resolution < 2) throw new ArgumentOutOfRangeException(nameof(resolution), $"Plots.DecisionBoundary needs a resolution of at least 2, got {resolution}.");
        var (px, py) = Columns(points, "Plots.DecisionBoundary");
        var classes = Predictions.Labels(labels);
        if (classes.Length != px.Length)
            throw new ShapeMismatchException($"Plots.DecisionBoundary got points of shape {points.Shape} and labels of shape {labels.Shape}; the counts differ.");
        var (x0, x1) = Range(px);
        var (y0, y1) = Range(py);
        var gx = ChartStyle.Linspace(x0, x1, resolution);
        var gy = ChartStyle.Linspace(y0, y1, resolution);

        // Grid points in row-major order: row j is y = gy[j], column i is x = gx[i].
        var grid = new Tensor<T>(resolution * resolution, 2);
        for (int j = 0; j < resolution; j++)
            for (int i = 0; i < resolution; i++)
            {
                grid[j * resolution + i, 0] = T.CreateChecked(gx[i]);
                grid[j * resolution + i, 1] = T.CreateChecked(gy[j]);
            }
        var scores = predict(grid);
        if (scores.Shape[0] != resolution * resolution)
            throw new ShapeMismatchException($"Plots.DecisionBoundary: the model returned {scores.Shape} for {grid.Shape} grid points; expected ({resolution * resolution}, K).");
        var predicted = Predictions.ArgMax(scores, threshold);
        int k = Math.Max(scores.Rank == 2 && scores.Cols > 1 ? scores.Cols : 2, classes.Length == 0 ? 0 : classes.Max() + 1);

        var z = new double[resolution][];
        for (int j = 0; j < resolution; j++)
        {
            z[j] = new double[resolution];
            for (int i = 0; i < resolution; i++) z[j][i] = predicted[j * resolution + i];
        }
        // A step colour scale: value c (in [c − ½, c + ½] of [−½, K − ½]) is the tint of class c.
        var stops = new List<Tuple<double, Color>>();
        for (int c = 0; c < k; c++)
        {
            var tint = ChartStyle.Color(ChartStyle.TintOf(c));
            stops.Add(Tuple.Create((double)c / k, tint));
            stops.Add(Tuple.Create((double)(c + 1) / k, tint));
        }
        var regions = Plotly.NET.CSharp.Chart.Heatmap<double, double, double, string>(z, X: gx, Y: gy, Name: "predicted class", ShowLegend: false,
            ColorScale: StyleParam.Colorscale.NewCustom(stops), ShowScale: false);
        regions = ChartStyle.MapTraces(regions, t =>
        {
            t.SetProperty("zmin", -0.5);
            t.SetProperty("zmax", k - 0.5);
            t.SetProperty("hoverinfo", "skip");
        });
        var charts = new List<GenericChart> { regions };
        charts.AddRange(ClassPoints(px, py, classes, classNames));
        return Plotly.NET.CSharp.Chart.Combine(charts).Styled(title ?? "Decision boundary", "x₁", "x₂", ChartStyle.SquareSize + 80, ChartStyle.SquareSize);
    }

    /// <summary>The decision regions of a model (evaluated in evaluation mode, then put back in its previous mode).</summary>
    public static GenericChart DecisionBoundary<T>(Layer<T> model, Tensor<T> points, Tensor<T> labels,
        IReadOnlyList<string>? classNames = null, int resolution = 120, double threshold = 0.5, string? title = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        bool training = model.Training;
        model.Training = false;
        try
        {
            return DecisionBoundary(model.Forward, points, labels, classNames, resolution, threshold, title);
        }
        finally
        {
            model.Training = training;
        }
    }

    /// <summary>
    /// A confusion matrix as a heatmap: actual classes down (first class on top), predicted across, each cell's
    /// count written in it. With <paramref name="normalize"/> (the default) the colour is the fraction of the row,
    /// so rare classes are as visible as common ones; otherwise the count.
    /// </summary>
    public static GenericChart ConfusionMatrix(ConfusionMatrix matrix, bool normalize = true, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int k = matrix.Classes;
        var norm = matrix.NormalizedByRow();
        var z = new double[k][];
        var text = new string[k][];
        for (int a = 0; a < k; a++)
        {
            z[a] = new double[k];
            text[a] = new string[k];
            for (int p = 0; p < k; p++)
            {
                z[a][p] = normalize ? norm[a, p] : matrix[a, p];
                text[a][p] = matrix[a, p].ToString(CultureInfo.InvariantCulture);
            }
        }
        var names = matrix.ClassNames.ToArray();
        var chart = Plotly.NET.CSharp.Chart.Heatmap<double, string, string, string>(z, X: names, Y: names, Name: "confusion matrix",
            ColorScale: StyleParam.Colorscale.NewCustom([Tuple.Create(0.0, ChartStyle.Color("#ffffff")), Tuple.Create(1.0, ChartStyle.Color("#0969da"))]),
            ReverseYAxis: true, ShowScale: true);
        // The counts written in the cells; plotly.js picks dark or light text for each cell's colour.
        chart = ChartStyle.MapTraces(chart, t =>
        {
            t.SetProperty("text", text);
            t.SetProperty("texttemplate", "%{text}");
            t.SetProperty("hovertemplate", normalize ? "actual %{y}, predicted %{x}: %{text} (%{z:.1%} of %{y})<extra></extra>" : "actual %{y}, predicted %{x}: %{text}<extra></extra>");
            t.SetProperty("zmin", 0);
            if (normalize) t.SetProperty("zmax", 1);
        });
        int size = Math.Clamp(120 + 48 * k, 360, 760);
        return chart.Styled(title ?? $"Confusion matrix (accuracy {matrix.Accuracy.ToString("0.000", CultureInfo.InvariantCulture)})",
            "predicted class", "actual class", size + 80, size);
    }

    /// <summary>One marker trace per class, in the class colours with a white outline.</summary>
    private static IEnumerable<GenericChart> ClassPoints(double[] x, double[] y, int[] classes, IReadOnlyList<string>? classNames)
    {
        int k = classes.Length == 0 ? 0 : classes.Max() + 1;
        if (classNames is not null && classNames.Count < k)
            throw new ArgumentException($"{classNames.Count} class names were given but the labels go up to class {k - 1}.", nameof(classNames));
        for (int c = 0; c < k; c++)
        {
            var idx = Enumerable.Range(0, classes.Length).Where(i => classes[i] == c).ToArray();
            if (idx.Length == 0) continue;
            string name = classNames?[c] ?? $"class {c}";
            yield return Plotly.NET.CSharp.Chart.Point<double, double, string>(idx.Select(i => x[i]), idx.Select(i => y[i]), Name: name,
                MarkerColor: ChartStyle.Color(ChartStyle.ColorOf(c)), MarkerOutline: ChartStyle.Outline("#ffffff", 0.8));
        }
    }

    private static (double[] X, double[] Y) Columns<T>(Tensor<T> points, string what) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Rank != 2 || points.Cols != 2) throw new ShapeMismatchException($"{what} needs points of shape (N, 2), got {points.Shape}.");
        var d = ChartStyle.ToDoubles(points);
        int n = points.Rows;
        var x = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = d[2 * i];
            y[i] = d[2 * i + 1];
        }
        return (x, y);
    }

    /// <summary>The values' range widened by 10 % on each side (±0.5 when all values are equal).</summary>
    private static (double Min, double Max) Range(double[] values)
    {
        if (values.Length == 0) return (-1, 1);
        double min = values.Min(), max = values.Max();
        double margin = max > min ? 0.1 * (max - min) : 0.5;
        return (min - margin, max + margin);
    }
}
