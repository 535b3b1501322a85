using Tutorial.Engine.Gradients;
using Tutorial.Engine.Init;
using Tutorial.Engine.Kernels;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Tests.Layers;

public class Conv2DTests
{
    // Every check below perturbs one element of a function that is affine in that element (convolution,
    // averaging, a max away from ties, a table lookup), so central differences carry no truncation error
    // at any step; ε = 1e-3 instead of 1e-6 only shrinks the rounding error (≈ 1e-16·|L| / ε), which would
    // otherwise dominate the relative error of small gradient entries.
    private const double Epsilon = 1e-3;

    /// <summary>One convolution configuration; <see cref="Cache"/> false makes Backward recompute im2col.</summary>
    public sealed record Config(int N, int CIn, int COut, int H, int W, Pair2D K, Pair2D S, Pair2D P, Pair2D D, bool Bias = true, bool Cache = true)
    {
        public Conv2D<double> Layer(ulong seed)
        {
            var layer = new Conv2D<double>(CIn, COut, K, new Rng(seed), S, P, D, Bias);
            if (Bias) Tensor<double>.Normal(new Rng(seed + 100), 0, 1, COut).Span.CopyTo(layer.Bias!.Value.Span);
            if (!Cache) layer.ColumnCacheLimit = 0;
            return layer;
        }

        public Tensor<double> Input(ulong seed) => Tensor<double>.Normal(new Rng(seed), 0, 1, N, CIn, H, W);

        public override string ToString() =>
            $"N{N} {CIn}->{COut} {H}x{W} k{K} s{S} p{P} d{D}{(Bias ? "" : " nobias")}{(Cache ? "" : " nocache")}";
    }

    public static IEnumerable<object[]> ReferenceConfigs() => new Config[]
    {
        new(1, 1, 1, 5, 5, 3, 1, 0, 1),
        new(3, 2, 4, 7, 6, 3, 1, 0, 1),
        new(2, 3, 2, 9, 7, (3, 2), 2, 1, 1),
        new(2, 2, 3, 8, 10, (2, 3), (1, 2), (2, 1), (2, 1), Bias: false),
        new(4, 3, 2, 3, 5, 1, 1, 0, 1),
        new(2, 1, 2, 8, 11, 2, 3, 1, 1),
        new(2, 2, 3, 6, 6, 5, 1, 2, 1),
        new(1, 2, 2, 11, 9, (3, 5), (2, 3), (1, 2), (3, 2)),
        new(3, 1, 8, 12, 12, 5, 1, 0, 1),                       // a LeNet-like first layer
        new(5, 3, 2, 7, 9, 3, 2, 1, 1, Cache: false),            // Backward recomputes im2col
        new(4, 2, 3, 5, 4, (1, 3), 1, (0, 1), 1, Bias: false, Cache: false),
        new(3, 4, 5, 6, 7, 1, 1, 0, 3),                         // pointwise 1×1: no im2col at all
        new(2, 3, 2, 5, 5, 1, 2, 0, 1),                         // 1×1 with stride 2 still needs im2col
        new(2, 3, 2, 4, 6, 1, 1, 1, 1, Bias: false),            // 1×1 with padding too
        new(2, 2, 2, 4, 4, 2, 2, 0, 1),                         // non-overlapping windows
        new(1, 1, 1, 3, 3, 3, 1, 1, 1),                         // padding "same", every window touches padding
    }.Select(c => new object[] { c });

    [Theory, MemberData(nameof(ReferenceConfigs))]
    public void Conv2D_MatchesNaiveReference_ForwardAndBackward(Config c)
    {
        var layer = c.Layer(11);
        var x = c.Input(12);
        var y = layer.Forward(x);
        var expectedY = ConvolutionReference.Forward(x, layer.Weight.Value, layer.Bias?.Value, c.S, c.P, c.D);
        ConvAssert.Close(expectedY, y, 1e-12, "y");

        var dY = Tensor<double>.Normal(new Rng(13), 0, 1, y.Shape.Dims);
        var dX = layer.Backward(dY);
        var (refDX, refDW, refDB) = ConvolutionReference.Backward(x, layer.Weight.Value, dY, c.S, c.P, c.D);
        ConvAssert.Close(refDX, dX, 1e-12, "dX");
        ConvAssert.Close(refDW, layer.Weight.Grad, 1e-12, "dW");
        if (c.Bias) ConvAssert.Close(refDB, layer.Bias!.Grad, 1e-12, "db");
    }

