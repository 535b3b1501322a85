using System.Numerics;

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
/// </summary>
public static class Im2Col
{
    /// <summary>im2col of one sample: <paramref name="image"/> (C, H, W) → the block of <paramref name="columns"/> (C·kH·kW rows, H_out·W_out columns).</summary>
    public static void Unfold<T>(ReadOnlySpan<T> image, in ConvGeometry g, Span<T> columns, int columnStride, int columnOffset)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Validate(image.Length, columns.Length, g, columnStride, columnOffset);
        int outH = g.OutHeight, outW = g.OutWidth, count = outH * outW;
        int kH = g.Kernel.H, kW = g.Kernel.W, sH = g.Stride.H, sW = g.Stride.W;
        for (int c = 0; c < g.Channels; c++)
        {
            var plane = image.Slice(c * g.Height * g.Width, g.Height * g.Width);
            for (int kh = 0; kh < kH; kh++)
            {
                for (int kw = 0; kw < kW; kw++)
                {
                    int row = (c * kH + kh) * kW + kw;
                    var dst = columns.Slice(row * columnStride + columnOffset, count);
                    int offsetW = kw * g.Dilation.W - g.Padding.W;
                    var (lo, hi) = ValidRange(offsetW, sW, g.Width, outW);
                    for (int oh = 0; oh < outH; oh++)
                    {
                        var d = dst.Slice(oh * outW, outW);
                        int ih = oh * sH - g.Padding.H + kh * g.Dilation.H;
                        if ((uint)ih >= (uint)g.Height)
                        {
                            d.Clear();
                            continue;
                        }
                        var src = plane.Slice(ih * g.Width, g.Width);
                        d[..lo].Clear();
                        d[hi..].Clear();
                        if (sW == 1)
                            src.Slice(lo + offsetW, hi - lo).CopyTo(d[lo..hi]);
                        else
                            for (int ow = lo; ow < hi; ow++) d[ow] = src[ow * sW + offsetW];
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
        int outH = g.OutHeight, outW = g.OutWidth, count = outH * outW;
        int kH = g.Kernel.H, kW = g.Kernel.W, sH = g.Stride.H, sW = g.Stride.W;
        for (int c = 0; c < g.Channels; c++)
        {
            var plane = image.Slice(c * g.Height * g.Width, g.Height * g.Width);
            for (int kh = 0; kh < kH; kh++)
            {
                for (int kw = 0; kw < kW; kw++)
                {
                    int row = (c * kH + kh) * kW + kw;
                    var src = columns.Slice(row * columnStride + columnOffset, count);
                    int offsetW = kw * g.Dilation.W - g.Padding.W;
                    var (lo, hi) = ValidRange(offsetW, sW, g.Width, outW);
                    if (hi <= lo) continue;
                    for (int oh = 0; oh < outH; oh++)
                    {
                        int ih = oh * sH - g.Padding.H + kh * g.Dilation.H;
                        if ((uint)ih >= (uint)g.Height) continue;
                        var s = src.Slice(oh * outW, outW);
                        var dst = plane.Slice(ih * g.Width, g.Width);
                        if (sW == 1)
                        {
                            var target = dst.Slice(lo + offsetW, hi - lo);
                            Elementwise.Add<T>(target, s[lo..hi], target);
                        }
                        else
                            for (int ow = lo; ow < hi; ow++) dst[ow * sW + offsetW] += s[ow];
                    }
                }
            }
        }
    }

    /// <summary>col2im of one sample from its own (C·kH·kW, H_out·W_out) matrix, adding into <paramref name="image"/>.</summary>
    public static void Fold<T>(ReadOnlySpan<T> columns, in ConvGeometry g, Span<T> image)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Fold(columns, g.ColumnCount, 0, g, image);

    /// <summary>The output columns [lo, hi) whose tap at offset ow·s + offset lands inside 0 … width−1.</summary>
    private static (int Lo, int Hi) ValidRange(int offset, int stride, int width, int outWidth)
    {
        // ow·s + offset ≥ 0  ⇔  ow ≥ ⌈−offset / s⌉;   ow·s + offset ≤ width − 1  ⇔  ow ≤ ⌊(width − 1 − offset) / s⌋.
        int lo = Math.Clamp(-FloorDiv(offset, stride), 0, outWidth);
        int hi = Math.Clamp(FloorDiv(width - 1 - offset, stride) + 1, 0, outWidth);
        return (lo, Math.Max(lo, hi));
    }

    private static int FloorDiv(int a, int b) => (int)Math.Floor((double)a / b);

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
