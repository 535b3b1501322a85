using System.Numerics;

namespace Tutorial.Engine.Kernels;

/// <summary>Plain scalar twins of <see cref="Elementwise"/>: same names, same contracts, one element at a time.</summary>
public static class ElementwiseReference
{
    public static void Add<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths(x.Length, y.Length, dst.Length);
        for (int i = 0; i < x.Length; i++) dst[i] = x[i] + y[i];
    }

    public static void Subtract<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths(x.Length, y.Length, dst.Length);
        for (int i = 0; i < x.Length; i++) dst[i] = x[i] - y[i];
    }

    public static void Multiply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths(x.Length, y.Length, dst.Length);
        for (int i = 0; i < x.Length; i++) dst[i] = x[i] * y[i];
    }

    public static void Scale<T>(ReadOnlySpan<T> x, T s, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths(x.Length, x.Length, dst.Length);
        for (int i = 0; i < x.Length; i++) dst[i] = s * x[i];
    }

    public static void AddScaled<T>(ReadOnlySpan<T> x, T s, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths(x.Length, x.Length, dst.Length);
        for (int i = 0; i < x.Length; i++) dst[i] += s * x[i];
    }

    public static T Sum<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        foreach (var v in x) sum += v;
        return sum;
    }

    public static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths(x.Length, y.Length, x.Length);
        T sum = T.Zero;
        for (int i = 0; i < x.Length; i++) sum += x[i] * y[i];
        return sum;
    }

    public static T Max<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T max = T.NegativeInfinity;
        foreach (var v in x) max = T.Max(max, v);
        return max;
    }

    public static void Relu<T>(ReadOnlySpan<T> x, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths(x.Length, x.Length, dst.Length);
        for (int i = 0; i < x.Length; i++) dst[i] = x[i] > T.Zero ? x[i] : T.Zero;
    }

    public static void ReluBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dY, Span<T> dX) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths(x.Length, dY.Length, dX.Length);
        for (int i = 0; i < x.Length; i++) dX[i] = x[i] > T.Zero ? dY[i] : T.Zero;
    }
}
