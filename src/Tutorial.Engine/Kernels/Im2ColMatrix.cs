using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Kernels;

/// <summary>
/// im2col as a tensor, for looking at: the unrolled matrix of one image, built with <see cref="Im2Col.Unfold{T}(ReadOnlySpan{T}, in ConvGeometry, Span{T})"/>.
/// <code>
/// image: (H, W), (C, H, W) or (1, C, H, W)  ->  cols: (C·kH·kW, H_out·W_out)
/// cols[(c·kH + kh)·kW + kw, oh·W_out + ow] = x[c, oh·s − p + kh·d, ow·s − p + kw·d]   (0 outside the image)
/// </code>
/// Row r is one kernel tap (c, kh, kw), column j one output position (oh, ow) = (j / W_out, j mod W_out):
/// column j is the receptive field of output j, read in the order the weights of a filter are stored,
/// so a convolution is W.Reshape(C_out, C·kH·kW) · cols. Layers use <see cref="Im2Col"/> directly on
/// reused buffers; this allocates a new tensor per call.
/// </summary>
public static class Im2ColMatrix
{
    /// <summary>The im2col matrix (C·kH·kW, H_out·W_out) of one image; stride defaults to 1, padding to 0, dilation to 1.</summary>
    public static Tensor<T> Unfold<T>(Tensor<T> image, Pair2D kernel, Pair2D? stride = null, Pair2D? padding = null, Pair2D? dilation = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var g = Geometry(image, kernel, stride, padding, dilation);
        var cols = new Tensor<T>(g.ColumnRows, g.ColumnCount);
        Im2Col.Unfold<T>(image.Span, g, cols.Span);
        return cols;
    }

    /// <summary>The geometry of one image (H, W), (C, H, W) or (1, C, H, W) under the given window; throws when the image is too small.</summary>
    public static ConvGeometry Geometry<T>(Tensor<T> image, Pair2D kernel, Pair2D? stride = null, Pair2D? padding = null, Pair2D? dilation = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(image);
        var (c, h, w) = image.Rank switch
        {
            2 => (1, image.Dim(0), image.Dim(1)),
            3 => (image.Dim(0), image.Dim(1), image.Dim(2)),
            4 when image.Dim(0) == 1 => (image.Dim(1), image.Dim(2), image.Dim(3)),
            _ => throw new ShapeMismatchException($"Im2ColMatrix expects one image (H, W), (C, H, W) or (1, C, H, W), got {image.Shape}."),
        };
        Pair2D s = stride ?? 1, p = padding ?? 0, d = dilation ?? 1;
        ConvGeometry.ValidateHyperparameters("Im2ColMatrix", kernel, s, p, d);
        var g = new ConvGeometry(c, h, w, kernel, s, p, d);
        if (!g.HasOutput)
            throw new ShapeMismatchException($"Im2ColMatrix: an image of shape {image.Shape} is too small for kernel {kernel} with padding {p} and dilation {d}.");
        return g;
    }

    /// <summary>The label of each row, "c,kh,kw" (e.g. "0,1,2"): which kernel tap the row holds.</summary>
    public static string[] RowLabels(in ConvGeometry g)
    {
        var labels = new string[g.ColumnRows];
        for (int c = 0; c < g.Channels; c++)
            for (int kh = 0; kh < g.Kernel.H; kh++)
                for (int kw = 0; kw < g.Kernel.W; kw++)
                    labels[(c * g.Kernel.H + kh) * g.Kernel.W + kw] = $"{c},{kh},{kw}";
        return labels;
    }

    /// <summary>The label of each column, "oh,ow" (e.g. "1,0"): which output position the column feeds.</summary>
    public static string[] ColumnLabels(in ConvGeometry g)
    {
        int outW = g.OutWidth;
        return Enumerable.Range(0, g.ColumnCount).Select(j => $"{j / outW},{j % outW}").ToArray();
    }
}
