using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Losses;

/// <summary>
/// Mean absolute error, the L1 loss (PyTorch's <c>l1_loss</c>, mean reduction).
/// <code>
/// p: any shape, M elements     y: same shape as p     L: scalar
/// L  = (1/M) Σᵢ |pᵢ − yᵢ|
/// dP = ∂L/∂p = sign(p − y) / M  dP: shape of p      (sign(0) = 0, as in PyTorch)
/// </code>
/// Unlike the squared error, the gradient's size does not shrink near the target and does not grow
/// with outliers: every element pulls with the same force 1/M.
/// </summary>
public sealed class MeanAbsoluteError<T> : Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _difference;

    public override T Forward(Tensor<T> prediction, Tensor<T> target)
    {
        CheckSameShape(prediction, target);
        var d = new Tensor<T>(prediction.Shape);
        var p = prediction.Span;
        var y = target.Span;
        var ds = d.Span;
        T sum = T.Zero;
        for (int i = 0; i < ds.Length; i++)
        {
            ds[i] = p[i] - y[i];
            sum += T.Abs(ds[i]);
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
        for (int i = 0; i < g.Length; i++) g[i] = Sign(ds[i]) * invM;
        return dP;
    }

    /// <summary>+1, −1, or x itself for ±0 and NaN (a NaN stays visible instead of throwing).</summary>
    private static T Sign(T x) => x > T.Zero ? T.One : x < T.Zero ? -T.One : x;
}
