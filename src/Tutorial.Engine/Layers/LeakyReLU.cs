using System.Numerics;
using Tutorial.Engine.Kernels;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Layers;

/// <summary>
/// Leaky rectified linear unit, elementwise on any shape (torch.nn.LeakyReLU).
/// <code>
/// y  = x        if x &gt; 0,   slope·x    otherwise      x: any shape  -> y: the same shape
/// dX = dY       if x &gt; 0,   slope·dY   otherwise      (at exactly 0 the slope is taken, as in PyTorch)
/// </code>
/// A small slope (0.01 by default) keeps a gradient flowing for negative inputs, so units cannot "die".
/// Any finite slope is allowed (slope 1 is the identity, a negative slope folds the negative half).
/// </summary>
public sealed class LeakyReLU<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _slope;
    private Tensor<T>? _x;

    /// <summary>Creates the layer; <paramref name="negativeSlope"/> must be finite.</summary>
    public LeakyReLU(double negativeSlope = 0.01)
    {
        if (!double.IsFinite(negativeSlope))
            throw new ArgumentOutOfRangeException(nameof(negativeSlope), negativeSlope, $"LeakyReLU needs a finite negative slope, got {negativeSlope}.");
        NegativeSlope = negativeSlope;
        _slope = T.CreateChecked(negativeSlope);
    }

    /// <summary>The slope for negative inputs.</summary>
    public double NegativeSlope { get; }

    public override Tensor<T> Forward(Tensor<T> x)
    {
        _x = x;
        var y = new Tensor<T>(x.Shape);
        Activations.LeakyRelu<T>(x.Span, _slope, y.Span);
        return y;
    }

    public override Tensor<T> Backward(Tensor<T> dY)
    {
        var x = RequireForward(_x);
        CheckGradientShape(dY, x.Shape);
        var dX = new Tensor<T>(x.Shape);
        Activations.LeakyReluBackward<T>(x.Span, dY.Span, _slope, dX.Span);
        return dX;
    }

    public override string ToString() => $"LeakyReLU(slope: {NegativeSlope})";
}
