using System.Numerics;

namespace Tutorial.Engine.Kernels;

/// <summary>
/// The plain-loop twin of <see cref="Im2Col"/>: the same contract, written straight from the definition
/// with a bounds test per element. The tests compare the fast version against it.
/// <code>
/// cols[(c·kH + kh)·kW + kw, oh·W_out + ow] = x[c, oh·sH − pH + kh·dH, ow·sW − pW + kw·dW]   (0 outside the image)
/// </code>
/// </summary>
public static class Im2ColReference
{
    /// <summary>im2col of one sample into the block at (<paramref name="columnStride"/>, <paramref name="columnOffset"/>).</summary>
    public static void Unfold<T>(ReadOnlySpan<T> image, in ConvGeometry g, Span<T> columns, int columnStride, int columnOffset)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (var (col, pixel) in Taps(g, columnStride, columnOffset))
            columns[col] = pixel >= 0 ? image[pixel] : T.Zero;
    }

    /// <summary>col2im of one sample: image[pixel] += cols[entry] for every entry that did not come from padding.</summary>
    public static void Fold<T>(ReadOnlySpan<T> columns, int columnStride, int columnOffset, in ConvGeometry g, Span<T> image)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (var (col, pixel) in Taps(g, columnStride, columnOffset))
            if (pixel >= 0) image[pixel] += columns[col];
    }

    /// <summary>Every (index into the column matrix, index into the image or −1 for padding) pair.</summary>
    private static IEnumerable<(int Column, int Pixel)> Taps(ConvGeometry g, int columnStride, int columnOffset)
    {
        for (int c = 0; c < g.Channels; c++)
            for (int kh = 0; kh < g.Kernel.H; kh++)
                for (int kw = 0; kw < g.Kernel.W; kw++)
                    for (int oh = 0; oh < g.OutHeight; oh++)
                        for (int ow = 0; ow < g.OutWidth; ow++)
                        {
                            int row = (c * g.Kernel.H + kh) * g.Kernel.W + kw;
                            int ih = oh * g.Stride.H - g.Padding.H + kh * g.Dilation.H;
                            int iw = ow * g.Stride.W - g.Padding.W + kw * g.Dilation.W;
                            bool inside = ih >= 0 && ih < g.Height && iw >= 0 && iw < g.Width;
                            yield return (row * columnStride + columnOffset + oh * g.OutWidth + ow,
                                inside ? (c * g.Height + ih) * g.Width + iw : -1);
                        }
    }
}
