using System.Numerics;
using Tutorial.Engine.Kernels;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Layers;

/// <summary>
/// Inverted dropout (Srivastava et al. 2014; torch.nn.Dropout), elementwise on any shape.
/// <code>
/// training:  m[i] = 0 with probability p, else 1/(1 − p)      (a fresh mask m per Forward, from the layer's Rng)
///            y  = x ⊙ m
///            dX = dY ⊙ m
/// eval:      y  = x,   dX = dY                                 x: any shape  -> y: the same shape
/// </code>
/// Scaling the kept units by 1/(1 − p) during training keeps E[y] = x, so evaluation needs no rescaling.
/// The mask is drawn element by element in row-major order: m[i] = 0 when <c>rng.NextDouble() &lt; p</c>.
/// <para>For a gradient check the layer must be deterministic across Forward calls: set <see cref="ReuseMask"/>,
/// and every Forward after the first reuses the last mask (<see cref="Mask"/>).</para>
/// </summary>
public sealed class Dropout<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Rng _rng;
    private readonly T _keepScale;
    private Tensor<T>? _mask;
    private Shape? _lastShape;
    private Tensor<T>? _appliedMask;   // the mask of the last Forward; null when it was the identity (eval mode)

    /// <summary>Creates the layer. <paramref name="p"/>, the probability of zeroing an element, must lie in [0, 1).</summary>
    public Dropout(double p, Rng rng)
    {
        if (!(p >= 0 && p < 1))
            throw new ArgumentOutOfRangeException(nameof(p), p, $"Dropout needs a drop probability p in [0, 1), got {p}.");
        ArgumentNullException.ThrowIfNull(rng);
        P = p;
        _rng = rng;
        _keepScale = T.One / (T.One - T.CreateChecked(p));
    }

    /// <summary>The probability of zeroing an element.</summary>
    public double P { get; }

    /// <summary>
    /// When true, Forward in training mode reuses the last mask instead of drawing a new one (it draws one if there
    /// is none yet). Use it to make gradient checks deterministic. The input must then keep the mask's shape.
    /// </summary>
    public bool ReuseMask { get; set; }

    /// <summary>The last mask drawn (0 or 1/(1 − p) per element), or null before the first training Forward.</summary>
    public Tensor<T>? Mask => _mask;

    public override Tensor<T> Forward(Tensor<T> x)
    {
        _lastShape = x.Shape;
        if (!Training)
        {
            _appliedMask = null;
            return x.Clone();
        }
        if (!ReuseMask || _mask is null) _mask = DrawMask(x.Shape);
        else if (_mask.Shape != x.Shape)
            throw ShapeError("x", x.Shape, $"{_mask.Shape}, the shape of the mask held by ReuseMask");
        _appliedMask = _mask;
        var y = new Tensor<T>(x.Shape);
        Elementwise.Multiply<T>(x.Span, _mask.Span, y.Span);
        return y;
    }

    public override Tensor<T> Backward(Tensor<T> dY)
    {
        var shape = RequireForward(_lastShape);
        CheckGradientShape(dY, shape);
        if (_appliedMask is null) return dY.Clone();
        var dX = new Tensor<T>(shape);
        Elementwise.Multiply<T>(dY.Span, _appliedMask.Span, dX.Span);
        return dX;
    }

    /// <summary>A new mask: 0 where <c>rng.NextDouble() &lt; p</c>, else 1/(1 − p).</summary>
    private Tensor<T> DrawMask(Shape shape)
    {
        var mask = new Tensor<T>(shape);
        var m = mask.Span;
        for (int i = 0; i < m.Length; i++) m[i] = _rng.NextDouble() < P ? T.Zero : _keepScale;
        return mask;
    }

    public override string ToString() => $"Dropout(p: {P})";
}