    public static IEnumerable<object[]> GradientConfigs() => new Config[]
    {
        new(1, 2, 3, 5, 4, 3, 1, 0, 1),                                 // batch 1
        new(3, 2, 2, 7, 5, 3, 2, 1, 1),                                 // stride 2 + padding, batch 3
        new(2, 1, 2, 9, 8, (3, 2), (2, 1), (1, 0), (2, 3)),             // dilation, non-square kernel and image
        new(2, 3, 2, 6, 7, (2, 3), (3, 2), (2, 1), 1, Bias: false),
        new(2, 2, 2, 6, 5, 3, 1, 1, 2, Cache: false),                   // Backward recomputes im2col
        new(2, 3, 2, 4, 3, 1, 1, 0, 1),                                 // pointwise 1×1
    }.Select(c => new object[] { c });

    [Theory, MemberData(nameof(GradientConfigs))]
    public void Conv2D_Backward_MatchesNumericalGradient(Config c)
    {
        var layer = c.Layer(21);
        var result = GradientChecker.Check(layer, c.Input(22), epsilon: Epsilon);
        Assert.True(result.Passed, result.ToString());
        Assert.True(result.MaxRelativeError <= 1e-7, result.ToString());
        Assert.Equal(c.Bias ? ["x", "weight", "bias"] : new[] { "x", "weight" }, result.Entries.Select(e => e.Name));
    }

    public static IEnumerable<object[]> PyTorchCases() => ConvAssert.CaseIndices("conv");

    [Theory, MemberData(nameof(PyTorchCases))]
    public void Conv2D_MatchesPyTorch_ForwardAndBackward(int index)
    {
        var e = ConvAssert.Case("conv", index);
        var x = Fixtures.Fixture.Tensor(e, "x");
        var w = Fixtures.Fixture.Tensor(e, "weight");
        bool hasBias = e.GetProperty("bias").ValueKind != System.Text.Json.JsonValueKind.Null;
        var layer = new Conv2D<double>(w.Dim(1), w.Dim(0), (w.Dim(2), w.Dim(3)), new Rng(1),
            ConvAssert.Pair(e, "stride"), ConvAssert.Pair(e, "padding"), ConvAssert.Pair(e, "dilation"), hasBias);
        w.CopyTo(layer.Weight.Value);
        if (hasBias) Fixtures.Fixture.Tensor(e, "bias").CopyTo(layer.Bias!.Value);

        var y = layer.Forward(x);
        ConvAssert.Close(Fixtures.Fixture.Tensor(e, "y"), y, 1e-12, $"{e.GetProperty("name")}: y");
        var dX = layer.Backward(Fixtures.Fixture.Tensor(e, "dy"));
        ConvAssert.Close(Fixtures.Fixture.Tensor(e, "dx"), dX, 1e-12, $"{e.GetProperty("name")}: dX");
        ConvAssert.Close(Fixtures.Fixture.Tensor(e, "dw"), layer.Weight.Grad, 1e-12, $"{e.GetProperty("name")}: dW");
        if (hasBias) ConvAssert.Close(Fixtures.Fixture.Tensor(e, "db"), layer.Bias!.Grad, 1e-12, $"{e.GetProperty("name")}: db");
    }

    [Fact]
    public void Conv2D_Float_AgreesWithDoubleReference()
    {
        var c = new Config(4, 3, 5, 10, 9, 3, (2, 1), 1, 1);
        var layer64 = c.Layer(31);
        var layer32 = new Conv2D<float>(3, 5, 3, new Rng(1), (2, 1), 1);
        layer64.Weight.Value.Cast<float>().CopyTo(layer32.Weight.Value);
        layer64.Bias!.Value.Cast<float>().CopyTo(layer32.Bias!.Value);
        var x = c.Input(32);
        var y32 = layer32.Forward(x.Cast<float>());
        var y64 = ConvolutionReference.Forward(x, layer64.Weight.Value, layer64.Bias.Value, c.S, c.P, c.D);
        ConvAssert.Close(y64, y32.Cast<double>(), 1e-5, "y (float)");

        var dY = Tensor<double>.Normal(new Rng(33), 0, 1, y64.Shape.Dims);
        var dX32 = layer32.Backward(dY.Cast<float>());
        var (dX, dW, db) = ConvolutionReference.Backward(x, layer64.Weight.Value, dY, c.S, c.P, c.D);
        ConvAssert.Close(dX, dX32.Cast<double>(), 1e-5, "dX (float)");
        ConvAssert.Close(dW, layer32.Weight.Grad.Cast<double>(), 1e-4, "dW (float)");
        ConvAssert.Close(db, layer32.Bias.Grad.Cast<double>(), 1e-4, "db (float)");
    }

