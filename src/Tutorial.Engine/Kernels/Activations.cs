using System.Numerics;
using System.Runtime.InteropServices;

namespace Tutorial.Engine.Kernels;

/// <summary>
/// Activation kernels on spans, vectorised with <see cref="Vector{T}"/> and <see cref="VectorMath"/>: full vectors
/// first, then a scalar tail. Each has a scalar twin in <see cref="ActivationsReference"/> with the same name and
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
    {
        Elementwise.CheckLengths(x.Length, x.Length, dst.Length);
        int i = 0;
        if (VectorMath.IsAccelerated<T>())
        {
            var vx = MemoryMarshal.Cast<T, Vector<T>>(x);
            var vd = MemoryMarshal.Cast<T, Vector<T>>(dst);
            for (int v = 0; v < vx.Length; v++) vd[v] = VectorMath.Exp(vx[v]);
            i = vx.Length * Vector<T>.Count;
        }
        for (; i < x.Length; i++) dst[i] = T.Exp(x[i]);
    }

    /// <summary>dst[i] = σ(x[i]) = 1 / (1 + e^−x[i]).</summary>
    public static void Sigmoid<T>(ReadOnlySpan<T> x, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths(x.Length, x.Length, dst.Length);
        int i = 0;
        if (VectorMath.IsAccelerated<T>())
        {
            var vx = MemoryMarshal.Cast<T, Vector<T>>(x);
            var vd = MemoryMarshal.Cast<T, Vector<T>>(dst);
            for (int v = 0; v < vx.Length; v++) vd[v] = VectorMath.Sigmoid(vx[v]);
            i = vx.Length * Vector<T>.Count;
        }
        for (; i < x.Length; i++) dst[i] = ActivationsReference.SigmoidOf(x[i]);
    }

    /// <summary>dX[i] = dY[i]·y[i]·(1 − y[i]), from the sigmoid's output y.</summary>
    public static void SigmoidBackward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dY, Span<T> dX) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths(y.Length, dY.Length, dX.Length);
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var vy = MemoryMarshal.Cast<T, Vector<T>>(y);
            var vg = MemoryMarshal.Cast<T, Vector<T>>(dY);
            var vd = MemoryMarshal.Cast<T, Vector<T>>(dX);
            for (int v = 0; v < vy.Length; v++) vd[v] = vg[v] * vy[v] * (Vector<T>.One - vy[v]);
            i = vy.Length * Vector<T>.Count;
        }
        for (; i < y.Length; i++) dX[i] = dY[i] * y[i] * (T.One - y[i]);
    }

    /// <summary>dst[i] = tanh x[i] (accurate also for tiny |x|; see <see cref="VectorMath.Tanh{T}"/>).</summary>
    public static void Tanh<T>(ReadOnlySpan<T> x, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths(x.Length, x.Length, dst.Length);
        int i = 0;
        if (VectorMath.IsAccelerated<T>())
        {
            var vx = MemoryMarshal.Cast<T, Vector<T>>(x);
            var vd = MemoryMarshal.Cast<T, Vector<T>>(dst);
            for (int v = 0; v < vx.Length; v++) vd[v] = VectorMath.Tanh(vx[v]);
            i = vx.Length * Vector<T>.Count;
        }
        for (; i < x.Length; i++) dst[i] = T.Tanh(x[i]);
    }

    /// <summary>dX[i] = dY[i]·(1 − y[i]²), from tanh's output y.</summary>
    public static void TanhBackward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dY, Span<T> dX) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths(y.Length, dY.Length, dX.Length);
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var vy = MemoryMarshal.Cast<T, Vector<T>>(y);
            var vg = MemoryMarshal.Cast<T, Vector<T>>(dY);
            var vd = MemoryMarshal.Cast<T, Vector<T>>(dX);
            for (int v = 0; v < vy.Length; v++) vd[v] = vg[v] * (Vector<T>.One - vy[v] * vy[v]);
            i = vy.Length * Vector<T>.Count;
        }
        for (; i < y.Length; i++) dX[i] = dY[i] * (T.One - y[i] * y[i]);
    }

    /// <summary>dst[i] = x[i] if x[i] &gt; 0, else slope·x[i].</summary>
    public static void LeakyRelu<T>(ReadOnlySpan<T> x, T slope, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths(x.Length, x.Length, dst.Length);
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var vx = MemoryMarshal.Cast<T, Vector<T>>(x);
            var vd = MemoryMarshal.Cast<T, Vector<T>>(dst);
            var vs = new Vector<T>(slope);
            for (int v = 0; v < vx.Length; v++)
                vd[v] = Vector.ConditionalSelect(Vector.GreaterThan(vx[v], Vector<T>.Zero), vx[v], vs * vx[v]);
            i = vx.Length * Vector<T>.Count;
        }
        for (; i < x.Length; i++) dst[i] = x[i] > T.Zero ? x[i] : slope * x[i];
    }

    /// <summary>dX[i] = dY[i] if x[i] &gt; 0, else slope·dY[i] (the derivative at 0 is taken as the slope, as in PyTorch).</summary>
    public static void LeakyReluBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dY, T slope, Span<T> dX) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths(x.Length, dY.Length, dX.Length);
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var vx = MemoryMarshal.Cast<T, Vector<T>>(x);
            var vg = MemoryMarshal.Cast<T, Vector<T>>(dY);
            var vd = MemoryMarshal.Cast<T, Vector<T>>(dX);
            var vs = new Vector<T>(slope);
            for (int v = 0; v < vx.Length; v++)
                vd[v] = Vector.ConditionalSelect(Vector.GreaterThan(vx[v], Vector<T>.Zero), vg[v], vs * vg[v]);
            i = vx.Length * Vector<T>.Count;
        }
        for (; i < x.Length; i++) dX[i] = x[i] > T.Zero ? dY[i] : slope * dY[i];
    }

    /// <summary>dst[i] = x[i] if x[i] &gt; 0, else α(e^x[i] − 1) (with an accurate eˣ − 1).</summary>
    public static void Elu<T>(ReadOnlySpan<T> x, T alpha, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths(x.Length, x.Length, dst.Length);
        int i = 0;
        if (VectorMath.IsAccelerated<T>())
        {
            var vx = MemoryMarshal.Cast<T, Vector<T>>(x);
            var vd = MemoryMarshal.Cast<T, Vector<T>>(dst);
            var va = new Vector<T>(alpha);
            for (int v = 0; v < vx.Length; v++)
            {
                var negative = va * VectorMath.ExpM1(Vector.Min(vx[v], Vector<T>.Zero));   // min: no overflow in the lanes not taken
                vd[v] = Vector.ConditionalSelect(Vector.GreaterThan(vx[v], Vector<T>.Zero), vx[v], negative);
            }
            i = vx.Length * Vector<T>.Count;
        }
        for (; i < x.Length; i++) dst[i] = ActivationsReference.EluOf(x[i], alpha);
    }

    /// <summary>dX[i] = dY[i] if x[i] &gt; 0, else dY[i]·α·e^x[i].</summary>
    public static void EluBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dY, T alpha, Span<T> dX) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths(x.Length, dY.Length, dX.Length);
        int i = 0;
        if (VectorMath.IsAccelerated<T>())
        {
            var vx = MemoryMarshal.Cast<T, Vector<T>>(x);
            var vg = MemoryMarshal.Cast<T, Vector<T>>(dY);
            var vd = MemoryMarshal.Cast<T, Vector<T>>(dX);
            var va = new Vector<T>(alpha);
            for (int v = 0; v < vx.Length; v++)
            {
                var negative = vg[v] * va * VectorMath.Exp(Vector.Min(vx[v], Vector<T>.Zero));
                vd[v] = Vector.ConditionalSelect(Vector.GreaterThan(vx[v], Vector<T>.Zero), vg[v], negative);
            }
            i = vx.Length * Vector<T>.Count;
        }
        for (; i < x.Length; i++) dX[i] = ActivationsReference.EluBackwardOf(x[i], dY[i], alpha);
    }

    /// <summary>
    /// dst[i] = ½x(1 + tanh u), u = √(2/π)(x + 0.044715x³) (GELU, tanh approximation), computed as x·σ(2u):
    /// the same value, since 1 + tanh u = 2σ(2u), without the cancellation of 1 + tanh u for u ≪ 0.
    /// </summary>
    public static void GeluTanh<T>(ReadOnlySpan<T> x, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths(x.Length, x.Length, dst.Length);
        int i = 0;
        if (VectorMath.IsAccelerated<T>())
        {
            var vx = MemoryMarshal.Cast<T, Vector<T>>(x);
            var vd = MemoryMarshal.Cast<T, Vector<T>>(dst);
            var c = new Vector<T>(T.CreateChecked(ActivationsReference.SqrtTwoOverPi));
            var k = new Vector<T>(T.CreateChecked(ActivationsReference.GeluCubic));
            for (int v = 0; v < vx.Length; v++)
            {
                var xv = vx[v];
                var u = c * (xv + k * xv * xv * xv);
                vd[v] = xv * VectorMath.Sigmoid(u + u);
            }
            i = vx.Length * Vector<T>.Count;
        }
        for (; i < x.Length; i++) dst[i] = ActivationsReference.GeluTanhOf(x[i]);
    }

    /// <summary>
    /// dX[i] = dY·(½(1 + t) + ½x(1 − t²)·√(2/π)(1 + 3·0.044715x²)), t = tanh u; with s = σ(2u), ½(1 + t) = s and
    /// ½(1 − t²) = 2s(1 − s), so dX = dY·(s + 2x·s(1 − s)·du).
    /// </summary>
    public static void GeluTanhBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dY, Span<T> dX) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths(x.Length, dY.Length, dX.Length);
        int i = 0;
        if (VectorMath.IsAccelerated<T>())
        {
            var vx = MemoryMarshal.Cast<T, Vector<T>>(x);
            var vg = MemoryMarshal.Cast<T, Vector<T>>(dY);
            var vd = MemoryMarshal.Cast<T, Vector<T>>(dX);
            var c = new Vector<T>(T.CreateChecked(ActivationsReference.SqrtTwoOverPi));
            var k = new Vector<T>(T.CreateChecked(ActivationsReference.GeluCubic));
            var k3 = new Vector<T>(T.CreateChecked(3) * T.CreateChecked(ActivationsReference.GeluCubic));
            var one = Vector<T>.One;
            for (int v = 0; v < vx.Length; v++)
            {
                var xv = vx[v];
                var u = c * (xv + k * xv * xv * xv);
                var s = VectorMath.Sigmoid(u + u);
                var du = c * (one + k3 * xv * xv);
                vd[v] = vg[v] * (s + (xv + xv) * s * (one - s) * du);
            }
            i = vx.Length * Vector<T>.Count;
        }
        for (; i < x.Length; i++) dX[i] = ActivationsReference.GeluTanhBackwardOf(x[i], dY[i]);
    }

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
    {
        Elementwise.CheckLengths(x.Length, x.Length, dst.Length);
        int i = 0;
        if (VectorMath.IsAccelerated<T>())
        {
            var vx = MemoryMarshal.Cast<T, Vector<T>>(x);
            var vd = MemoryMarshal.Cast<T, Vector<T>>(dst);
            var vb = new Vector<T>(beta);
            var vt = new Vector<T>(threshold);
            for (int v = 0; v < vx.Length; v++)
            {
                var t = vb * vx[v];
                var soft = (Vector.Max(t, Vector<T>.Zero) + VectorMath.Log1P(VectorMath.Exp(-Vector.Abs(t)))) / vb;
                vd[v] = Vector.ConditionalSelect(Vector.GreaterThan(t, vt), vx[v], soft);
            }
            i = vx.Length * Vector<T>.Count;
        }
        for (; i < x.Length; i++) dst[i] = ActivationsReference.SoftplusOf(x[i], beta, threshold);
    }

    /// <summary>dX[i] = dY[i] where βx &gt; threshold, else dY[i]·σ(βx).</summary>
    public static void SoftplusBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dY, T beta, T threshold, Span<T> dX) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths(x.Length, dY.Length, dX.Length);
        int i = 0;
        if (VectorMath.IsAccelerated<T>())
        {
            var vx = MemoryMarshal.Cast<T, Vector<T>>(x);
            var vg = MemoryMarshal.Cast<T, Vector<T>>(dY);
            var vd = MemoryMarshal.Cast<T, Vector<T>>(dX);
            var vb = new Vector<T>(beta);
            var vt = new Vector<T>(threshold);
            for (int v = 0; v < vx.Length; v++)
            {
                var t = vb * vx[v];
                vd[v] = Vector.ConditionalSelect(Vector.GreaterThan(t, vt), vg[v], vg[v] * VectorMath.Sigmoid(t));
            }
            i = vx.Length * Vector<T>.Count;
        }
        for (; i < x.Length; i++) dX[i] = ActivationsReference.SoftplusBackwardOf(x[i], dY[i], beta, threshold);
    }

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
}
