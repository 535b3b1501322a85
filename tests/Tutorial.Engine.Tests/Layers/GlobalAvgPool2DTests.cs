using Tutorial.Engine.Gradients;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;
using Tutorial.Engine.Tests.Fixtures;

namespace Tutorial.Engine.Tests.Layers;

public class GlobalAvgPool2DTests
{
    // Every check below perturbs one element of a function that is affine in that element (convolution,
    // averaging, a max away from ties, a table lookup), so central differences carry no truncation error
    // at any step; ε = 1e-3 instead of 1e-6 only shrinks the rounding error (≈ 1e-16·|L| / ε), which would
    // otherwise dominate the relative error of small gradient entries.
    private const double Epsilon = 1e-3;

    [Fact]
    public void GlobalAvgPool2D_MatchesPyTorch_ForwardAndBackward()
    {
        var e = ConvAssert.Data.GetProperty("globalavgpool");
        var pool = new GlobalAvgPool2D<double>();
        ConvAssert.Close(Fixture.Tensor(e, "y"), pool.Forward(Fixture.Tensor(e, "x")), 1e-12, "y");
        ConvAssert.Close(Fixture.Tensor(e, "dx"), pool.Backward(Fixture.Tensor(e, "dy")), 1e-12, "dX");
    }

    [Fact]
    public void GlobalAvgPool2D_AveragesEachFeatureMap()
    {
        var pool = new GlobalAvgPool2D<double>();
        var y = pool.Forward(Tensor<double>.FromDoubles([1, 2, 3, 4, 5, 6, 10, 20, 30, 40, 50, 60], 1, 2, 2, 3));
        Assert.Equal(new Shape(1, 2), y.Shape);
        Assert.Equal([3.5, 35], y.ToArray());
        var dX = pool.Backward(Tensor<double>.FromDoubles([6, 12], 1, 2));
        Assert.Equal([1.0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2], dX.ToArray());
    }

    [Fact]
    public void GlobalAvgPool2D_Backward_MatchesNumericalGradient()
    {
        var x = Tensor<double>.Normal(new Rng(2), 0, 1, 3, 2, 5, 3);
        var result = GradientChecker.Check(new GlobalAvgPool2D<double>(), x, epsilon: Epsilon);
        Assert.True(result.MaxRelativeError <= 1e-7, result.ToString());
    }

    [Fact]
    public void GlobalAvgPool2D_OutputShape_AndShapeErrors()
    {
        var pool = new GlobalAvgPool2D<float>();
        Assert.Equal(new Shape(64, 16), pool.OutputShape(new Shape(64, 16, 4, 4)));
        var ex = Assert.Throws<ShapeMismatchException>(() => pool.Forward(new Tensor<float>(64, 16)));
        Assert.Equal("GlobalAvgPool2D got x of shape (64, 16), expected (N, C, H, W) with H, W ≥ 1.", ex.Message);
        pool.Forward(new Tensor<float>(2, 3, 4, 4));
        Assert.Throws<ShapeMismatchException>(() => pool.Backward(new Tensor<float>(2, 4)));
    }
}
