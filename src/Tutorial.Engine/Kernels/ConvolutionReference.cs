using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Kernels;

/// <summary>
/// The direct 2-D convolution (cross-correlation, as in every deep-learning library), written as the
/// plain seven nested loops. Slow and obviously right: it is the reference the im2col-based
/// <see cref="Layers.Conv2D{T}"/> is tested against.
/// <code>
/// y[n, co, oh, ow] = b[co] + Σ_ci Σ_kh Σ_kw  W[co, ci, kh, kw] · x[n, ci, oh·sH − pH + kh·dH, ow·sW − pW + kw·dW]
/// </code>
/// with x read as 0 outside the image (zero padding). Shapes: x (N, C_in, H, W), W (C_out, C_in, kH, kW),
/// b (C_out), y (N, C_out, H_out, W_out) with H_out = ⌊(H + 2p − d(k − 1) − 1)/s⌋ + 1.
/// The backward pass differentiates the same sum term by term:
/// <code>
/// dX[n, ci, ih, iw]    += dY[n, co, oh, ow] · W[co, ci, kh, kw]     for every (co, oh, ow, kh, kw) that reads (ih, iw)
/// dW[co, ci, kh, kw]   += dY[n, co, oh, ow] · x[n, ci, ih, iw]
/// db[co]               += dY[n, co, oh, ow]
/// </code>
/// </summary>
public static class ConvolutionReference
{
    /// <summary>y = conv(x, W) + b. <paramref name="bias"/> may be null.</summary>
    public static Tensor<T> Forward<T>(Tensor<T> x, Tensor<T> weight, Tensor<T>? bias, Pair2D stride, Pair2D padding, Pair2D dilation)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (g, n, cOut) = Geometry(x, weight, stride, padding, dilation);
        int outH = g.OutHeight, outW = g.OutWidth;
        var y = new Tensor<T>(n, cOut, outH, outW);
        for (int s = 0; s < n; s++)                                         // 1. sample
            for (int co = 0; co < cOut; co++)                               // 2. output channel
                for (int oh = 0; oh < outH; oh++)                           // 3. output row
                    for (int ow = 0; ow < outW; ow++)                       // 4. output column
                    {
                        T sum = bias is null ? T.Zero : bias[co];
                        for (int ci = 0; ci < g.Channels; ci++)             // 5. input channel
                            for (int kh = 0; kh < g.Kernel.H; kh++)         // 6. kernel row
                                for (int kw = 0; kw < g.Kernel.W; kw++)     // 7. kernel column
                                {
                                    int ih = oh * stride.H - padding.H + kh * dilation.H;
                                    int iw = ow * stride.W - padding.W + kw * dilation.W;
                                    if (ih < 0 || ih >= g.Height || iw < 0 || iw >= g.Width) continue;
                                    sum += weight[co, ci, kh, kw] * x[s, ci, ih, iw];
                                }
                        y[s, co, oh, ow] = sum;
                    }
        return y;
    }

    /// <summary>The gradients dX (x's shape), dW (W's shape) and db (C_out) for the upstream gradient <paramref name="dY"/>.</summary>
    public static (Tensor<T> DX, Tensor<T> DW, Tensor<T> DB) Backward<T>(Tensor<T> x, Tensor<T> weight, Tensor<T> dY, Pair2D stride, Pair2D padding, Pair2D dilation)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (g, n, cOut) = Geometry(x, weight, stride, padding, dilation);
        int outH = g.OutHeight, outW = g.OutWidth;
        if (dY.Shape != new Shape(n, cOut, outH, outW))
            throw new ShapeMismatchException($"ConvolutionReference.Backward got dY of shape {dY.Shape}, expected {new Shape(n, cOut, outH, outW)}.");
        var dX = new Tensor<T>(x.Shape);
        var dW = new Tensor<T>(weight.Shape);
        var db = new Tensor<T>(cOut);
        for (int s = 0; s < n; s++)
            for (int co = 0; co < cOut; co++)
                for (int oh = 0; oh < outH; oh++)
                    for (int ow = 0; ow < outW; ow++)
                    {
                        T g0 = dY[s, co, oh, ow];
                        db[co] += g0;
                        for (int ci = 0; ci < g.Channels; ci++)
                            for (int kh = 0; kh < g.Kernel.H; kh++)
                                for (int kw = 0; kw < g.Kernel.W; kw++)
                                {
                                    int ih = oh * stride.H - padding.H + kh * dilation.H;
                                    int iw = ow * stride.W - padding.W + kw * dilation.W;
                                    if (ih < 0 || ih >= g.Height || iw < 0 || iw >= g.Width) continue;
                                    dX[s, ci, ih, iw] += g0 * weight[co, ci, kh, kw];
                                    dW[co, ci, kh, kw] += g0 * x[s, ci, ih, iw];
                                }
                    }
        return (dX, dW, db);
    }

    private static (ConvGeometry G, int N, int COut) Geometry<T>(Tensor<T> x, Tensor<T> weight, Pair2D stride, Pair2D padding, Pair2D dilation)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (weight.Rank != 4) throw new ShapeMismatchException($"ConvolutionReference got W of shape {weight.Shape}, expected (C_out, C_in, kH, kW).");
        if (x.Rank != 4 || x.Dim(1) != weight.Dim(1))
            throw new ShapeMismatchException($"ConvolutionReference got x of shape {x.Shape}, expected (N, {weight.Dim(1)}, H, W).");
        ConvGeometry.ValidateHyperparameters("ConvolutionReference", new Pair2D(weight.Dim(2), weight.Dim(3)), stride, padding, dilation);
        var g = new ConvGeometry(x.Dim(1), x.Dim(2), x.Dim(3), new Pair2D(weight.Dim(2), weight.Dim(3)), stride, padding, dilation);
        if (!g.HasOutput) throw new ShapeMismatchException($"ConvolutionReference got x of shape {x.Shape}, too small for a kernel of {g.Kernel} with padding {padding} and dilation {dilation}.");
        return (g, x.Dim(0), weight.Dim(0));
    }
}
