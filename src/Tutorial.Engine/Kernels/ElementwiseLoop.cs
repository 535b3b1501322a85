using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tutorial.Engine.Kernels;

/// <summary>An elementwise function of one span, given twice: on a whole <see cref="Vector{T}"/> and on one element.</summary>
internal interface IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    Vector<T> Apply(Vector<T> x);
    T Apply(T x);
}

/// <summary>An elementwise function of two spans (x and y, or x and dY), on a whole vector and on one element.</summary>
internal interface IBinaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    Vector<T> Apply(Vector<T> x, Vector<T> y);
    T Apply(T x, T y);
}

/// <summary>
/// The one loop shape behind the elementwise kernels of <see cref="Elementwise"/> and <see cref="Activations"/>:
/// whole vectors first, then a scalar tail.
/// <code>
/// dst[i] = op(x[i])            (Unary)
/// dst[i] = op(x[i], y[i])      (Binary)
/// </code>
/// The operation is a struct, so the JIT compiles one specialised loop per operation with <c>Apply</c> inlined,
/// as fast as a hand-written loop. Each kernel only says what it computes. The destination may alias a source.
/// <c>vectorize</c> false (no SIMD, or a type without vector math) runs the scalar loop over everything.
/// </summary>
internal static class ElementwiseLoop
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Unary<T, TOp>(ReadOnlySpan<T> x, Span<T> dst, TOp op, bool vectorize)
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : struct, IUnaryOp<T>
    {
        Elementwise.CheckLengths(x.Length, x.Length, dst.Length);
        int i = 0;
        if (vectorize)
        {
            var vx = MemoryMarshal.Cast<T, Vector<T>>(x);
            var vd = MemoryMarshal.Cast<T, Vector<T>>(dst);
            for (int v = 0; v < vx.Length; v++) vd[v] = op.Apply(vx[v]);
            i = vx.Length * Vector<T>.Count;
        }
        for (; i < x.Length; i++) dst[i] = op.Apply(x[i]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Binary<T, TOp>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> dst, TOp op, bool vectorize)
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : struct, IBinaryOp<T>
    {
        Elementwise.CheckLengths(x.Length, y.Length, dst.Length);
        int i = 0;
        if (vectorize)
        {
            var vx = MemoryMarshal.Cast<T, Vector<T>>(x);
            var vy = MemoryMarshal.Cast<T, Vector<T>>(y);
            var vd = MemoryMarshal.Cast<T, Vector<T>>(dst);
            for (int v = 0; v < vx.Length; v++) vd[v] = op.Apply(vx[v], vy[v]);
            i = vx.Length * Vector<T>.Count;
        }
        for (; i < x.Length; i++) dst[i] = op.Apply(x[i], y[i]);
    }

    /// <summary>SIMD is there and <typeparamref name="T"/> has vectors: the plain arithmetic kernels vectorise.</summary>
    public static bool Simd<T>() where T : unmanaged, IFloatingPointIeee754<T> => Vector.IsHardwareAccelerated && Vector<T>.IsSupported;
}
