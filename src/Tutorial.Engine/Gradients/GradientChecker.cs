using Tutorial.Engine.Layers;
using Tutorial.Engine.Losses;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Gradients;

/// <summary>
/// Checks a backward pass against central differences, in double precision.
/// <para>For a layer y = f(x; θ) and a fixed upstream gradient G of y's shape, the checked scalar is
/// L = Σ y ⊙ G, so ∂L/∂x is exactly what Backward(G) must return and ∂L/∂θ what it must add to θ.Grad.
/// Each element v of x and of every parameter is perturbed:
/// ∂L/∂v ≈ (L(v + ε) − L(v − ε)) / 2ε, an error of O(ε²).</para>
/// <para>The comparison uses the relative error of cs231n,
/// relerr(a, n) = |a − n| / max(|a|, |n|, floor), with a small floor (1e-8) so that two exact zeros
/// (a dead ReLU) count as agreement instead of 0/0.</para>
/// </summary>
public static class GradientChecker
{
    /// <summary>The default tolerance: 1e-7 relative, in double.</summary>
    public const double DefaultTolerance = 1e-7;

    /// <summary>The default step ε. With doubles, 1e-6 balances truncation error (ε²) against rounding (1e-16/ε).</summary>
    public const double DefaultEpsilon = 1e-6;

    /// <summary>The denominator floor of <see cref="RelativeError"/>.</summary>
    public const double Floor = 1e-8;

    /// <summary>|a − n| / max(|a|, |n|, 1e-8).</summary>
    public static double RelativeError(double analytic, double numeric) =>
        Math.Abs(analytic - numeric) / Math.Max(Math.Max(Math.Abs(analytic), Math.Abs(numeric)), Floor);

    /// <summary>
    /// Checks <paramref name="layer"/>'s Backward at input <paramref name="x"/> for the input and every parameter.
    /// The upstream gradient is drawn from N(0, 1) with <paramref name="seed"/> unless given.
    /// The layer must be deterministic between calls (a dropout layer needs a fixed mask).
    /// <paramref name="stencil"/> chooses the difference formula (<see cref="FiniteDifference.FivePoint"/> with ε ≈ 1e-3
    /// for smooth layers whose gradients span many orders of magnitude).
    /// </summary>
    public static GradientCheckResult Check(Layer<double> layer, Tensor<double> x, Tensor<double>? upstream = null,
        ulong seed = 1, double epsilon = DefaultEpsilon, double tolerance = DefaultTolerance, bool checkInput = true,
        FiniteDifference stencil = FiniteDifference.Central)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var y = layer.Forward(x);
        var g = upstream ?? Tensor<double>.Normal(new Rng(seed), 0, 1, y.Shape.Dims);
        if (g.Shape != y.Shape)
            throw new ShapeMismatchException($"Gradient check of {layer}: the upstream gradient has shape {g.Shape}, the output {y.Shape}.");

        var named = layer.NamedParameters().ToList();
        foreach (var (_, p) in named) p.ZeroGrad();
        var dX = layer.Backward(g).Clone();
        var analyticParams = named.Select(np => np.Parameter.Grad.Clone()).ToList();

        double Objective()
        {
            var yy = layer.Forward(x);
            double sum = 0;
            var ys = yy.Span;
            var gs = g.Span;
            for (int i = 0; i < ys.Length; i++) sum += ys[i] * gs[i];
            return sum;
        }

        var entries = new List<GradientCheckEntry>();
        if (checkInput) entries.Add(Compare("x", x, dX, Objective, epsilon, stencil));
        for (int i = 0; i < named.Count; i++)
            entries.Add(Compare(named[i].Name, named[i].Parameter.Value, analyticParams[i], Objective, epsilon, stencil));

        // Leave the layer as a caller expects after Forward/Backward at x: caches and gradients from the exact input.
        foreach (var (_, p) in named) p.ZeroGrad();
        layer.Forward(x);
        layer.Backward(g);
        return new GradientCheckResult(layer.ToString() ?? "layer", entries, tolerance);
    }

    /// <summary>Checks <paramref name="loss"/>'s Backward (∂L/∂prediction) at the given prediction and target.</summary>
    public static GradientCheckResult CheckLoss(Loss<double> loss, Tensor<double> prediction, Tensor<double> target,
        double epsilon = DefaultEpsilon, double tolerance = DefaultTolerance)
    {
        ArgumentNullException.ThrowIfNull(loss);
        loss.Forward(prediction, target);
        var analytic = loss.Backward().Clone();
        var entry = Compare("prediction", prediction, analytic, () => loss.Forward(prediction, target), epsilon);
        loss.Forward(prediction, target);
        return new GradientCheckResult(loss.ToString() ?? "loss", [entry], tolerance);
    }

    /// <summary>
    /// Checks a hand-written gradient of a scalar function: <paramref name="gradient"/>(x) must equal ∂f/∂x.
    /// This is what exercises use: a learner writes f and its derivative, the checker compares.
    /// </summary>
    public static GradientCheckResult CheckFunction(string name, Func<Tensor<double>, double> f, Func<Tensor<double>, Tensor<double>> gradient,
        Tensor<double> x, double epsilon = DefaultEpsilon, double tolerance = DefaultTolerance)
    {
        var analytic = gradient(x.Clone());
        if (analytic.Shape != x.Shape)
            throw new ShapeMismatchException($"Gradient check of {name}: the gradient has shape {analytic.Shape}, x has {x.Shape}.");
        var entry = Compare("x", x, analytic, () => f(x), epsilon);
        return new GradientCheckResult(name, [entry], tolerance);
    }

    /// <summary>Perturbs each element of <paramref name="v"/> in place by ±ε (and ±2ε for the five-point stencil; restoring it) and compares with <paramref name="analytic"/>.</summary>
    private static GradientCheckEntry Compare(string name, Tensor<double> v, Tensor<double> analytic, Func<double> objective, double epsilon,
        FiniteDifference stencil = FiniteDifference.Central)
    {
        var values = v.Span;
        var a = analytic.Span;
        double worst = 0, worstA = 0, worstN = 0;
        int worstIndex = -1;
        for (int i = 0; i < v.Length; i++)
        {
            double original = values[i];
            v.Span[i] = original + epsilon;
            double plus = objective();
            v.Span[i] = original - epsilon;
            double minus = objective();
            double numeric = (plus - minus) / (2 * epsilon);
            if (stencil == FiniteDifference.FivePoint)
            {
                v.Span[i] = original + 2 * epsilon;
                double plus2 = objective();
                v.Span[i] = original - 2 * epsilon;
                double minus2 = objective();
                numeric = (8 * (plus - minus) - (plus2 - minus2)) / (12 * epsilon);
            }
            v.Span[i] = original;
            // L(v ± ε) are rounded to double, so their difference is known only to about an ulp of |L|: the estimate
            // cannot tell apart gradients closer than that, divided by ε. Such an entry agrees (an exactly zero gradient,
            // e.g. of a bias followed by batch norm, would otherwise fail on rounding noise alone).
            double resolution = Math.ScaleB(Math.Max(Math.Abs(plus), Math.Abs(minus)), -52) / epsilon;
            double err = Math.Abs(a[i] - numeric) <= resolution ? 0 : RelativeError(a[i], numeric);
            if (worstIndex < 0 || err > worst || double.IsNaN(err))
            {
                worst = double.IsNaN(err) ? double.PositiveInfinity : err;
                worstIndex = i;
                worstA = a[i];
                worstN = numeric;
            }
        }
        return new GradientCheckEntry(name, v.Shape, worst, Math.Max(worstIndex, 0), worstA, worstN);
    }
}
