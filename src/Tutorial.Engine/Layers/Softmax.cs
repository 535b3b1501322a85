using System.Numerics;
using Tutorial.Engine.Kernels;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Layers;

/// <summary>
/// Softmax over the last dimension (torch.nn.Softmax(dim=-1)): each row becomes a probability distribution.
/// <code>
/// y[…, k] = e^(x[…, k] − m) / Σⱼ e^(x[…, j] − m),   m = maxⱼ x[…, j]     x: (…, K)  -> y: (…, K)
/// dX      = y ⊙ (dY − Σₖ dY[…, k]·y[…, k])                             (the sum is per row, from the saved y)
/// </code>
/// Subtracting the row maximum m does not change y but keeps every exponent ≤ 0, so nothing overflows.
/// The Jacobian of one row is diag(y) − y·yᵀ; dX = Jᵀ·dY without forming it. To train a classifier, prefer
/// <see cref="Losses.SoftmaxCrossEntropy{T}"/> on logits: fused, it is cheaper and more accurate.
/// </summary>
public sealed class Softmax<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _y;

    public override Tensor<T> Forward(Tensor<T> x)
    {
        if (x.Rank == 0) throw ShapeError("x", x.Shape, "a tensor of rank ≥ 1 (softmax runs over the last dimension)");
        var y = new Tensor<T>(x.Shape);
        int k = x.Dim(-1);
        if (k > 0)
        {
            var xs = x.Span;
            var ys = y.Span;
            for (int row = 0; row < x.Length / k; row++)
                Activations.Softmax<T>(xs.Slice(row * k, k), ys.Slice(row * k, k));
        }
        _y = y;
        return y;
    }

    public override Tensor<T> Backward(Tensor<T> dY)
    {
        var y = RequireForward(_y);
        CheckGradientShape(dY, y.Shape);
        var dX = new Tensor<T>(y.Shape);
        int k = y.Dim(-1);
        if (k > 0)
        {
            var ys = y.Span;
            var gs = dY.Span;
            var ds = dX.Span;
            for (int row = 0; row < y.Length / k; row++)
                Activations.SoftmaxBackward<T>(ys.Slice(row * k, k), gs.Slice(row * k, k), ds.Slice(row * k, k));
        }
        return dX;
    }
}
