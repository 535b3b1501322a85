using System.Numerics;
using Tutorial.Engine.Kernels;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Layers;

/// <summary>
/// Global average pooling: the mean of each feature map, the usual bridge from convolutions to a classifier.
/// <code>
/// x: (N, C, H, W) → y: (N, C)
/// y[n, c]          = (1 / (H·W)) · Σ_h,w x[n, c, h, w]
/// dX[n, c, h, w]   = dY[n, c] / (H·W)
/// </code>
/// </summary>
public sealed class GlobalAvgPool2D<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Shape? _inputShape;

    public override Shape OutputShape(Shape input)
    {
        if (input.Rank != 4 || input[2] == 0 || input[3] == 0) throw ShapeError("x", input, "(N, C, H, W) with H, W ≥ 1");
        return new Shape(input[0], input[1]);
    }

    public override Tensor<T> Forward(Tensor<T> x)
    {
        var outShape = OutputShape(x.Shape);
        int plane = x.H * x.W;
        T area = T.CreateChecked(plane);
        var y = new Tensor<T>(outShape);
        var xs = x.Span;
        var ys = y.Span;
        for (int p = 0; p < ys.Length; p++) ys[p] = Elementwise.Sum<T>(xs.Slice(p * plane, plane)) / area;
        _inputShape = x.Shape;
        return y;
    }

    public override Tensor<T> Backward(Tensor<T> dY)
    {
        var shape = RequireForward(_inputShape);
        CheckGradientShape(dY, new Shape(shape[0], shape[1]));
        int plane = shape[2] * shape[3];
        T area = T.CreateChecked(plane);
        var dX = new Tensor<T>(shape);
        var dys = dY.Span;
        var dxs = dX.Span;
        for (int p = 0; p < dys.Length; p++) dxs.Slice(p * plane, plane).Fill(dys[p] / area);
        return dX;
    }
}
