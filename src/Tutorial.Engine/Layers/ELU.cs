using System.Numerics;
using Tutorial.Engine.Kernels;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Layers;

/// <summary>
/// Exponential linear unit, elementwise on any shape (Clevert et al. 2015; torch.nn.ELU).
/// <code>
/// y  = x         if x &gt; 0,   α(eˣ − 1)     otherwise     x: any shape  -> y: the same shape
/// dX = dY        if x &gt; 0,   dY·α·eˣ       otherwise     (at exactly 0 the left side, α, as in PyTorch)
/// </code>
/// Smooth for α = 1, saturating at −α for very negative inputs, which pushes mean activations towards zero.
/// eˣ − 1 is computed without cancellation near 0 (<see cref="ScalarMath.ExpM1{T}"/>).
/// </summary>
public sealed class ELU<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _alpha;
    private Tensor<T>? _x;

    /// <summary>Creates the layer; <paramref name="alpha"/> must be finite.</summary>
    public ELU(double alpha = 1.0)
    {
        if (!double.IsFinite(alpha))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, $"ELU needs a finite alpha, got {alpha}.");
        Alpha = alpha;
        _alpha = T.CreateChecked(alpha);
    }

    /// <summary>α, the value −α is the limit for x → −∞.</summary>
    public double Alpha { get; }

    public override Tensor<T> Forward(Tensor<T> x)
    {
        _x = x;
        var y = new Tensor<T>(x.Shape);
        Activations.Elu<T>(x.Span, _alpha, y.Span);
        return y;
    }

    public override Tensor<T> Backward(Tensor<T> dY)
    {
        var x = RequireForward(_x);
        CheckGradientShape(dY, x.Shape);
        var dX = new Tensor<T>(x.Shape);
        Activations.EluBackward<T>(x.Span, dY.Span, _alpha, dX.Span);
        return dX;
    }

    public override string ToString() => $"ELU(alpha: {Alpha})";
}
