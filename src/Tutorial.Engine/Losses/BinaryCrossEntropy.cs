using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Losses;

/// <summary>
/// Binary cross-entropy on probabilities (PyTorch's <c>binary_cross_entropy</c> / <c>BCELoss</c>, mean reduction),
/// for a sigmoid output. Prefer <see cref="BinaryCrossEntropyWithLogits{T}"/>, which fuses the sigmoid and is stable.
/// <code>
/// p: any shape, M elements, each in [0, 1]     y: same shape, each in [0, 1] (soft labels allowed)     L: scalar
/// L  = −(1/M) Σᵢ [ yᵢ·max(log pᵢ, −100) + (1 − yᵢ)·max(log(1 − pᵢ), −100) ]
/// dP = ∂L/∂p = (p − y) / max(p (1 − p), 1e−12) / M        dP: shape of p
/// </code>
/// As in PyTorch, each log is clamped at −100 so that p = 0 or 1 gives a large finite loss instead of ∞,
/// and the gradient's denominator is clamped at 1e−12 (PyTorch's constant is a float, so exactly 1e−12f; for 0 &lt; p &lt; 1 away from the ends the gradient
/// is exactly −y/p + (1 − y)/(1 − p)).
/// </summary>
public sealed class BinaryCrossEntropy<T> : Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _prediction;
    private Tensor<T>? _target;

    /// <summary>The lower clamp of each logarithm.</summary>
    public const double LogClamp = -100;

    /// <summary>The lower clamp of p (1 − p) in the gradient: PyTorch's 1e−12 stored as a float (≈ 9.99999996e−13).</summary>
    public const double GradientEpsilon = (double)1e-12f;

    public override T Forward(Tensor<T> prediction, Tensor<T> target)
    {
        CheckSameShape(prediction, target);
        var p = prediction.Span;
        var y = target.Span;
        for (int i = 0; i < p.Length; i++)
        {
            if (!(p[i] >= T.Zero && p[i] <= T.One))
                throw new ArgumentException($"{this}: prediction {p[i]} at index {i} is not a probability in [0, 1] (apply a sigmoid, or use BinaryCrossEntropyWithLogits).");
            if (!(y[i] >= T.Zero && y[i] <= T.One))
                throw new ArgumentException($"{this}: target {y[i]} at index {i} is not in [0, 1].");
        }
        T clamp = T.CreateChecked(LogClamp);
        T sum = T.Zero;
        for (int i = 0; i < p.Length; i++)
        {
            T logP = T.Max(T.Log(p[i]), clamp);
            T log1MinusP = T.Max(T.Log(T.One - p[i]), clamp);
            sum -= y[i] * logP + (T.One - y[i]) * log1MinusP;
        }
        _prediction = prediction.Clone();
        _target = target.Clone();
        return sum / T.CreateChecked(p.Length);
    }

    public override Tensor<T> Backward()
    {
        var prediction = RequireForward(_prediction);
        var p = prediction.Span;
        var y = _target!.Span;
        var dP = new Tensor<T>(prediction.Shape);
        var g = dP.Span;
        T eps = T.CreateChecked(GradientEpsilon);
        T invM = T.One / T.CreateChecked(p.Length);
        for (int i = 0; i < g.Length; i++)
            g[i] = (p[i] - y[i]) / T.Max(p[i] * (T.One - p[i]), eps) * invM;
        return dP;
    }
}
