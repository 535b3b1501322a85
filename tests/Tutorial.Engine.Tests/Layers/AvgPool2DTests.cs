using Tutorial.Engine.Gradients;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;
using Tutorial.Engine.Tests.Fixtures;

namespace Tutorial.Engine.Tests.Layers;

public class AvgPool2DTests
{
    // Every check below perturbs one element of a function that is affine in that element (convolution,
    // averaging, a max away from ties, a table lookup), so central differences carry no truncation error
    // at any step; ε = 1e-3 instead of 1e-6 only shrinks the rounding error (≈ 1e-16·|L| / ε), which would
    // otherwise dominate the relative error of small gradient entries.
    private const double Epsilon = 1e-3;

    public static IEnumerable<object[]> PyTorchCases() => ConvAssert.CaseIndices("avgpool");

    [Theory, MemberData(nameof(PyTorchCases))]
    public void AvgPool2D_MatchesPyTorch_ForwardAndBackward(int index)
    {
        var e = ConvAssert.Case("avgpool", index);
        var pool = new AvgPool2D<double>(ConvAssert.Pair(e, "kernel"), ConvAssert.Pair(e, "stride"), ConvAssert.Pair(e, "padding"),
            e.GetProperty("countIncludePad").GetBoolean());
        var y = pool.Forward(Fixture.Tensor(e, "x"));
        ConvAssert.Close(Fixture.Tensor(e, "y"), y, 1e-12, $"{e.GetProperty("name")}: y");
        var dX = pool.Backward(Fixture.Tensor(e, "dy"));
        ConvAssert.Close(Fixture.Tensor(e, "dx"), dX, 1e-12, $"{e.GetProperty("name")}: dX");
    }

    public static IEnumerable<object[]> GradientConfigs() => new (Pair2D K, Pair2D S, Pair2D P, bool Include, int N, int H, int W)[]
    {
        (2, 2, 0, true, 1, 6, 4),
        (3, 2, 1, true, 2, 7, 9),
        (3, 2, 1, false, 2, 7, 9),
        ((2, 3), (1, 2), (1, 1), false, 3, 5, 8),
        ((3, 2), (2, 1), (1, 0), true, 1, 6, 5),
    }.Select(c => new object[] { c.K, c.S, c.P, c.Include, c.N, c.H, c.W });

    [Theory, MemberData(nameof(GradientConfigs))]
    public void AvgPool2D_Backward_MatchesNumericalGradient(Pair2D k, Pair2D s, Pair2D p, bool countIncludePad, int n, int h, int w)
    {
        var x = Tensor<double>.Normal(new Rng(3), 0, 1, n, 2, h, w);
        var result = GradientChecker.Check(new AvgPool2D<double>(k, s, p, countIncludePad), x, epsilon: Epsilon);
        Assert.True(result.Passed, result.ToString());
        Assert.True(result.MaxRelativeError <= 1e-7, result.ToString());
    }

    [Fact]
    public void AvgPool2D_Divisor_CountsPaddingOnlyWhenAsked()
    {
        var x = Tensor<double>.Ones(1, 1, 2, 2);
        // k2 s1 p1 on a 2×2 image of ones: corner windows hold one real input, edges two, the centre four.
        var include = new AvgPool2D<double>(2, stride: 1, padding: 1).Forward(x);
        Assert.Equal([0.25, 0.5, 0.25, 0.5, 1, 0.5, 0.25, 0.5, 0.25], include.ToArray());
        var exclude = new AvgPool2D<double>(2, stride: 1, padding: 1, countIncludePad: false).Forward(x);
        Assert.All(exclude.ToArray(), v => Assert.Equal(1.0, v));
    }

    [Fact]
    public void AvgPool2D_Backward_SpreadsEachGradientEvenlyOverItsWindow()
    {
        var pool = new AvgPool2D<double>(2);
        pool.Forward(Tensor<double>.FromDoubles([1, 2, 3, 4, 5, 6, 7, 8], 1, 1, 2, 4));
        var dX = pool.Backward(Tensor<double>.FromDoubles([4, 8], 1, 1, 1, 2));
        Assert.Equal([1.0, 1, 2, 2, 1, 1, 2, 2], dX.ToArray());
    }

    [Fact]
    public void AvgPool2D_OutputShape_ErrorsAndName()
    {
        Assert.Equal(new Shape(2, 3, 4, 5), new AvgPool2D<float>(3, 2, 1).OutputShape(new Shape(2, 3, 7, 9)));
        var ex = Assert.Throws<ShapeMismatchException>(() => new AvgPool2D<float>(2).Forward(new Tensor<float>(4, 6)));
        Assert.Equal("AvgPool2D(k: 2) got x of shape (4, 6), expected (N, C, H, W).", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AvgPool2D<float>(3, padding: 2));
        Assert.Equal("AvgPool2D(k: 3, stride: 2, padding: 1, countIncludePad: false)", new AvgPool2D<float>(3, 2, 1, false).ToString());
    }
}
