using Tutorial.Engine.Kernels;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Layers;

/// <summary>Shape checks shared by the pooling layers.</summary>
internal static class PoolShapes
{
    /// <summary>The geometry of a pooling window over an input (N, C, H, W), or the layer's shape error.</summary>
    public static ConvGeometry Geometry(Shape input, Pair2D kernel, Pair2D stride, Pair2D padding,
        Func<string, Shape, string, ShapeMismatchException> shapeError)
    {
        if (input.Rank != 4) throw shapeError("x", input, "(N, C, H, W)");
        var g = new ConvGeometry(input[1], input[2], input[3], kernel, stride, padding, 1);
        if (!g.HasOutput)
        {
            int minH = ConvGeometry.MinimumInputSize(kernel.H, padding.H, 1);
            int minW = ConvGeometry.MinimumInputSize(kernel.W, padding.W, 1);
            throw shapeError("x", input, $"(N, C, H, W) with H ≥ {minH} and W ≥ {minW}");
        }
        return g;
    }
}
