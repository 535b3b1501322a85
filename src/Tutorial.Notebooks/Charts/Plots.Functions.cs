using Plotly.NET;
using Plotly.NET.CSharp;

namespace Tutorial.Notebooks.Charts;

public static partial class Plots
{
    /// <summary>Points at which functions are evaluated over their range.</summary>
    public const int FunctionPoints = 201;

    /// <summary>y = f(x) for x from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static GenericChart Function(Func<double, double> f, double from, double to, string name = "f(x)", string? title = null) =>
        FunctionsTitled(from, to, [(name, f)], title);

    /// <summary>Several functions over the same range, with a legend: <c>Plots.Functions(-5, 5, ("σ(x)", Sigmoid), ("σ'(x)", SigmoidPrime))</c>.</summary>
    public static GenericChart Functions(double from, double to, params (string Name, Func<double, double> F)[] functions) =>
        FunctionsTitled(from, to, functions, null);

    /// <summary>Several functions over the same range, with a title and axis labels.</summary>
    public static GenericChart FunctionsTitled(double from, double to, IReadOnlyList<(string Name, Func<double, double> F)> functions, string? title,
        string xLabel = "x", string? yLabel = null)
    {
        ArgumentNullException.ThrowIfNull(functions);
        var x = ChartStyle.Linspace(from, to, FunctionPoints);
        return LinesTitled(x, functions.Select(f => (f.Name, (IEnumerable<double>)x.Select(f.F).ToArray())).ToList(), title, xLabel, yLabel);
    }

    /// <summary>
    /// f and its derivative f' in one chart. Without <paramref name="derivative"/>, f' is the central difference
    /// (f(x + h) − f(x − h)) / 2h with h = 1e-5. With it, the hand-written f' is drawn solid and the numerical
    /// one dotted on top: when the derivation is right, the two coincide.
    /// </summary>
    public static GenericChart FunctionAndDerivative(Func<double, double> f, double from, double to, Func<double, double>? derivative = null,
        string name = "f", string? title = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        const double h = 1e-5;
        double Numerical(double x) => (f(x + h) - f(x - h)) / (2 * h);
        var x = ChartStyle.Linspace(from, to, FunctionPoints);
        var charts = new List<GenericChart>
        {
            Plotly.NET.CSharp.Chart.Line<double, double, string>(x, x.Select(f), Name: $"{name}(x)", LineColor: ChartStyle.Color(ChartStyle.ColorOf(0))),
            Plotly.NET.CSharp.Chart.Line<double, double, string>(x, x.Select(derivative ?? Numerical), Name: derivative is null ? $"{name}'(x) (numerical)" : $"{name}'(x)",
                LineColor: ChartStyle.Color(ChartStyle.ColorOf(1))),
        };
        if (derivative is not null)
        {
            charts.Add(Plotly.NET.CSharp.Chart.Line<double, double, string>(x, x.Select(Numerical), Name: $"{name}'(x) numerical",
                LineColor: ChartStyle.Color("#1f2328"), LineDash: StyleParam.DrawingStyle.Dot, LineWidth: 2));
        }
        return Plotly.NET.CSharp.Chart.Combine(charts).Styled(title ?? $"{name} and its derivative", "x", null);
    }
}
