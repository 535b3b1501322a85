using System.Numerics;

namespace Tutorial.Engine.Kernels;

/// <summary>
/// Plain scalar twins of <see cref="Activations"/>: same names, same contracts, one element at a time, written
/// the way the formulas read. The per-element functions (<c>…Of</c>) also serve as the fast kernels' tails.
/// </summary>
public static class ActivationsReference
{
    /// <summary>√(2/π), the GELU tanh approximation's scale.</summary>
    internal const double SqrtTwoOverPi = 0.7978845608028654;

    /// <summary>The cubic coefficient of the GELU tanh approximation (Hendrycks &amp; Gimpel 2016).</summary>
    internal const double GeluCubic = 0.044715;

    public static void Exp<T>(ReadOnlySpan<T> x, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths(x.Length, x.Length, dst.Length);
        for (int i = 0; i < x.Length; i++) dst[i] = T.Exp(x[i]);
    }

    public static void Sigmoid<T>(ReadOnlySpan<T> x, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths(x.Length, x.Length, dst.Length);
        for (int i = 0; i < x.Length; i++) dst[i] = SigmoidOf(x[i]);
    }

    public static void SigmoidBackward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dY, Span<T> dX) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths(y.Length, dY.Length, dX.Length);
        for (int i = 0; i < y.Length; i++) dX[i] = dY[i] * y[i] * (T.One - y[i]);
    }

    public static void Tanh<T>(ReadOnlySpan<T> x, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths(x.Length, x.Length, dst.Length);
        for (int i = 0; i < x.Length; i++) dst[i] = T.Tanh(x[i]);
    }

    public static void TanhBackward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dY, Span<T> dX) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths(y.Length, dY.Length, dX.Length);
        for (int i = 0; i < y.Length; i++) dX[i] = dY[i] * (T.One - y[i] * y[i]);
    }

    public static void LeakyRelu<T>(ReadOnlySpan<T> x, T slope, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths(x.Length, x.Length, dst.Length);
        for (int i = 0; i < x.Length; i++) dst[i] = x[i] > T.Zero ? x[i] : slope * x[i];
    }

    public static void LeakyReluBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dY, T slope, Span<T> dX) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths(x.Length, dY.Length, dX.Length);
        for (int i = 0; i < x.Length; i++) dX[i] = x[i] > T.Zero ? dY[i] : slope * dY[i];
    }

    public static void Elu<T>(ReadOnlySpan<T> x, T alpha, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths(x.Length, x.Length, dst.Length);
        for (int i = 0; i < x.Length; i++) dst[i] = EluOf(x[i], alpha);
    }

    public static void EluBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dY, T alpha, Span<T> dX) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths(x.Length, dY.Length, dX.Length);
        for (int i = 0; i < x.Length; i++) dX[i] = EluBackwardOf(x[i], dY[i], alpha);
    }

    public static void GeluTanh<T>(ReadOnlySpan<T> x, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths(x.Length, x.Length, dst.Length);
        for (int i = 0; i < x.Length; i++) dst[i] = GeluTanhOf(x[i]);
    }

    public static void GeluTanhBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dY, Span<T> dX) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths(x.Length, dY.Length, dX.Length);
        for (int i = 0; i < x.Length; i++) dX[i] = GeluTanhBackwardOf(x[i], dY[i]);
    }

    public static void Softplus<T>(ReadOnlySpan<T> x, T beta, T threshold, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths(x.Length, x.Length, dst.Length);
        for (int i = 0; i < x.Length; i++) dst[i] = SoftplusOf(x[i], beta, threshold);
    }

    public static void SoftplusBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dY, T beta, T threshold, Span<T> dX) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths(x.Length, dY.Length, dX.Length);
        for (int i = 0; i < x.Length; i++) dX[i] = SoftplusBackwardOf(x[i], dY[i], beta, threshold);
    }

    public static void Softmax<T>(ReadOnlySpan<T> x, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths(x.Length, x.Length, dst.Length);
        T max = T.NegativeInfinity;
        foreach (var v in x) max = T.Max(max, v);
        T sum = T.Zero;
        for (int i = 0; i < x.Length; i++)
        {
            dst[i] = T.Exp(x[i] - max);
            sum += dst[i];
        }
        for (int i = 0; i < x.Length; i++) dst[i] /= sum;
    }

    public static void SoftmaxBackward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dY, Span<T> dX) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths(y.Length, dY.Length, dX.Length);
        T dot = T.Zero;
        for (int i = 0; i < y.Length; i++) dot += dY[i] * y[i];
        for (int i = 0; i < y.Length; i++) dX[i] = y[i] * (dY[i] - dot);
    }

    // ---- one element ---------------------------------------------------------------------

    /// <summary>σ(x) = 1 / (1 + e⁻ˣ).</summary>
    internal static T SigmoidOf<T>(T x) where T : IFloatingPointIeee754<T> => T.One / (T.One + T.Exp(-x));

    /// <summary>x for x &gt; 0, else α(eˣ − 1).</summary>
    internal static T EluOf<T>(T x, T alpha) where T : IFloatingPointIeee754<T> =>
        x > T.Zero ? x : alpha * ScalarMath.ExpM1(x);

    /// <summary>dY for x &gt; 0, else dY·α·eˣ.</summary>
    internal static T EluBackwardOf<T>(T x, T dY, T alpha) where T : IFloatingPointIeee754<T> =>
        x > T.Zero ? dY : dY * alpha * T.Exp(x);

    /// <summary>½x(1 + tanh u), u = √(2/π)(x + 0.044715x³), computed as x·σ(2u) (see <see cref="Activations.GeluTanh{T}"/>).</summary>
    internal static T GeluTanhOf<T>(T x) where T : IFloatingPointIeee754<T>
    {
        T u = T.CreateChecked(SqrtTwoOverPi) * (x + T.CreateChecked(GeluCubic) * x * x * x);
        return x * SigmoidOf(u + u);
    }

    /// <summary>dY·(s + 2x·s(1 − s)·du), s = σ(2u), du = √(2/π)(1 + 3·0.044715x²).</summary>
    internal static T GeluTanhBackwardOf<T>(T x, T dY) where T : IFloatingPointIeee754<T>
    {
        T c = T.CreateChecked(SqrtTwoOverPi), k = T.CreateChecked(GeluCubic);
        T u = c * (x + k * x * x * x);
        T s = SigmoidOf(u + u);
        T du = c * (T.One + T.CreateChecked(3) * k * x * x);
        return dY * (s + (x + x) * s * (T.One - s) * du);
    }

    /// <summary>x·Φ(x), computed in double.</summary>
    internal static T GeluErfOf<T>(T x) where T : IFloatingPointIeee754<T>
    {
        double v = double.CreateChecked(x);
        return T.CreateChecked(v * ScalarMath.NormalCdf(v));
    }

    /// <summary>dY·(Φ(x) + x·φ(x)), computed in double.</summary>
    internal static T GeluErfBackwardOf<T>(T x, T dY) where T : IFloatingPointIeee754<T>
    {
        double v = double.CreateChecked(x);
        return dY * T.CreateChecked(ScalarMath.NormalCdf(v) + v * ScalarMath.NormalPdf(v));
    }

    /// <summary>
    /// x where βx &gt; threshold, else (1/β)·ln(1 + e^(βx)), the latter as (max(t, 0) + ln(1 + e^(−|t|)))/β with t = βx,
    /// which never overflows.
    /// </summary>
    internal static T SoftplusOf<T>(T x, T beta, T threshold) where T : IFloatingPointIeee754<T>
    {
        T t = beta * x;
        if (t > threshold) return x;
        return (T.Max(t, T.Zero) + ScalarMath.Log1P(T.Exp(-T.Abs(t)))) / beta;
    }

    /// <summary>dY where βx &gt; threshold, else dY·σ(βx).</summary>
    internal static T SoftplusBackwardOf<T>(T x, T dY, T beta, T threshold) where T : IFloatingPointIeee754<T>
    {
        T t = beta * x;
        return t > threshold ? dY : dY * SigmoidOf(t);
    }
}
