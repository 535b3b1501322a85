using System.Numerics;
using Tutorial.Engine.Kernels;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Layers;

/// <summary>
/// Softplus, a smooth ReLU, elementwise on any shape (torch.nn.Softplus, with the same β and threshold).
/// <code>
/// y  = (1/β)·ln(1 + e^(βx))     if βx ≤ threshold,   x    otherwise     x: any shape  -> y: the same shape
/// dX = dY ⊙ σ(βx)               if βx ≤ threshold,   dY   otherwise
/// </code>
/// Above the threshold the function is linear to working precision (for the default 20 the gap is e⁻²⁰ ≈ 2e-9),
/// so PyTorch switches to the identity there, and so does this layer. The logarithm is computed as
/// (max(βx, 0) + ln(1 + e^(−|βx|)))/β, which never overflows, with an accurate ln(1 + ·).
/// </summary>
public sealed class Softplus<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _beta, _threshold;
    private Tensor<T>? _x;

    /// <summary>Creates the layer; β must be positive and finite, the threshold a number (PyTorch's defaults: 1 and 20).</summary>
    public Softplus(double beta = 1.0, double threshold = 20.0)
    {
        if (!(beta > 0) || !double.IsFinite(beta))
            throw new ArgumentOutOfRangeException(nameof(beta), beta, $"Softplus needs a positive, finite beta, got {beta}.");
        if (double.IsNaN(threshold))
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "Softplus needs a threshold that is a number, got NaN.");
        Beta = beta;
        Threshold = threshold;
        _beta = T.CreateChecked(beta);
        _threshold = T.CreateChecked(threshold);
    }

    /// <summary>β: larger values make the curve closer to max(x, 0).</summary>
    public double Beta { get; }

    /// <summary>Where βx exceeds this, y = x.</summary>
    public double Threshold { get; }

    public override Tensor<T> Forward(Tensor<T> x)
    {
        _x = x;
        var y = new Tensor<T>(x.Shape);
        Activations.Softplus<T>(x.Span, _beta, _threshold, y.Span);
        return y;
    }

    public override Tensor<T> Backward(Tensor<T> dY)
    {
        var x = RequireForward(_x);
        CheckGradientShape(dY, x.Shape);
        var dX = new Tensor<T>(x.Shape);
        Activations.SoftplusBackward<T>(x.Span, dY.Span, _beta, _threshold, dX.Span);
        return dX;
    }

    public override string ToString() => $"Softplus(beta: {Beta}, threshold: {Threshold})";
}
