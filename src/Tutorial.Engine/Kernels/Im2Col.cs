using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tutorial.Engine.Kernels;

/// <summary>
/// im2col and col2im: the lowering that turns a convolution into one matrix multiply.
/// <para><c>Unfold</c> (im2col, PyTorch's <c>unfold</c>) copies every receptive field of one
/// sample (C, H, W) into a column of a matrix of shape (C·kH·kW, H_out·W_out):
/// <code>
/// cols[(c·kH + kh)·kW + kw, oh·W_out + ow] = x[c, oh·sH − pH + kh·dH, ow·sW − pW + kw·dW]   (0 outside the image)
/// </code>
/// so a convolution is Y = W_mat · cols with W_mat the weights reshaped to (C_out, C·kH·kW).</para>
/// <para><c>Fold</c> (col2im, PyTorch's <c>fold</c>) is its adjoint: it adds every column entry back
/// onto the pixel it was copied from. Pixels covered by several overlapping windows receive the sum,
/// which is exactly the chain rule for dX given dcols = ∂L/∂cols.</para>
/// <para>The column matrix may be a slice of a wider matrix holding several samples side by side:
/// row r of this sample's block starts at <c>r·columnStride + columnOffset</c>. With one sample,
/// columnStride = H_out·W_out and columnOffset = 0; for a batch laid out (C·kH·kW, N·H_out·W_out),
/// columnStride = N·H_out·W_out and columnOffset = n·H_out·W_out.</para>
/// <para>For each tap (c, kh, kw) and output row, the valid output columns [lo, hi) are computed once,
/// so the inner loop has no bounds tests; with stride 1 it is a contiguous copy (add), done with
/// <see cref="Vector{T}"/>. <see cref="Im2ColReference"/> is the plain-loop twin the tests compare against.</para>
/// </summary>
public static class Im2Col
{
    /// <summary>im2col of one sample: <paramref name="image"/> (C, H, W) → the block of <paramref name="columns"/> (C·kH·kW rows, H_out·W_out columns).</summary>
    public static void Unfold<T>(ReadOnlySpan<T> image, in ConvGeometry g, Span<T> columns, int columnStride, int columnOffset)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Validate(image.Length, columns.Length, g, columnStride, columnOffset);
        int outH = g.OutHeight, outW = g.OutWidth, height = g.Height, width = g.Width;
        int kH = g.Kernel.H, kW = g.Kernel.W, sH = g.Stride.H, sW = g.Stride.W;
        ref T img = ref MemoryMarshal.GetReference(image);
        ref T cols = ref MemoryMarshal.GetReference(columns);
        for (int c = 0; c < g.Channels; c++)
        {
            for (int kh = 0; kh < kH; kh++)
            {
                for (int kw = 0; kw < kW; kw++)
                {
                    int row = (c * kH + kh) * kW + kw;
                    ref T dst = ref Unsafe.Add(ref cols, row * columnStride + columnOffset);
                    int offsetW = kw * g.Dilation.W - g.Padding.W;
                    var (lo, hi) = ValidRange(offsetW, sW, width, outW);
                    for (int oh = 0; oh < outH; oh++)
                    {
                        ref T d = ref Unsafe.Add(ref dst, oh * outW);
                        int ih = oh * sH - g.Padding.H + kh * g.Dilation.H;
                        if ((uint)ih >= (uint)height)
                        {
                            Clear(ref d, outW);
                            continue;
                        }
                        // Index of the pixel under output column ow: rowStart + ow·sW (inside the row for lo ≤ ow < hi).
                        int rowStart = (c * height + ih) * width + offsetW;
                        if (lo > 0) Clear(ref d, lo);
                        if (hi > lo)
                        {
                            if (sW == 1)
                                Copy(ref Unsafe.Add(ref img, rowStart + lo), ref Unsafe.Add(ref d, lo), hi - lo);
                            else
                                for (int ow = lo; ow < hi; ow++) Unsafe.Add(ref d, ow) = Unsafe.Add(ref img, rowStart + ow * sW);
                        }
                        if (hi < outW) Clear(ref Unsafe.Add(ref d, hi), outW - hi);
                    }
                }
            }
        }
    }

    /// <summary>im2col of one sample into its own (C·kH·kW, H_out·W_out) matrix.</summary>
    public static void Unfold<T>(ReadOnlySpan<T> image, in ConvGeometry g, Span<T> columns)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Unfold(image, g, columns, g.ColumnCount, 0);

    /// <summary>col2im of one sample: adds (<c>+=</c>) each entry of the block of <paramref name="columns"/> onto the pixel of <paramref name="image"/> (C, H, W) it came from; entries that came from padding are dropped.</summary>
    public static void Fold<T>(ReadOnlySpan<T> columns, int columnStride, int columnOffset, in ConvGeometry g, Span<T> image)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Validate(image.Length, columns.Length, g, columnStride, columnOffset);
        int outH = g.OutHeight, outW = g.OutWidth, height = g.Height, width = g.Width;
        int kH = g.Kernel.H, kW = g.Kernel.W, sH = g.Stride.H, sW = g.Stride.W;
        ref T img = ref MemoryMarshal.GetReference(image);
        ref T cols = ref MemoryMarshal.GetReference(columns);
        for (int c = 0; c < g.Channels; c++)
        {
            for (int kh = 0; kh < kH; kh++)
            {
                for (int kw = 0; kw < kW; kw++)
                {
                    int row = (c * kH + kh) * kW + kw;
                    ref T src = ref Unsafe.Add(ref cols, row * columnStride + columnOffset);
                    int offsetW = kw * g.Dilation.W - g.Padding.W;
                    var (lo, hi) = ValidRange(offsetW, sW, width, outW);
                    if (hi <= lo) continue;
                    for (int oh = 0; oh < outH; oh++)
                    {
                        int ih = oh * sH - g.Padding.H + kh * g.Dilation.H;
                        if ((uint)ih >= (uint)height) continue;
                        ref T s = ref Unsafe.Add(ref src, oh * outW);
                        int rowStart = (c * height + ih) * width + offsetW;
                        if (sW == 1)
                            Add(ref Unsafe.Add(ref s, lo), ref Unsafe.Add(ref img, rowStart + lo), hi - lo);
                        else
                            for (int ow = lo; ow < hi; ow++) Unsafe.Add(ref img, rowStart + ow * sW) += Unsafe.Add(ref s, ow);
                    }
                }
            }
        }
    }

    /// <summary>col2im of one sample from its own (C·kH·kW, H_out·W_out) matrix, adding into <paramref name="image"/>.</summary>
    public static void Fold<T>(ReadOnlySpan<T> columns, in ConvGeometry g, Span<T> image)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Fold(columns, g.ColumnCount, 0, g, image);

    /// <summary>The output columns [lo, hi) whose tap at ow·s + offset lands inside 0 … width−1.</summary>
    internal static (int Lo, int Hi) ValidRange(int offset, int stride, int width, int outWidth)
    {
        // ow·s + offset ≥ 0  ⇔  ow ≥ ⌈−offset / s⌉;   ow·s + offset ≤ width − 1  ⇔  ow ≤ ⌊(width − 1 − offset) / s⌋.
        int lo = Math.Clamp(-FloorDiv(offset, stride), 0, outWidth);
        int hi = Math.Clamp(FloorDiv(width - 1 - offset, stride) + 1, 0, outWidth);
        return (lo, Math.Max(lo, hi));
    }

    private static int FloorDiv(int a, int b) => (int)Math.Floor((double)a / b);

    /// <summary>dst[0..n) = src[0..n): whole vectors, then one last vector overlapping the tail (copying twice is harmless).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy<T>(ref T src, ref T dst, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = Vector<T>.Count;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported && n >= width)
        {
            int i = 0;
            for (; i <= n - width; i += width) Vector.LoadUnsafe(ref src, (nuint)i).StoreUnsafe(ref dst, (nuint)i);
            if (i < n) Vector.LoadUnsafe(ref src, (nuint)(n - width)).StoreUnsafe(ref dst, (nuint)(n - width));
            return;
        }
        for (int i = 0; i < n; i++) Unsafe.Add(ref dst, i) = Unsafe.Add(ref src, i);
    }

    /// <summary>dst[0..n) += src[0..n): whole vectors, then a scalar tail (an overlapping vector would add twice).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add<T>(ref T src, ref T dst, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            int width = Vector<T>.Count;
            for (; i <= n - width; i += width)
                (Vector.LoadUnsafe(ref dst, (nuint)i) + Vector.LoadUnsafe(ref src, (nuint)i)).StoreUnsafe(ref dst, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref dst, i) += Unsafe.Add(ref src, i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Clear<T>(ref T dst, int n) where T : unmanaged => MemoryMarshal.CreateSpan(ref dst, n).Clear();

    private static void Validate(int imageLength, int columnsLength, in ConvGeometry g, int columnStride, int columnOffset)
    {
        if (!g.HasOutput)
            throw new ArgumentException($"im2col: an input of ({g.Channels}, {g.Height}, {g.Width}) is too small for kernel {g.Kernel}, padding {g.Padding}, dilation {g.Dilation}.");
        if (imageLength < g.SampleLength)
            throw new ArgumentException($"im2col: the image has {imageLength} elements, ({g.Channels}, {g.Height}, {g.Width}) needs {g.SampleLength}.");
        if (columnStride < g.ColumnCount || columnOffset < 0 || columnOffset + g.ColumnCount > columnStride)
            throw new ArgumentException($"im2col: a block of {g.ColumnCount} columns does not fit at offset {columnOffset} in rows of {columnStride}.");
        if (columnsLength < (long)(g.ColumnRows - 1) * columnStride + columnOffset + g.ColumnCount)
            throw new ArgumentException($"im2col: the column matrix has {columnsLength} elements, ({g.ColumnRows}, {columnStride}) needs {(long)g.ColumnRows * columnStride}.");
    }
}
