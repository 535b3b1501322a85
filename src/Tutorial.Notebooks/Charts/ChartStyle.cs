using System.Numerics;
using Plotly.NET;
using Plotly.NET.CSharp;
using Tutorial.Engine.Tensors;
using FChart = Plotly.NET.Chart;

namespace Tutorial.Notebooks.Charts;

/// <summary>
/// The look shared by the kit's charts: Plotly.NET's light template (white background, gray grid, which
/// reads well in Jupyter's light theme), a title, axis titles, a size, and a colour per class.
/// </summary>
public static class ChartStyle
{
    /// <summary>Default size of line charts, histograms and heatmaps, in pixels.</summary>
    public const int Width = 640, Height = 420;

    /// <summary>Default size of charts over a 2-D plane (decision boundaries, contours).</summary>
    public const int SquareSize = 540;

    /// <summary>One colour per class or series (the D3 / Tableau 10 palette); classes beyond ten repeat it.</summary>
    public static IReadOnlyList<string> Palette { get; } =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    /// <summary>The palette colour of class or series <paramref name="index"/>.</summary>
    public static string ColorOf(int index) => Palette[((index % Palette.Count) + Palette.Count) % Palette.Count];

    /// <summary>A pale tint of the class colour (<paramref name="amount"/> of the way to white), for decision regions.</summary>
    public static string TintOf(int index, double amount = 0.72)
    {
        string hex = ColorOf(index);
        int r = Convert.ToInt32(hex[1..3], 16), g = Convert.ToInt32(hex[3..5], 16), b = Convert.ToInt32(hex[5..7], 16);
        int T(int c) => (int)Math.Round(c + (255 - c) * amount);
        return $"#{T(r):x2}{T(g):x2}{T(b):x2}";
    }

    /// <summary>Applies the kit's template, title, axis titles and size.</summary>
    public static GenericChart Styled(this GenericChart chart, string? title = null, string? xLabel = null, string? yLabel = null,
        int width = Width, int height = Height)
    {
        ArgumentNullException.ThrowIfNull(chart);
        chart = FChart.withTemplate(LightTemplate()).Invoke(chart);
        if (title is not null) chart = FChart.withTitle(title, null).Invoke(chart);
        if (xLabel is not null) chart = chart.WithXAxisStyle<double, double, string>(TitleText: xLabel);
        if (yLabel is not null) chart = chart.WithYAxisStyle<double, double, string>(TitleText: yLabel);
        return chart.WithSize(Width: width, Height: height);
    }

    /// <summary>
    /// A private copy of Plotly.NET's light template for one chart. Plotly.NET's Combine merges the layouts of
    /// the charts it combines into the first one in place, template included: with one shared template instance,
    /// combining a kit chart with a raw Plotly.NET chart (which brings the default "plotly" template) would
    /// rewrite the template of every chart drawn afterwards (gray background, and a template several times
    /// larger to serialize).
    /// </summary>
    private static Template LightTemplate()
    {
        var copy = new Template();
        ChartTemplates.light.DeepCopyPropertiesTo(copy, overWrite: null, includeInstanceProperties: null);   // null: the defaults
        return copy;
    }

    internal static Color Color(string hex) => Plotly.NET.Color.fromHex(hex);

    /// <summary>Changes every trace of <paramref name="chart"/> (plotly.js attributes Plotly.NET has no parameter for).</summary>
    internal static GenericChart MapTraces(GenericChart chart, Action<Trace> change) =>
        GenericChart.mapTrace(Microsoft.FSharp.Core.FuncConvert.FromFunc<Trace, Trace>(t =>
        {
            change(t);
            return t;
        }), chart);

    /// <summary>Changes the layout of <paramref name="chart"/>.</summary>
    internal static GenericChart MapLayout(GenericChart chart, Action<Layout> change) =>
        GenericChart.mapLayout(Microsoft.FSharp.Core.FuncConvert.FromFunc<Layout, Layout>(l =>
        {
            change(l);
            return l;
        }), chart);

    /// <summary>A horizontal legend above the plot area, where it cannot cover a colour bar.</summary>
    internal static GenericChart LegendOnTop(this GenericChart chart) => MapLayout(chart, l =>
    {
        var legend = new Plotly.NET.LayoutObjects.Legend();
        legend.SetProperty("orientation", "h");
        legend.SetProperty("x", 0.0);
        legend.SetProperty("xanchor", "left");
        legend.SetProperty("y", 1.0);
        legend.SetProperty("yanchor", "bottom");
        l.SetProperty("legend", legend);
    });

    /// <summary>A line (marker outline) of a colour and width.</summary>
    internal static Line Outline(string hex, double width)
    {
        var line = new Line();
        line.SetProperty("color", Color(hex));
        line.SetProperty("width", width);
        return line;
    }

    internal static double[] ToDoubles<T>(Tensor<T> tensor) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var s = tensor.Span;
        var d = new double[s.Length];
        for (int i = 0; i < d.Length; i++) d[i] = double.CreateTruncating(s[i]);
        return d;
    }

    /// <summary>The rows of a 2-D array as lists, for Plotly's z data.</summary>
    internal static double[][] Rows(double[,] m)
    {
        int r = m.GetLength(0), c = m.GetLength(1);
        var rows = new double[r][];
        for (int i = 0; i < r; i++)
        {
            rows[i] = new double[c];
            for (int j = 0; j < c; j++) rows[i][j] = m[i, j];
        }
        return rows;
    }

    /// <summary><paramref name="count"/> evenly spaced values from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    internal static double[] Linspace(double from, double to, int count)
    {
        if (count < 2) throw new ArgumentOutOfRangeException(nameof(count), $"Need at least 2 points, got {count}.");
        if (!(to > from)) throw new ArgumentException($"The range [{from}, {to}] is empty; the end must be larger than the start.");
        var x = new double[count];
        for (int i = 0; i < count; i++) x[i] = from + (to - from) * i / (count - 1);
        return x;
    }
}
