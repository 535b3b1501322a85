using System.Numerics;
using Tutorial.Engine.Kernels;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Layers;

/// <summary>
/// Logistic sigmoid, elementwise on any shape.
/// <code>
/// y  = σ(x) = 1 / (1 + e⁻ˣ)          x: any shape  -> y: the same shape
/// dX = dY ⊙ y ⊙ (1 − y)             (σ' = σ(1 − σ), computed from the saved output y)
/// </code>
/// The slope is at most ¼ (at x = 0) and vanishes for large |x|: the vanishing gradient of deep sigmoid nets.
/// </summary>
public sealed class Sigmoid<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _y;

    public override Tensor<T> Forward(Tensor<T> x)
    {
        var y = new Tensor<T>(x.Shape);
        Activations.Sigmoid<T>(x.Span, y.Span);
        _y = y;
        return y;
    }

    public override Tensor<T> Backward(Tensor<T> dY)
    {
        var y = RequireForward(_y);
        CheckGradientShape(dY, y.Shape);
        var dX = new Tensor<T>(y.Shape);
        Activations.SigmoidBackward<T>(y.Span, dY.Span, dX.Span);
        return dX;
    }
}
