using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Losses;

/// <summary>
/// Mean squared error (PyTorch's <c>mse_loss</c>, mean reduction), for regression.
/// <code>
/// p: any shape, M elements     y: same shape as p     L: scalar
/// L  = (1/M) Σᵢ (pᵢ − yᵢ)²
/// dP = ∂L/∂p = 2 (p − y) / M   dP: shape of p
/// </code>
/// The mean runs over every element (batch and features alike), as in PyTorch.
/// </summary>
public sealed class MeanSquaredError<T> : Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
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
            sum += ds[i] * ds[i];
        }
        _difference = d;
        return sum / T.CreateChecked(ds.Length);
    }

    public override Tensor<T> Backward()
    {
        var d = RequireForward(_difference);
        var dP = new Tensor<T>(d.Shape);
        T scale = T.CreateChecked(2) / T.CreateChecked(d.Length);
        var ds = d.Span;
        var g = dP.Span;
        for (int i = 0; i < g.Length; i++) g[i] = scale * ds[i];
        return dP;
    }
}
