using Tutorial.Engine.Gradients;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Tests.Layers;

public class FlattenTests
{
    // Every check below perturbs one element of a function that is affine in that element (convolution,
    // averaging, a max away from ties, a table lookup), so central differences carry no truncation error
    // at any step; ε = 1e-3 instead of 1e-6 only shrinks the rounding error (≈ 1e-16·|L| / ε), which would
    // otherwise dominate the relative error of small gradient entries.
    private const double Epsilon = 1e-3;

    [Fact]
    public void Flatten_KeepsTheBatch_AndJoinsTheRestInRowMajorOrder()
    {
        var flatten = new Flatten<double>();
        var x = Tensor<double>.FromDoubles(Enumerable.Range(0, 24).Select(i => (double)i).ToArray(), 2, 3, 2, 2);
        var y = flatten.Forward(x);
        Assert.Equal(new Shape(2, 12), y.Shape);
        Assert.Equal(x[1, 2, 0, 1], y[1, 9]);                 // (c·H + h)·W + w = (2·2 + 0)·2 + 1
        x[1, 2, 0, 1] = 100;
        Assert.Equal(100.0, y[1, 9]);                         // a view: no copy
        var dY = Tensor<double>.Normal(new Rng(1), 0, 1, 2, 12);
        var dX = flatten.Backward(dY);
        Assert.Equal(x.Shape, dX.Shape);
        Assert.Equal(dY.ToArray(), dX.ToArray());
    }

    [Fact]
    public void Flatten_Backward_MatchesNumericalGradient()
    {
        var result = GradientChecker.Check(new Flatten<double>(), Tensor<double>.Normal(new Rng(2), 0, 1, 3, 2, 1, 4), epsilon: Epsilon);
        Assert.True(result.MaxRelativeError <= 1e-7, result.ToString());
    }

    [Fact]
    public void Flatten_OutputShape_AndShapeErrors()
    {
        var flatten = new Flatten<float>();
        Assert.Equal(new Shape(64, 256), flatten.OutputShape(new Shape(64, 16, 4, 4)));
        Assert.Equal(new Shape(5, 7), flatten.OutputShape(new Shape(5, 7)));
        Assert.Equal(new Shape(5, 24), flatten.OutputShape(new Shape(5, 2, 3, 2, 2)));
        var ex = Assert.Throws<ShapeMismatchException>(() => flatten.Forward(new Tensor<float>(5)));
        Assert.Equal("Flatten got x of shape (5,), expected (N, …) with at least 2 dimensions.", ex.Message);
        flatten.Forward(new Tensor<float>(2, 3, 4));
        Assert.Throws<ShapeMismatchException>(() => flatten.Backward(new Tensor<float>(2, 13)));
    }
}