    [Fact]
    public void Conv2D_ReusedBuffers_GiveCorrectResults_AcrossBatchSizesAndCacheLimits()
    {
        // Per sample, im2col has 2·6 = 12 rows and 9·4 = 36 columns: 432 elements.
        var layer = new Conv2D<double>(2, 3, (3, 2), new Rng(41), stride: (1, 2), padding: 1);
        foreach (var (n, limit) in new[] { (4, -1), (1, -1), (3, 0), (5, 5 * 432), (6, 5 * 432), (2, -1), (4, 0) })
        {
            layer.ColumnCacheLimit = limit >= 0 ? limit : Conv2D<double>.DefaultColumnCacheLimit;
            var x = Tensor<double>.Normal(new Rng((ulong)(42 + n)), 0, 1, n, 2, 9, 7);
            var y = layer.Forward(x);
            ConvAssert.Close(ConvolutionReference.Forward(x, layer.Weight.Value, layer.Bias!.Value, layer.Stride, layer.Padding, layer.Dilation),
                y, 1e-12, $"y (N {n}, cache limit {limit})");
            layer.ZeroGrad();
            var dY = Tensor<double>.Normal(new Rng(7), 0, 1, y.Shape.Dims);
            var dX = layer.Backward(dY);
            var (refDX, refDW, _) = ConvolutionReference.Backward(x, layer.Weight.Value, dY, layer.Stride, layer.Padding, layer.Dilation);
            ConvAssert.Close(refDX, dX, 1e-12, $"dX (N {n}, cache limit {limit})");
            ConvAssert.Close(refDW, layer.Weight.Grad, 1e-12, $"dW (N {n}, cache limit {limit})");
        }
    }

    [Fact]
    public void Conv2D_Backward_AddsIntoGradients_AndLeavesDYUnchanged()
    {
        var c = new Config(2, 2, 3, 6, 5, 3, 1, 1, 1);
        var layer = c.Layer(51);
        var y = layer.Forward(c.Input(52));
        var dY = Tensor<double>.Normal(new Rng(53), 0, 1, y.Shape.Dims);
        var dYCopy = dY.Clone();
        layer.Backward(dY);
        var once = layer.Weight.Grad.Clone();
        var onceB = layer.Bias!.Grad.Clone();
        layer.Backward(dY);
        Assert.True(dY.ValueEquals(dYCopy));
        for (int i = 0; i < once.Length; i++) Assert.Equal(2 * once[i], layer.Weight.Grad[i], 12);
        for (int i = 0; i < onceB.Length; i++) Assert.Equal(2 * onceB[i], layer.Bias.Grad[i], 12);
    }

    [Fact]
    public void Conv2D_WrongChannels_ThrowsShapeErrorNamingLayerAndBothShapes()
    {
        var layer = new Conv2D<float>(1, 8, 5, new Rng(1));
        var ex = Assert.Throws<ShapeMismatchException>(() => layer.Forward(new Tensor<float>(64, 3, 28, 28)));
        Assert.Equal("Conv2D(in: 1, out: 8, k: 5) got x of shape (64, 3, 28, 28), expected (N, 1, H, W).", ex.Message);
        var rank = Assert.Throws<ShapeMismatchException>(() => layer.Forward(new Tensor<float>(64, 784)));
        Assert.Contains("(64, 784)", rank.Message);
    }

    [Fact]
    public void Conv2D_TooSmallImage_ThrowsShapeErrorWithTheMinimumSize()
    {
        var layer = new Conv2D<double>(1, 2, (5, 3), new Rng(1), padding: (1, 0), dilation: 2);
        // Minimum: d(k − 1) + 1 − 2p = 2·4 + 1 − 2 = 7 rows and 2·2 + 1 = 5 columns.
        Assert.Equal(new Shape(1, 2, 1, 1), layer.OutputShape(new Shape(1, 1, 7, 5)));
        var ex = Assert.Throws<ShapeMismatchException>(() => layer.Forward(new Tensor<double>(1, 1, 6, 5)));
        Assert.Contains("got x of shape (1, 1, 6, 5)", ex.Message);
        Assert.Contains("H ≥ 7 and W ≥ 5", ex.Message);
    }

    [Fact]
    public void Conv2D_BackwardErrors_NameTheProblem()
    {
        var layer = new Conv2D<double>(1, 2, 3, new Rng(1));
        Assert.Throws<InvalidOperationException>(() => layer.Backward(new Tensor<double>(1, 2, 3, 3)));
        layer.Forward(new Tensor<double>(2, 1, 5, 5));
        var ex = Assert.Throws<ShapeMismatchException>(() => layer.Backward(new Tensor<double>(2, 2, 5, 5)));
        Assert.Equal("Conv2D(in: 1, out: 2, k: 3) got dY of shape (2, 2, 5, 5), expected (2, 2, 3, 3).", ex.Message);
    }

