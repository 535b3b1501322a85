using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Losses;

/// <summary>
/// Huber loss (PyTorch's <c>huber_loss</c>, mean reduction): squared error near the target, absolute error
/// beyond <see cref="Delta"/>, so outliers pull with a bounded force.
/// <code>
/// p: any shape, M elements     y: same shape as p     L: scalar     dᵢ = pᵢ − yᵢ,  δ = Delta &gt; 0
/// ℓ(d) = ½ d²            if |d| &lt; δ
///        δ (|d| − ½ δ)    otherwise
/// L  = (1/M) Σᵢ ℓ(dᵢ)
/// dP = ∂L/∂p = ℓ′(d) / M,  ℓ′(d) = d if |d| &lt; δ, else δ·sign(d)     dP: shape of p
/// </code>
/// Both pieces and their slopes meet at |d| = δ, so ℓ is continuously differentiable.
/// </summary>
public sealed class HuberLoss<T> : Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _delta;
    private Tensor<T>? _difference;

    /// <summary>Creates the loss with threshold <paramref name="delta"/> (PyTorch's default is 1).</summary>
    public HuberLoss(double delta = 1.0)
    {
        if (!(delta > 0) || double.IsInfinity(delta))
            throw new ArgumentOutOfRangeException(nameof(delta), delta, $"HuberLoss: delta must be positive and finite, got {delta}.");
        Delta = delta;
        _delta = T.CreateChecked(delta);
    }

    /// <summary>The threshold δ between the quadratic and the linear piece.</summary>
    public double Delta { get; }

    public override T Forward(Tensor<T> prediction, Tensor<T> target)
    {
        CheckSameShape(prediction, target);
        var d = new Tensor<T>(prediction.Shape);
        var p = prediction.Span;
        var y = target.Span;
        var ds = d.Span;
        T half = T.CreateChecked(0.5);
        T sum = T.Zero;
        for (int i = 0; i < ds.Length; i++)
        {
            T di = p[i] - y[i];
            ds[i] = di;
            T a = T.Abs(di);
            sum += a < _delta ? half * di * di : _delta * (a - half * _delta);
        }
        _difference = d;
        return sum / T.CreateChecked(ds.Length);
    }

    public override Tensor<T> Backward()
    {
        var d = RequireForward(_difference);
        var dP = new Tensor<T>(d.Shape);
        T invM = T.One / T.CreateChecked(d.Length);
        var ds = d.Span;
        var g = dP.Span;
        for (int i = 0; i < g.Length; i++)
        {
            T di = ds[i];
            T slope = T.Abs(di) < _delta ? di : _delta * Sign(di);
            g[i] = slope * invM;
        }
        return dP;
    }

    public override string ToString() => $"HuberLoss(delta: {Delta})";

    /// <summary>+1, −1, or x itself for ±0 and NaN (a NaN stays visible instead of throwing).</summary>
    private static T Sign(T x) => x > T.Zero ? T.One : x < T.Zero ? -T.One : x;
}
