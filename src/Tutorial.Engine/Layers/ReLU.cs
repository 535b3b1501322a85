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
    private readonly TensorBuffer<T> _y = new(), _dX = new();

    public override Tensor<T> Forward(Tensor<T> x)
    {
        _dX.Release();   // the previous step's dX is done with (see TensorBuffer)
        _x = x;
        var y = _y.Get(x.Shape, ReuseOutputs, clear: false);
        Elementwise.Relu<T>(x.Span, y.Span);
        return y;
    }

    public override Tensor<T> Backward(Tensor<T> dY)
    {
        _y.Release();    // the step's output is done with
        var x = RequireForward(_x);
        CheckGradientShape(dY, x.Shape);
        var dX = _dX.Get(x.Shape, ReuseOutputs, clear: false);
        Elementwise.ReluBackward<T>(x.Span, dY.Span, dX.Span);
        return dX;
    }
}
