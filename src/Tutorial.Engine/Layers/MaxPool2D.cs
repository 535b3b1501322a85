using System.Numerics;
using Tutorial.Engine.Kernels;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Layers;

/// <summary>
/// 2-D max pooling, as PyTorch's <c>nn.MaxPool2d</c> (floor mode): each output is the largest input in its window.
/// <code>
/// x: (N, C, H, W) → y: (N, C, H_out, W_out),   H_out = ⌊(H + 2p − k) / s⌋ + 1
/// y[n, c, oh, ow] = max over kh, kw of x[n, c, oh·s − p + kh, ow·s − p + kw]   (padding counts as −∞)
/// dX[n, c, argmax] += dY[n, c, oh, ow]       (the gradient flows only to the winner of each window)
/// </code>
/// Forward records the argmax of every window; ties go to the first maximum in row-major order within
/// the window, and a NaN wins (is propagated), both as in PyTorch. Overlapping windows (stride &lt; kernel)
/// may pick the same input, whose gradient then accumulates. The stride defaults to the kernel size;
/// padding must be at most half the kernel, so every window holds at least one real input.
/// </summary>
public sealed class MaxPool2D<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Shape? _inputShape;
    private readonly TensorBuffer<T> _y = new(), _dX = new();
    private readonly SampleChunks _forwardChunks;
    private Tensor<T>? _xStep, _yStep;      // the current Forward's tensors and geometry, read by ForwardPlanes
    private ConvGeometry _g;
    private int[] _argmax = [];      // per output element: flat index h·W + w of the winner within its (H, W) plane

    /// <summary>Creates the layer; <paramref name="stride"/> defaults to <paramref name="kernelSize"/>.</summary>
    public MaxPool2D(Pair2D kernelSize, Pair2D? stride = null, Pair2D? padding = null)
    {
        KernelSize = kernelSize;
        Stride = stride ?? kernelSize;
        Padding = padding ?? 0;
        _forwardChunks = new SampleChunks(ForwardPlanes);
        ConvGeometry.ValidateHyperparameters("MaxPool2D", KernelSize, Stride, Padding, 1);
        if (2 * Padding.H > KernelSize.H || 2 * Padding.W > KernelSize.W)
            throw new ArgumentOutOfRangeException(nameof(padding), $"MaxPool2D: the padding {Padding} must be at most half the kernel size {KernelSize}.");
    }

    /// <summary>(kH, kW).</summary>
    public Pair2D KernelSize { get; }

    /// <summary>(sH, sW).</summary>
    public Pair2D Stride { get; }

    /// <summary>(pH, pW), implicit −∞ on each side.</summary>
    public Pair2D Padding { get; }

    /// <summary>The geometry for an input of shape (N, C, H, W); throws a shape error naming both shapes otherwise.</summary>
    public ConvGeometry GeometryFor(Shape input) => PoolShapes.Geometry(input, KernelSize, Stride, Padding, ShapeError);

    public override Shape OutputShape(Shape input)
    {
        var g = GeometryFor(input);
        return new Shape(input[0], input[1], g.OutHeight, g.OutWidth);
    }

    public override Tensor<T> Forward(Tensor<T> x)
    {
        _dX.Release();   // the previous step's dX is done with (see TensorBuffer)
        var g = GeometryFor(x.Shape);
        int outH = g.OutHeight, outW = g.OutWidth, outPlane = outH * outW;
        int planes = x.N * g.Channels;
        var y = _y.Get(ReuseOutputs, clear: false, x.N, g.Channels, outH, outW);
        if (_argmax.Length < planes * outPlane) _argmax = new int[planes * outPlane];
        _xStep = x;
        _yStep = y;
        _g = g;
        _forwardChunks.Run(planes, 8L * x.Length);          // ForwardPlanes on chunks of the planes, on the GEMM's threads
        _xStep = _yStep = null;
        _inputShape = x.Shape;
        return y;
    }

    /// <summary>Planes <paramref name="first"/> … <paramref name="end"/> − 1 of the current Forward (one chunk, any thread).</summary>
    private void ForwardPlanes(int chunk, int first, int end)
    {
        int plane = _g.Height * _g.Width, outPlane = _g.OutHeight * _g.OutWidth, count = end - first;
        Pooling.MaxForward<T>(_xStep!.Span.Slice(first * plane, count * plane), _yStep!.Span.Slice(first * outPlane, count * outPlane),
            _argmax.AsSpan(first * outPlane, count * outPlane), count, _g);   // the loops (and a fast 2 × 2 path) live in Kernels
    }

    public override Tensor<T> Backward(Tensor<T> dY)
    {
        _y.Release();    // the step's output is done with
        var shape = RequireForward(_inputShape);
        CheckGradientShape(dY, OutputShape(shape));
        var dX = _dX.Get(shape, ReuseOutputs, clear: true);
        int plane = shape[2] * shape[3], outPlane = dY.Dim(2) * dY.Dim(3), planes = shape[0] * shape[1];
        var dys = dY.Span;
        var dxs = dX.Span;
        for (int p = 0; p < planes; p++)
            for (int o = 0; o < outPlane; o++)
                dxs[p * plane + _argmax[p * outPlane + o]] += dys[p * outPlane + o];
        return dX;
    }

    public override string ToString()
    {
        var s = $"MaxPool2D(k: {KernelSize}";
        if (Stride != KernelSize) s += $", stride: {Stride}";
        if (Padding != new Pair2D(0, 0)) s += $", padding: {Padding}";
        return s + ")";
    }
}
