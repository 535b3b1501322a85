using Tutorial.Engine.Gradients;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;
using Tutorial.Engine.Tests.Fixtures;

namespace Tutorial.Engine.Tests.Layers;

public class MaxPool2DTests
{
    // Every check below perturbs one element of a function that is affine in that element (convolution,
    // averaging, a max away from ties, a table lookup), so central differences carry no truncation error
    // at any step; ε = 1e-3 instead of 1e-6 only shrinks the rounding error (≈ 1e-16·|L| / ε), which would
    // otherwise dominate the relative error of small gradient entries.
    private const double Epsilon = 1e-3;

    public static IEnumerable<object[]> PyTorchCases() => ConvAssert.CaseIndices("maxpool");

    [Theory, MemberData(nameof(PyTorchCases))]
    public void MaxPool2D_MatchesPyTorch_ForwardAndBackward_IncludingTies(int index)
    {
        var e = ConvAssert.Case("maxpool", index);
        var pool = new MaxPool2D<double>(ConvAssert.Pair(e, "kernel"), ConvAssert.Pair(e, "stride"), ConvAssert.Pair(e, "padding"));
        var y = pool.Forward(Fixture.Tensor(e, "x"));
        ConvAssert.Close(Fixture.Tensor(e, "y"), y, 1e-12, $"{e.GetProperty("name")}: y");
        var dX = pool.Backward(Fixture.Tensor(e, "dy"));
        ConvAssert.Close(Fixture.Tensor(e, "dx"), dX, 1e-12, $"{e.GetProperty("name")}: dX");
    }

    public static IEnumerable<object[]> GradientConfigs() => new (Pair2D K, Pair2D S, Pair2D P, int N, int C, int H, int W)[]
    {
        (2, 2, 0, 1, 2, 6, 4),
        (3, 2, 1, 2, 2, 7, 9),
        ((2, 3), (1, 2), (1, 1), 2, 1, 5, 8),
        ((3, 1), (2, 1), (1, 0), 3, 2, 7, 3),
        (3, 1, 1, 1, 1, 5, 5),                   // stride 1: heavily overlapping windows
    }.Select(c => new object[] { c.K, c.S, c.P, c.N, c.C, c.H, c.W });

    [Theory, MemberData(nameof(GradientConfigs))]
    public void MaxPool2D_Backward_MatchesNumericalGradient(Pair2D k, Pair2D s, Pair2D p, int n, int c, int h, int w)
    {
        // Distinct values spaced far more than ε apart: no window has a tie, so the max is differentiable.
        var values = new Rng(5).Permutation(n * c * h * w).Select(v => v * 0.01 - 1.0).ToArray();
        var x = Tensor<double>.FromArray(values, n, c, h, w);
        var result = GradientChecker.Check(new MaxPool2D<double>(k, s, p), x, epsilon: Epsilon);
        Assert.True(result.Passed, result.ToString());
        Assert.True(result.MaxRelativeError <= 1e-7, result.ToString());
    }

    [Fact]
    public void MaxPool2D_Tie_SendsTheGradientToTheFirstMaximumInRowMajorOrder()
    {
        var x = Tensor<double>.FromDoubles([1, 7, 7, 0,
                                            7, 2, 3, 3,
                                            5, 5, 4, 1,
                                            5, 5, 1, 4], 1, 1, 4, 4);
        var pool = new MaxPool2D<double>(2);
        var y = pool.Forward(x);
        Assert.Equal([7.0, 7, 5, 4], y.ToArray());
        var dX = pool.Backward(Tensor<double>.FromDoubles([10, 20, 30, 40], 1, 1, 2, 2));
        Assert.Equal([0.0, 10, 20, 0,
                      0, 0, 0, 0,
                      30, 0, 40, 0,
                      0, 0, 0, 0], dX.ToArray());
    }

    [Fact]
    public void MaxPool2D_OverlappingWindows_AccumulateTheGradientOfASharedWinner()
    {
        var x = Tensor<double>.FromDoubles([0, 9, 0, 1], 1, 1, 1, 4);
        var pool = new MaxPool2D<double>((1, 2), stride: 1);
        Assert.Equal([9.0, 9, 1], pool.Forward(x).ToArray());
        var dX = pool.Backward(Tensor<double>.FromDoubles([1, 2, 4], 1, 1, 1, 3));
        Assert.Equal([0.0, 3, 0, 4], dX.ToArray());
    }

    [Fact]
    public void MaxPool2D_Padding_IsNegativeInfinity_SoNegativeInputsStillWin()
    {
        var x = Tensor<double>.FromDoubles([-5, -3, -4, -1], 1, 1, 2, 2);
        var y = new MaxPool2D<double>(2, stride: 1, padding: 1).Forward(x);
        Assert.Equal([-5.0, -3, -3, -4, -1, -1, -4, -1, -1], y.ToArray());
    }

    [Fact]
    public void MaxPool2D_PropagatesNaN_LikePyTorch()
    {
        var x = Tensor<double>.FromDoubles([1, double.NaN, 3, 2], 1, 1, 2, 2);
        var pool = new MaxPool2D<double>(2);
        Assert.True(double.IsNaN(pool.Forward(x)[0]));
        Assert.Equal([0.0, 1, 0, 0], pool.Backward(Tensor<double>.Ones(1, 1, 1, 1)).ToArray());
    }

    [Fact]
    public void MaxPool2D_OutputShape_AndErrors()
    {
        Assert.Equal(new Shape(64, 8, 12, 12), new MaxPool2D<float>(2).OutputShape(new Shape(64, 8, 24, 24)));
        Assert.Equal(new Shape(1, 3, 4, 5), new MaxPool2D<float>(3, 2, 1).OutputShape(new Shape(1, 3, 7, 9)));
        var pool = new MaxPool2D<float>(3, stride: 2);
        var ex = Assert.Throws<ShapeMismatchException>(() => pool.Forward(new Tensor<float>(2, 2, 2, 5)));
        Assert.Equal("MaxPool2D(k: 3, stride: 2) got x of shape (2, 2, 2, 5), expected (N, C, H, W) with H ≥ 3 and W ≥ 3.", ex.Message);
        Assert.Throws<ShapeMismatchException>(() => pool.Forward(new Tensor<float>(2, 25)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MaxPool2D<float>(2, padding: 2));
        Assert.Throws<InvalidOperationException>(() => new MaxPool2D<float>(2).Backward(new Tensor<float>(1, 1, 1, 1)));
        Assert.Equal("MaxPool2D(k: 2)", new MaxPool2D<float>(2).ToString());
        Assert.Equal("MaxPool2D(k: (2, 3), stride: 1, padding: 1)", new MaxPool2D<float>((2, 3), 1, 1).ToString());
    }
}
