using System.Numerics;
using Tutorial.Engine.Kernels;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Layers;

/// <summary>
/// Rectified linear unit, elementwise on any shape.
/// <code>
/// y  = max(x, 0)
/// dX = dY ⊙ [x &gt; 0]     (the derivative at exactly 0 is taken as 0, as in PyTorch)
/// </code>
/// </summary>
public sealed class ReLU<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _x;

    public override Tensor<T> Forward(Tensor<T> x)
    {
        _x = x;
        var y = new Tensor<T>(x.Shape);
        Elementwise.Relu<T>(x.Span, y.Span);
        return y;
    }

    public override Tensor<T> Backward(Tensor<T> dY)
    {
        var x = RequireForward(_x);
        CheckGradientShape(dY, x.Shape);
        var dX = new Tensor<T>(x.Shape);
        Elementwise.ReluBackward<T>(x.Span, dY.Span, dX.Span);
        return dX;
    }
}
