using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Layers;

/// <summary>
/// Flattens every dimension after the batch into one, the bridge from feature maps to a <see cref="Linear{T}"/> layer.
/// <code>
/// x: (N, d₁, …, dₖ) → y: (N, d₁·…·dₖ)       e.g. (64, 16, 4, 4) → (64, 256)
/// dX = dY reshaped to x's shape
/// </code>
/// Row-major storage makes this free: y is a view of x's storage and dX a view of dY's (no copy), so
/// the element order matches PyTorch's <c>nn.Flatten</c> and <c>x.view(N, -1)</c>.
/// </summary>
public sealed class Flatten<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Shape? _inputShape;

    public override Shape OutputShape(Shape input)
    {
        if (input.Rank < 2) throw ShapeError("x", input, "(N, …) with at least 2 dimensions");
        int features = 1;
        for (int i = 1; i < input.Rank; i++) features *= input[i];
        return new Shape(input[0], features);
    }

    public override Tensor<T> Forward(Tensor<T> x)
    {
        var outShape = OutputShape(x.Shape);
        _inputShape = x.Shape;
        return x.Reshape(outShape.Dims);
    }

    public override Tensor<T> Backward(Tensor<T> dY)
    {
        var shape = RequireForward(_inputShape);
        CheckGradientShape(dY, OutputShape(shape));
        return dY.Reshape(shape.Dims);
    }
}
