using System.Numerics;
using Tutorial.Engine.Kernels;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Layers;

/// <summary>Which form of GELU to compute (PyTorch's <c>approximate='none'</c> or <c>'tanh'</c>).</summary>
public enum GeluApproximation
{
    /// <summary>The exact form x·Φ(x), with Φ the standard normal CDF (through erf).</summary>
    None,
    /// <summary>The tanh approximation ½x(1 + tanh(√(2/π)(x + 0.044715x³))); vectorised, so faster.</summary>
    Tanh,
}

/// <summary>
/// Gaussian error linear unit, elementwise on any shape (Hendrycks &amp; Gimpel 2016; torch.nn.GELU).
/// <code>
/// exact (None):  y  = x·Φ(x) = ½x(1 + erf(x/√2))
///                dX = dY ⊙ (Φ(x) + x·φ(x)),           φ(x) = e^(−x²/2)/√(2π)
/// Tanh:          y  = ½x(1 + t),  t = tanh u,  u = √(2/π)(x + 0.044715x³)
///                dX = dY ⊙ (½(1 + t) + ½x(1 − t²)·√(2/π)(1 + 3·0.044715x²))
/// x: any shape  -> y: the same shape
/// </code>
/// The tanh form is computed as x·σ(2u) (equal, as 1 + tanh u = 2σ(2u), but without cancellation for u ≪ 0).
/// The two forms differ by at most about 5e-4 (measured by the tests). The exact form is computed in double
/// (erf from <see cref="ScalarMath"/>), also for float tensors; Φ is taken as ½erfc(−x/√2), which stays accurate
/// far in the left tail where ½(1 + erf) cancels.
/// </summary>
public sealed class GELU<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _x;

    /// <summary>Creates the layer with the exact form (the default, as in PyTorch) or the tanh approximation.</summary>
    public GELU(GeluApproximation approximate = GeluApproximation.None)
    {
        if (!Enum.IsDefined(approximate))
            throw new ArgumentOutOfRangeException(nameof(approximate), approximate, "GELU needs approximate None or Tanh.");
        Approximate = approximate;
    }

    /// <summary>Exact or tanh approximation.</summary>
    public GeluApproximation Approximate { get; }

    public override Tensor<T> Forward(Tensor<T> x)
    {
        _x = x;
        var y = new Tensor<T>(x.Shape);
        if (Approximate == GeluApproximation.Tanh) Activations.GeluTanh<T>(x.Span, y.Span);
        else Activations.GeluErf<T>(x.Span, y.Span);
        return y;
    }

    public override Tensor<T> Backward(Tensor<T> dY)
    {
        var x = RequireForward(_x);
        CheckGradientShape(dY, x.Shape);
        var dX = new Tensor<T>(x.Shape);
        if (Approximate == GeluApproximation.Tanh) Activations.GeluTanhBackward<T>(x.Span, dY.Span, dX.Span);
        else Activations.GeluErfBackward<T>(x.Span, dY.Span, dX.Span);
        return dX;
    }

    public override string ToString() => $"GELU(approximate: {(Approximate == GeluApproximation.Tanh ? "tanh" : "none")})";
}
