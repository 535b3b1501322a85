using Tutorial.Engine.Gradients;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;
using Tutorial.Engine.Tests.Fixtures;

namespace Tutorial.Engine.Tests.Layers;

public class EmbeddingTests
{
    // Every check below perturbs one element of a function that is affine in that element (convolution,
    // averaging, a max away from ties, a table lookup), so central differences carry no truncation error
    // at any step; ε = 1e-3 instead of 1e-6 only shrinks the rounding error (≈ 1e-16·|L| / ε), which would
    // otherwise dominate the relative error of small gradient entries.
    private const double Epsilon = 1e-3;

    [Fact]
    public void Embedding_MatchesPyTorch_ForwardAndWeightGradient()
    {
        var e = ConvAssert.Data.GetProperty("embedding");
        var w = Fixture.Tensor(e, "weight");
        var layer = new Embedding<double>(w.Dim(0), w.Dim(1), new Rng(1));
        w.CopyTo(layer.Weight.Value);
        ConvAssert.Close(Fixture.Tensor(e, "y"), layer.Forward(Fixture.Tensor(e, "ids")), 1e-12, "y");
        layer.Backward(Fixture.Tensor(e, "dy"));
        ConvAssert.Close(Fixture.Tensor(e, "dw"), layer.Weight.Grad, 1e-12, "dW");
    }

    [Fact]
    public void Embedding_RepeatedIds_AccumulateTheirGradients()
    {
        var layer = new Embedding<double>(4, 2, new Rng(1));
        var ids = Tensor<double>.FromDoubles([2, 0, 2, 2], 2, 2);
        var y = layer.Forward(ids);
        Assert.Equal(new Shape(2, 2, 2), y.Shape);
        Assert.Equal(layer.Weight.Value[2, 0], y[1, 1, 0]);
        Assert.Equal(layer.Weight.Value[0, 1], y[0, 1, 1]);
        var dY = Tensor<double>.FromDoubles([1, 10, 100, 1000, 2, 20, 3, 30], 2, 2, 2);
        var dX = layer.Backward(dY);
        Assert.Equal([100.0, 1000, 0, 0, 6, 60, 0, 0], layer.Weight.Grad.ToArray());
        Assert.Equal(ids.Shape, dX.Shape);
        Assert.All(dX.ToArray(), v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void Embedding_WeightGradient_MatchesNumericalGradient()
    {
        var layer = new Embedding<double>(5, 3, new Rng(2));
        var ids = Tensor<double>.FromDoubles([4, 1, 1, 0, 4, 4], 3, 2);
        var result = GradientChecker.Check(layer, ids, checkInput: false, epsilon: Epsilon);
        Assert.Equal(["weight"], result.Entries.Select(e => e.Name));
        Assert.True(result.MaxRelativeError <= 1e-7, result.ToString());
    }

    [Theory]
    [InlineData(7.0, "the value 7 at flat position 3")]
    [InlineData(-1.0, "the value -1 at flat position 3")]
    [InlineData(1.5, "the value 1.5 at flat position 3")]
    [InlineData(double.NaN, "the value NaN at flat position 3")]
    public void Embedding_InvalidId_ThrowsNamingTheLayerValueAndPosition(double bad, string expected)
    {
        var layer = new Embedding<double>(7, 2, new Rng(1));
        var ids = Tensor<double>.FromDoubles([0, 6, 3, bad], 2, 2);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => layer.Forward(ids));
        Assert.Contains("Embedding(num: 7, dim: 2) got x of shape (2, 2) with " + expected, ex.Message);
        Assert.Contains("ids must be integers in [0, 7)", ex.Message);
    }

    [Fact]
    public void Embedding_OutputShape_AppendsTheDimension_AndWeightIsStandardNormal()
    {
        var layer = new Embedding<float>(1000, 16, new Rng(3));
        Assert.Equal(new Shape(32, 20, 16), layer.OutputShape(new Shape(32, 20)));
        Assert.Equal(new Shape(5, 16), layer.OutputShape(new Shape(5)));
        Assert.Equal("weight", layer.Parameters.Single().Name);
        var w = layer.Weight.Value.ToArray();
        double mean = w.Average(v => (double)v), variance = w.Average(v => (v - mean) * (v - mean));
        Assert.InRange(mean, -0.02, 0.02);
        Assert.InRange(variance, 0.95, 1.05);
        Assert.Equal("Embedding(num: 1000, dim: 16)", layer.ToString());
        Assert.Throws<ShapeMismatchException>(() =>
        {
            layer.Forward(new Tensor<float>(2, 3));
            layer.Backward(new Tensor<float>(2, 3, 15));
        });
    }
}
