using System.Numerics;
using System.Runtime.InteropServices;

namespace Tutorial.Engine.Kernels;

/// <summary>
/// Activation kernels on spans, vectorised with <see cref="Vector{T}"/> and <see cref="VectorMath"/>: full vectors
/// first, then a scalar tail (through <see cref="ElementwiseLoop"/>: each kernel states its operation once for a
/// vector and once for an element, in the structs at the end of this file). Each has a scalar twin in <see cref="ActivationsReference"/> with the same name and
/// contract, which the tests compare it against for every length from 0 to three vector widths plus one.
/// Forward kernels may write into their source (dst = x); backward kernels take the saved input (or output)
/// and dY, and write dX.
/// <para>Accuracy: the vector paths agree with the scalar twins (which use Math.Tanh, Math.Exp, …) to a few ulp
/// in both float and double; in double that is about 1e-15 relative, as the derivation checks need.</para>
/// <para>The exact GELU (<see cref="GeluErf{T}"/>) has no vector path: .NET has no vectorised erf, so that kernel
/// is the scalar one (in double, via <see cref="ScalarMath.NormalCdf"/>); use the tanh approximation for speed.</para>
/// </summary>
public static class Activations
{
    /// <summary>dst[i] = e^x[i].</summary>
    public static void Exp<T>(ReadOnlySpan<T> x, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
        => ElementwiseLoop.Unary(x, dst, new ExpOp<T>(), VectorMath.IsAccelerated<T>());

    /// <summary>dst[i] = σ(x[i]) = 1 / (1 + e^−x[i]).</summary>
    public static void Sigmoid<T>(ReadOnlySpan<T> x, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
        => ElementwiseLoop.Unary(x, dst, new SigmoidOp<T>(), VectorMath.IsAccelerated<T>());

    /// <summary>dX[i] = dY[i]·y[i]·(1 − y[i]), from the sigmoid's output y.</summary>
    public static void SigmoidBackward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dY, Span<T> dX) where T : unmanaged, IFloatingPointIeee754<T>
        => ElementwiseLoop.Binary(y, dY, dX, new SigmoidBackwardOp<T>(), ElementwiseLoop.Simd<T>());

    /// <summary>dst[i] = tanh x[i] (accurate also for tiny |x|; see <see cref="VectorMath.Tanh{T}"/>).</summary>
    public static void Tanh<T>(ReadOnlySpan<T> x, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
        => ElementwiseLoop.Unary(x, dst, new TanhOp<T>(), VectorMath.IsAccelerated<T>());

    /// <summary>dX[i] = dY[i]·(1 − y[i]²), from tanh's output y.</summary>
    public static void TanhBackward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dY, Span<T> dX) where T : unmanaged, IFloatingPointIeee754<T>
        => ElementwiseLoop.Binary(y, dY, dX, new TanhBackwardOp<T>(), ElementwiseLoop.Simd<T>());

    /// <summary>dst[i] = x[i] if x[i] &gt; 0, else slope·x[i].</summary>
    public static void LeakyRelu<T>(ReadOnlySpan<T> x, T slope, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
        => ElementwiseLoop.Unary(x, dst, new LeakyReluOp<T>(slope), ElementwiseLoop.Simd<T>());

    /// <summary>dX[i] = dY[i] if x[i] &gt; 0, else slope·dY[i] (the derivative at 0 is taken as the slope, as in PyTorch).</summary>
    public static void LeakyReluBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dY, T slope, Span<T> dX) where T : unmanaged, IFloatingPointIeee754<T>
        => ElementwiseLoop.Binary(x, dY, dX, new LeakyReluBackwardOp<T>(slope), ElementwiseLoop.Simd<T>());

    /// <summary>dst[i] = x[i] if x[i] &gt; 0, else α(e^x[i] − 1) (with an accurate eˣ − 1).</summary>
    public static void Elu<T>(ReadOnlySpan<T> x, T alpha, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
        => ElementwiseLoop.Unary(x, dst, new EluOp<T>(alpha), VectorMath.IsAccelerated<T>());

    /// <summary>dX[i] = dY[i] if x[i] &gt; 0, else dY[i]·α·e^x[i].</summary>
    public static void EluBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dY, T alpha, Span<T> dX) where T : unmanaged, IFloatingPointIeee754<T>
        => ElementwiseLoop.Binary(x, dY, dX, new EluBackwardOp<T>(alpha), VectorMath.IsAccelerated<T>());

    /// <summary>
    /// dst[i] = ½x(1 + tanh u), u = √(2/π)(x + 0.044715x³) (GELU, tanh approximation), computed as x·σ(2u):
    /// the same value, since 1 + tanh u = 2σ(2u), without the cancellation of 1 + tanh u for u ≪ 0.
    /// </summary>
    public static void GeluTanh<T>(ReadOnlySpan<T> x, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
        => ElementwiseLoop.Unary(x, dst, new GeluTanhOp<T>(), VectorMath.IsAccelerated<T>());

    /// <summary>
    /// dX[i] = dY·(½(1 + t) + ½x(1 − t²)·√(2/π)(1 + 3·0.044715x²)), t = tanh u; with s = σ(2u), ½(1 + t) = s and
    /// ½(1 − t²) = 2s(1 − s), so dX = dY·(s + 2x·s(1 − s)·du).
    /// </summary>
    public static void GeluTanhBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dY, Span<T> dX) where T : unmanaged, IFloatingPointIeee754<T>
        => ElementwiseLoop.Binary(x, dY, dX, new GeluTanhBackwardOp<T>(), VectorMath.IsAccelerated<T>());

    /// <summary>dst[i] = x·Φ(x) (exact GELU). Scalar: .NET has no vectorised erf (see the class remarks).</summary>
    public static void GeluErf<T>(ReadOnlySpan<T> x, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths(x.Length, x.Length, dst.Length);
        for (int i = 0; i < x.Length; i++) dst[i] = ActivationsReference.GeluErfOf(x[i]);
    }

    /// <summary>dX[i] = dY[i]·(Φ(x) + x·φ(x)) (exact GELU). Scalar, like <see cref="GeluErf{T}"/>.</summary>
    public static void GeluErfBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dY, Span<T> dX) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths(x.Length, dY.Length, dX.Length);
        for (int i = 0; i < x.Length; i++) dX[i] = ActivationsReference.GeluErfBackwardOf(x[i], dY[i]);
    }

    /// <summary>dst[i] = x where βx &gt; threshold, else (1/β)·ln(1 + e^(βx)) (overflow-free form, accurate ln(1 + ·)).</summary>
    public static void Softplus<T>(ReadOnlySpan<T> x, T beta, T threshold, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
        => ElementwiseLoop.Unary(x, dst, new SoftplusOp<T>(beta, threshold), VectorMath.IsAccelerated<T>());

    /// <summary>dX[i] = dY[i] where βx &gt; threshold, else dY[i]·σ(βx).</summary>
    public static void SoftplusBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dY, T beta, T threshold, Span<T> dX) where T : unmanaged, IFloatingPointIeee754<T>
        => ElementwiseLoop.Binary(x, dY, dX, new SoftplusBackwardOp<T>(beta, threshold), VectorMath.IsAccelerated<T>());

    /// <summary>
    /// Softmax of one row, numerically stable: dst[i] = e^(x[i] − m) / Σⱼ e^(x[j] − m), m = maxⱼ x[j]
    /// (subtracting m changes nothing mathematically and keeps every exponent ≤ 0, so nothing overflows).
    /// </summary>
    public static void Softmax<T>(ReadOnlySpan<T> x, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths(x.Length, x.Length, dst.Length);
        T max = Elementwise.Max(x);
        int i = 0;
        T sum = T.Zero;
        bool vector = VectorMath.IsAccelerated<T>();
        if (vector)
        {
            var vx = MemoryMarshal.Cast<T, Vector<T>>(x);
            var vd = MemoryMarshal.Cast<T, Vector<T>>(dst);
            var vm = new Vector<T>(max);
            var acc = Vector<T>.Zero;
            for (int v = 0; v < vx.Length; v++)
            {
                vd[v] = VectorMath.Exp(vx[v] - vm);
                acc += vd[v];
            }
            sum = Vector.Sum(acc);
            i = vx.Length * Vector<T>.Count;
        }
        for (; i < x.Length; i++)
        {
            dst[i] = T.Exp(x[i] - max);
            sum += dst[i];
        }

        i = 0;
        if (vector)
        {
            var vd = MemoryMarshal.Cast<T, Vector<T>>(dst);
            var vs = new Vector<T>(sum);
            for (int v = 0; v < vd.Length; v++) vd[v] /= vs;
            i = vd.Length * Vector<T>.Count;
        }
        for (; i < dst.Length; i++) dst[i] /= sum;
    }

    /// <summary>Softmax's backward for one row, from its output y: dX = y ⊙ (dY − Σⱼ dY[j]·y[j]).</summary>
    public static void SoftmaxBackward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dY, Span<T> dX) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths(y.Length, dY.Length, dX.Length);
        T dot = Elementwise.Dot(dY, y);
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var vy = MemoryMarshal.Cast<T, Vector<T>>(y);
            var vg = MemoryMarshal.Cast<T, Vector<T>>(dY);
            var vd = MemoryMarshal.Cast<T, Vector<T>>(dX);
            var vdot = new Vector<T>(dot);
            for (int v = 0; v < vy.Length; v++) vd[v] = vy[v] * (vg[v] - vdot);
            i = vy.Length * Vector<T>.Count;
        }
        for (; i < y.Length; i++) dX[i] = y[i] * (dY[i] - dot);
    }

    // ---- the operations: each one twice, on a vector and on one element (ElementwiseLoop runs them) ----

    private readonly struct ExpOp<T> : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public Vector<T> Apply(Vector<T> x) => VectorMath.Exp(x);
        public T Apply(T x) => T.Exp(x);
    }

    private readonly struct SigmoidOp<T> : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public Vector<T> Apply(Vector<T> x) => VectorMath.Sigmoid(x);
        public T Apply(T x) => ActivationsReference.SigmoidOf(x);
    }

    /// <summary>(y, dY) ↦ dY·y·(1 − y).</summary>
    private readonly struct SigmoidBackwardOp<T> : IBinaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public Vector<T> Apply(Vector<T> y, Vector<T> g) => g * y * (Vector<T>.One - y);
        public T Apply(T y, T g) => g * y * (T.One - y);
    }

    private readonly struct TanhOp<T> : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public Vector<T> Apply(Vector<T> x) => VectorMath.Tanh(x);
        public T Apply(T x) => T.Tanh(x);
    }

    /// <summary>(y, dY) ↦ dY·(1 − y²).</summary>
    private readonly struct TanhBackwardOp<T> : IBinaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public Vector<T> Apply(Vector<T> y, Vector<T> g) => g * (Vector<T>.One - y * y);
        public T Apply(T y, T g) => g * (T.One - y * y);
    }

    private readonly struct LeakyReluOp<T>(T slope) : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly Vector<T> _slope = new(slope);
        public Vector<T> Apply(Vector<T> x) => Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<T>.Zero), x, _slope * x);
        public T Apply(T x) => x > T.Zero ? x : slope * x;
    }

    /// <summary>(x, dY) ↦ dY where x &gt; 0, else slope·dY.</summary>
    private readonly struct LeakyReluBackwardOp<T>(T slope) : IBinaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly Vector<T> _slope = new(slope);
        public Vector<T> Apply(Vector<T> x, Vector<T> g) => Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<T>.Zero), g, _slope * g);
        public T Apply(T x, T g) => x > T.Zero ? g : slope * g;
    }

    private readonly struct EluOp<T>(T alpha) : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly Vector<T> _alpha = new(alpha);

        public Vector<T> Apply(Vector<T> x)
        {
            var negative = _alpha * VectorMath.ExpM1(Vector.Min(x, Vector<T>.Zero));   // min: no overflow in the lanes not taken
            return Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<T>.Zero), x, negative);
        }

        public T Apply(T x) => ActivationsReference.EluOf(x, alpha);
    }

    /// <summary>(x, dY) ↦ dY where x &gt; 0, else dY·α·eˣ.</summary>
    private readonly struct EluBackwardOp<T>(T alpha) : IBinaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly Vector<T> _alpha = new(alpha);

        public Vector<T> Apply(Vector<T> x, Vector<T> g)
        {
            var negative = g * _alpha * VectorMath.Exp(Vector.Min(x, Vector<T>.Zero));
            return Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<T>.Zero), g, negative);
        }

        public T Apply(T x, T g) => ActivationsReference.EluBackwardOf(x, g, alpha);
    }

    /// <summary>x ↦ x·σ(2u), u = √(2/π)(x + 0.044715x³).</summary>
    private readonly struct GeluTanhOp<T> : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private static readonly Vector<T> C = new(T.CreateChecked(ActivationsReference.SqrtTwoOverPi));
        private static readonly Vector<T> K = new(T.CreateChecked(ActivationsReference.GeluCubic));

        public Vector<T> Apply(Vector<T> x)
        {
            var u = C * (x + K * x * x * x);
            return x * VectorMath.Sigmoid(u + u);
        }

        public T Apply(T x) => ActivationsReference.GeluTanhOf(x);
    }

    /// <summary>(x, dY) ↦ dY·(s + 2x·s(1 − s)·du), s = σ(2u).</summary>
    private readonly struct GeluTanhBackwardOp<T> : IBinaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private static readonly Vector<T> C = new(T.CreateChecked(ActivationsReference.SqrtTwoOverPi));
        private static readonly Vector<T> K = new(T.CreateChecked(ActivationsReference.GeluCubic));
        private static readonly Vector<T> K3 = new(T.CreateChecked(3) * T.CreateChecked(ActivationsReference.GeluCubic));

        public Vector<T> Apply(Vector<T> x, Vector<T> g)
        {
            var one = Vector<T>.One;
            var u = C * (x + K * x * x * x);
            var s = VectorMath.Sigmoid(u + u);
            var du = C * (one + K3 * x * x);
            return g * (s + (x + x) * s * (one - s) * du);
        }

        public T Apply(T x, T g) => ActivationsReference.GeluTanhBackwardOf(x, g);
    }

    /// <summary>x ↦ x where βx &gt; threshold, else (max(βx, 0) + ln(1 + e^−|βx|)) / β.</summary>
    private readonly struct SoftplusOp<T>(T beta, T threshold) : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly Vector<T> _beta = new(beta), _threshold = new(threshold);

        public Vector<T> Apply(Vector<T> x)
        {
            var t = _beta * x;
            var soft = (Vector.Max(t, Vector<T>.Zero) + VectorMath.Log1P(VectorMath.Exp(-Vector.Abs(t)))) / _beta;
            return Vector.ConditionalSelect(Vector.GreaterThan(t, _threshold), x, soft);
        }

        public T Apply(T x) => ActivationsReference.SoftplusOf(x, beta, threshold);
    }

    /// <summary>(x, dY) ↦ dY where βx &gt; threshold, else dY·σ(βx).</summary>
    private readonly struct SoftplusBackwardOp<T>(T beta, T threshold) : IBinaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly Vector<T> _beta = new(beta), _threshold = new(threshold);

        public Vector<T> Apply(Vector<T> x, Vector<T> g)
        {
            var t = _beta * x;
            return Vector.ConditionalSelect(Vector.GreaterThan(t, _threshold), g, g * VectorMath.Sigmoid(t));
        }

        public T Apply(T x, T g) => ActivationsReference.SoftplusBackwardOf(x, g, beta, threshold);
    }
}
