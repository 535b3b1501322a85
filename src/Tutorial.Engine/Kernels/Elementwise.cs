using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tutorial.Engine.Kernels;

/// <summary>
/// Elementwise kernels and reductions on spans, vectorised with <see cref="Vector{T}"/>:
/// full vectors first, then a scalar tail (the elementwise ones through <see cref="ElementwiseLoop"/>, each
/// stating its operation once for a vector and once for an element). Each has a scalar twin in <see cref="ElementwiseReference"/>
/// with the same name and contract, which the tests compare it against for every length from 0 to
/// three vector widths plus one. Destinations may alias sources.
/// </summary>
public static class Elementwise
{
    /// <summary>dst[i] = x[i] + y[i].</summary>
    public static void Add<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
        => ElementwiseLoop.Binary(x, y, dst, new AddOp<T>(), ElementwiseLoop.Simd<T>());

    /// <summary>dst[i] = x[i] − y[i].</summary>
    public static void Subtract<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
        => ElementwiseLoop.Binary(x, y, dst, new SubtractOp<T>(), ElementwiseLoop.Simd<T>());

    /// <summary>dst[i] = x[i] · y[i].</summary>
    public static void Multiply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
        => ElementwiseLoop.Binary(x, y, dst, new MultiplyOp<T>(), ElementwiseLoop.Simd<T>());

    /// <summary>dst[i] = s · x[i].</summary>
    public static void Scale<T>(ReadOnlySpan<T> x, T s, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
        => ElementwiseLoop.Unary(x, dst, new ScaleOp<T>(s), ElementwiseLoop.Simd<T>());

    /// <summary>dst[i] += s · x[i] (BLAS axpy).</summary>
    public static void AddScaled<T>(ReadOnlySpan<T> x, T s, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
        => ElementwiseLoop.Binary(x, dst, dst, new AddScaledOp<T>(s), ElementwiseLoop.Simd<T>());

    /// <summary>Σᵢ x[i].</summary>
    public static T Sum<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        T sum = T.Zero;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var vx = MemoryMarshal.Cast<T, Vector<T>>(x);
            var acc = Vector<T>.Zero;
            for (int v = 0; v < vx.Length; v++) acc += vx[v];
            sum = Vector.Sum(acc);
            i = vx.Length * Vector<T>.Count;
        }
        for (; i < x.Length; i++) sum += x[i];
        return sum;
    }

    /// <summary>Σᵢ x[i]·y[i].</summary>
    public static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(x.Length, y.Length, x.Length);
        int i = 0;
        T sum = T.Zero;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var vx = MemoryMarshal.Cast<T, Vector<T>>(x);
            var vy = MemoryMarshal.Cast<T, Vector<T>>(y);
            var acc = Vector<T>.Zero;
            for (int v = 0; v < vx.Length; v++) acc += vx[v] * vy[v];
            sum = Vector.Sum(acc);
            i = vx.Length * Vector<T>.Count;
        }
        for (; i < x.Length; i++) sum += x[i] * y[i];
        return sum;
    }

    /// <summary>maxᵢ x[i]; −∞ for an empty span.</summary>
    public static T Max<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        T max = T.NegativeInfinity;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported && x.Length >= Vector<T>.Count)
        {
            var vx = MemoryMarshal.Cast<T, Vector<T>>(x);
            var acc = vx[0];
            for (int v = 1; v < vx.Length; v++) acc = Vector.Max(acc, vx[v]);
            for (int j = 0; j < Vector<T>.Count; j++) max = T.Max(max, acc[j]);
            i = vx.Length * Vector<T>.Count;
        }
        for (; i < x.Length; i++) max = T.Max(max, x[i]);
        return max;
    }

    /// <summary>dst[i] = max(x[i], 0).</summary>
    public static void Relu<T>(ReadOnlySpan<T> x, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
        => ElementwiseLoop.Unary(x, dst, new ReluOp<T>(), ElementwiseLoop.Simd<T>());

    /// <summary>dX[i] = dY[i] where x[i] &gt; 0, else 0 (ReLU's backward; the derivative at 0 is taken as 0).</summary>
    public static void ReluBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dY, Span<T> dX) where T : unmanaged, IFloatingPointIeee754<T>
        => ElementwiseLoop.Binary(x, dY, dX, new ReluBackwardOp<T>(), ElementwiseLoop.Simd<T>());

    // ---- the operations: each one twice, on a vector and on one element (ElementwiseLoop runs them) ----

    private readonly struct AddOp<T> : IBinaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public Vector<T> Apply(Vector<T> x, Vector<T> y) => x + y;
        public T Apply(T x, T y) => x + y;
    }

    private readonly struct SubtractOp<T> : IBinaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public Vector<T> Apply(Vector<T> x, Vector<T> y) => x - y;
        public T Apply(T x, T y) => x - y;
    }

    private readonly struct MultiplyOp<T> : IBinaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public Vector<T> Apply(Vector<T> x, Vector<T> y) => x * y;
        public T Apply(T x, T y) => x * y;
    }

    private readonly struct ScaleOp<T>(T s) : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly Vector<T> _vs = new(s);
        public Vector<T> Apply(Vector<T> x) => x * _vs;
        public T Apply(T x) => s * x;
    }

    /// <summary>(x, d) ↦ d + s·x.</summary>
    private readonly struct AddScaledOp<T>(T s) : IBinaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly Vector<T> _vs = new(s);
        public Vector<T> Apply(Vector<T> x, Vector<T> d) => d + x * _vs;
        public T Apply(T x, T d) => d + s * x;
    }

    private readonly struct ReluOp<T> : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public Vector<T> Apply(Vector<T> x) => Vector.Max(x, Vector<T>.Zero);
        public T Apply(T x) => x > T.Zero ? x : T.Zero;
    }

    /// <summary>(x, dY) ↦ dY where x &gt; 0, else 0.</summary>
    private readonly struct ReluBackwardOp<T> : IBinaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public Vector<T> Apply(Vector<T> x, Vector<T> g) => Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<T>.Zero), g, Vector<T>.Zero);
        public T Apply(T x, T g) => x > T.Zero ? g : T.Zero;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void CheckLengths(int x, int y, int dst)
    {
        if (x != y || x != dst)
            throw new ArgumentException($"Elementwise kernel needs equal lengths, got {x}, {y} and {dst}.");
    }
}