    [Fact]
    public void Conv2D_OutputShape_FollowsLeNet()
    {
        var rng = new Rng(1);
        var c1 = new Conv2D<float>(1, 8, 5, rng);
        var c2 = new Conv2D<float>(8, 16, 5, rng);
        Assert.Equal(new Shape(64, 8, 24, 24), c1.OutputShape(new Shape(64, 1, 28, 28)));
        Assert.Equal(new Shape(64, 16, 8, 8), c2.OutputShape(new Shape(64, 8, 12, 12)));
        var strided = new Conv2D<float>(3, 4, (3, 5), rng, stride: (2, 3), padding: (1, 2), dilation: (1, 2));
        // H: ⌊(32 + 2 − 2 − 1)/2⌋ + 1 = 16;  W: ⌊(20 + 4 − 8 − 1)/3⌋ + 1 = 6.
        Assert.Equal(new Shape(2, 4, 16, 6), strided.OutputShape(new Shape(2, 3, 32, 20)));
        Assert.Equal(new Shape(2, 4, 16, 6), strided.Forward(new Tensor<float>(2, 3, 32, 20)).Shape);
    }

    [Fact]
    public void Conv2D_Parameters_AreNamedLikePyTorch_AndDrawnWithinTheHeBound()
    {
        var layer = new Conv2D<double>(3, 6, (5, 4), new Rng(9));
        Assert.Equal(["weight", "bias"], layer.Parameters.Select(p => p.Name));
        Assert.Equal(new Shape(6, 3, 5, 4), layer.Weight.Value.Shape);
        Assert.Equal(new Shape(6), layer.Bias!.Value.Shape);
        Assert.Equal(6 * 3 * 5 * 4 + 6, layer.ParameterCount);
        double bound = Math.Sqrt(6.0 / (3 * 5 * 4));
        var w = layer.Weight.Value.ToArray();
        Assert.All(w, v => Assert.InRange(v, -bound, bound));
        Assert.True(w.Max() > 0.8 * bound && w.Min() < -0.8 * bound, "the draws should fill the He interval");
        Assert.All(layer.Bias.Value.ToArray(), v => Assert.Equal(0.0, v));

        var lecun = new Conv2D<double>(3, 6, (5, 4), new Rng(9), bias: false, init: InitScheme.LeCunUniform);
        Assert.Equal(["weight"], lecun.Parameters.Select(p => p.Name));
        Assert.All(lecun.Weight.Value.ToArray(), v => Assert.InRange(v, -1 / Math.Sqrt(60), 1 / Math.Sqrt(60)));
        Assert.True(new Conv2D<double>(3, 6, (5, 4), new Rng(9)).Weight.Value.ValueEquals(layer.Weight.Value), "same seed, same weights");
    }

    [Fact]
    public void Conv2D_ToString_ListsNonDefaultHyperparameters()
    {
        var rng = new Rng(1);
        Assert.Equal("Conv2D(in: 1, out: 8, k: 5)", new Conv2D<float>(1, 8, 5, rng).ToString());
        Assert.Equal("Conv2D(in: 3, out: 4, k: (3, 5), stride: 2, padding: (1, 2), dilation: 3, bias: false)",
            new Conv2D<float>(3, 4, (3, 5), rng, stride: 2, padding: (1, 2), dilation: 3, bias: false).ToString());
    }

    [Fact]
    public void Conv2D_InvalidHyperparameters_Throw()
    {
        var rng = new Rng(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2D<float>(0, 8, 5, rng));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2D<float>(1, 8, (5, 0), rng));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2D<float>(1, 8, 5, rng, stride: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2D<float>(1, 8, 5, rng, padding: (-1, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2D<float>(1, 8, 5, rng, dilation: 0));
    }

    [Fact]
    public void Conv2D_InSequential_WithPoolingAndFlatten_TrainsAStepDownhill()
    {
        // A LeNet-shaped stack must chain its shapes and its gradients; one SGD step along −∇ lowers Σ y ⊙ g.
        var rng = new Rng(61);
        var model = new Sequential<double>(
            new Conv2D<double>(1, 4, 5, rng), new ReLU<double>(), new MaxPool2D<double>(2),
            new Conv2D<double>(4, 6, 3, rng, padding: 1), new ReLU<double>(), new AvgPool2D<double>(2),
            new Flatten<double>(), new Linear<double>(6 * 3 * 3, 3, rng));
        var x = Tensor<double>.Normal(rng, 0, 1, 2, 1, 16, 16);
        Assert.Equal(new Shape(2, 3), model.OutputShape(x.Shape));
        var y = model.Forward(x);
        var g = Tensor<double>.Normal(rng, 0, 1, 2, 3);
        double before = Dot(y, g);
        model.Backward(g);
        foreach (var p in model.Parameters)
            for (int i = 0; i < p.Value.Length; i++) p.Value[i] -= 1e-3 * p.Grad[i];
        double after = Dot(model.Forward(x), g);
        Assert.True(after < before, $"Σ y ⊙ g went from {before} to {after}");
        Assert.Equal(["0.weight", "0.bias", "3.weight", "3.bias", "7.weight", "7.bias"], model.NamedParameters().Select(p => p.Name));
    }

    private static double Dot(Tensor<double> a, Tensor<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }
}
