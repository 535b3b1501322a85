using System.Numerics;
using Tutorial.Engine.Kernels;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Layers;

/// <summary>
/// 2-D average pooling, as PyTorch's <c>nn.AvgPool2d</c> (floor mode): each output is the mean of its window.
/// <code>
/// x: (N, C, H, W) → y: (N, C, H_out, W_out),   H_out = ⌊(H + 2p − k) / s⌋ + 1
/// y[n, c, oh, ow]  = (1 / D) · Σ over the window of x          (padding contributes 0 to the sum)
/// dX[n, c, ih, iw] += dY[n, c, oh, ow] / D   for every window that contains (ih, iw)
/// </code>
/// The divisor D is kH·kW when <see cref="CountIncludePad"/> (PyTorch's default: padded zeros count as
/// inputs), else the number of real inputs in the window. The stride defaults to the kernel size; padding
/// must be at most half the kernel.
/// </summary>
public sealed class AvgPool2D<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Shape? _inputShape;

    /// <summary>Creates the layer; <paramref name="stride"/> defaults to <paramref name="kernelSize"/>.</summary>
    public AvgPool2D(Pair2D kernelSize, Pair2D? stride = null, Pair2D? padding = null, bool countIncludePad = true)
    {
        KernelSize = kernelSize;
        Stride = stride ?? kernelSize;
        Padding = padding ?? 0;
        CountIncludePad = countIncludePad;
        ConvGeometry.ValidateHyperparameters("AvgPool2D", KernelSize, Stride, Padding, 1);
        if (2 * Padding.H > KernelSize.H || 2 * Padding.W > KernelSize.W)
            throw new ArgumentOutOfRangeException(nameof(padding), $"AvgPool2D: the padding {Padding} must be at most half the kernel size {KernelSize}.");
    }

    /// <summary>(kH, kW).</summary>
    public Pair2D KernelSize { get; }

    /// <summary>(sH, sW).</summary>
    public Pair2D Stride { get; }

    /// <summary>(pH, pW), implicit zeros on each side.</summary>
    public Pair2D Padding { get; }

    /// <summary>True: divide by kH·kW (padded zeros count). False: divide by the number of real inputs in the window.</summary>
    public bool CountIncludePad { get; }

    /// <summary>The geometry for an input of shape (N, C, H, W); throws a shape error naming both shapes otherwise.</summary>
    public ConvGeometry GeometryFor(Shape input) => PoolShapes.Geometry(input, KernelSize, Stride, Padding, ShapeError);

    public override Shape OutputShape(Shape input)
    {
        var g = GeometryFor(input);
        return new Shape(input[0], input[1], g.OutHeight, g.OutWidth);
    }

    public override Tensor<T> Forward(Tensor<T> x)
    {
        var g = GeometryFor(x.Shape);
        int outH = g.OutHeight, outW = g.OutWidth, plane = g.Height * g.Width, outPlane = outH * outW;
        var y = new Tensor<T>(x.N, g.Channels, outH, outW);
        var xs = x.Span;
        var ys = y.Span;
        for (int p = 0; p < x.N * g.Channels; p++)
        {
            var src = xs.Slice(p * plane, plane);
            for (int oh = 0; oh < outH; oh++)
                for (int ow = 0; ow < outW; ow++)
                {
                    var (hLo, hHi, wLo, wHi, divisor) = Window(g, oh, ow);
                    T sum = T.Zero;
                    for (int h = hLo; h < hHi; h++)
                        for (int w = wLo; w < wHi; w++)
                            sum += src[h * g.Width + w];
                    ys[p * outPlane + oh * outW + ow] = sum / divisor;
                }
        }
        _inputShape = x.Shape;
        return y;
    }

    public override Tensor<T> Backward(Tensor<T> dY)
    {
        var shape = RequireForward(_inputShape);
        var g = GeometryFor(shape);
        int outH = g.OutHeight, outW = g.OutWidth, plane = g.Height * g.Width, outPlane = outH * outW;
        CheckGradientShape(dY, new Shape(shape[0], shape[1], outH, outW));
        var dX = new Tensor<T>(shape);
        var dys = dY.Span;
        var dxs = dX.Span;
        for (int p = 0; p < shape[0] * shape[1]; p++)
        {
            var dst = dxs.Slice(p * plane, plane);
            for (int oh = 0; oh < outH; oh++)
                for (int ow = 0; ow < outW; ow++)
                {
                    var (hLo, hHi, wLo, wHi, divisor) = Window(g, oh, ow);
                    T share = dys[p * outPlane + oh * outW + ow] / divisor;
                    for (int h = hLo; h < hHi; h++)
                        for (int w = wLo; w < wHi; w++)
                            dst[h * g.Width + w] += share;
                }
        }
        return dX;
    }

    /// <summary>The window's rows [hLo, hHi) and columns [wLo, wHi) inside the image, and the divisor D.</summary>
    private (int HLo, int HHi, int WLo, int WHi, T Divisor) Window(in ConvGeometry g, int oh, int ow)
    {
        int h0 = oh * Stride.H - Padding.H, w0 = ow * Stride.W - Padding.W;
        int hLo = Math.Max(h0, 0), hHi = Math.Min(h0 + KernelSize.H, g.Height);
        int wLo = Math.Max(w0, 0), wHi = Math.Min(w0 + KernelSize.W, g.Width);
        int divisor = CountIncludePad ? KernelSize.H * KernelSize.W : (hHi - hLo) * (wHi - wLo);
        return (hLo, hHi, wLo, wHi, T.CreateChecked(divisor));
    }

    public override string ToString()
    {
        var s = $"AvgPool2D(k: {KernelSize}";
        if (Stride != KernelSize) s += $", stride: {Stride}";
        if (Padding != new Pair2D(0, 0)) s += $", padding: {Padding}";
        if (!CountIncludePad) s += ", countIncludePad: false";
        return s + ")";
    }
}
