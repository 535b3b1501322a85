using System.Numerics;
using Tutorial.Engine.Kernels;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Layers;

/// <summary>
/// Hyperbolic tangent, elementwise on any shape.
/// <code>
/// y  = tanh x = (eˣ − e⁻ˣ) / (eˣ + e⁻ˣ)     x: any shape  -> y: the same shape
/// dX = dY ⊙ (1 − y²)                      (computed from the saved output y)
/// </code>
/// Zero-centred, unlike the sigmoid (tanh x = 2σ(2x) − 1), with slope 1 at 0.
/// </summary>
public sealed class Tanh<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _y;

    public override Tensor<T> Forward(Tensor<T> x)
    {
        var y = new Tensor<T>(x.Shape);
        Activations.Tanh<T>(x.Span, y.Span);
        _y = y;
        return y;
    }

    public override Tensor<T> Backward(Tensor<T> dY)
    {
        var y = RequireForward(_y);
        CheckGradientShape(dY, y.Shape);
        var dX = new Tensor<T>(y.Shape);
        Activations.TanhBackward<T>(y.Span, dY.Span, dX.Span);
        return dX;
    }
}
