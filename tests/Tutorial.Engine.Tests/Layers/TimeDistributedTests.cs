using Tutorial.Engine.Gradients;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Tests.Layers;

public class TimeDistributedTests
{
    [Fact]
    public void Forward_AppliesTheInnerLayerToEveryStep_WithTheSameWeights()
    {
        var rng = new Rng(11);
        var linear = new Linear<double>(3, 2, rng);
        Tensor<double>.Normal(rng, 0, 1, 2).Span.CopyTo(linear.Bias!.Value.Span);
        var layer = new TimeDistributed<double>(linear);
        var x = Tensor<double>.Normal(rng, 0, 1, 2, 4, 3);

        var y = layer.Forward(x);

        Assert.Equal(new Shape(2, 4, 2), y.Shape);
        for (int n = 0; n < 2; n++)
            for (int t = 0; t < 4; t++)
                for (int o = 0; o < 2; o++)
                {
                    double expected = linear.Bias.Value[o];
                    for (int i = 0; i < 3; i++) expected += x[n, t, i] * linear.Weight.Value[o, i];
                    Assert.Equal(expected, y[n, t, o], 12);
                }
        Assert.Equal(new Shape(5, 7, 2), layer.OutputShape(new Shape(5, 7, 3)));
    }

    [Fact]
    public void TimeDistributed_Backward_MatchesNumericalGradient()
    {
        var rng = new Rng(12);
        var linear = new Linear<double>(3, 4, rng);
        Tensor<double>.Normal(rng, 0, 0.5, 4).Span.CopyTo(linear.Bias!.Value.Span);
        var layer = new TimeDistributed<double>(linear);
        var x = Tensor<double>.Normal(rng, 0, 1, 2, 5, 3);

        var result = GradientChecker.Check(layer, x);

        Assert.True(result.Passed, result.ToString());
        Assert.Equal(["x", "weight", "bias"], result.Entries.Select(e => e.Name));
        Assert.True(result.MaxRelativeError < 1e-7, result.ToString());
    }

    [Fact]
    public void Backward_DoesNotChangeDY()
    {
        var rng = new Rng(13);
        var layer = new TimeDistributed<double>(new Linear<double>(3, 2, rng));
        layer.Forward(Tensor<double>.Normal(rng, 0, 1, 2, 3, 3));
        var dY = Tensor<double>.Normal(rng, 0, 1, 2, 3, 2);
        var copy = dY.Clone();
        var dX = layer.Backward(dY);
        Assert.Equal(new Shape(2, 3, 3), dX.Shape);
        Assert.True(dY.ValueEquals(copy));
    }

    [Fact]
    public void Forward_RejectsAnInputThatIsNotASequence_NamingTheShapes()
    {
        var layer = new TimeDistributed<double>(new Linear<double>(3, 2, new Rng(1)));
        var e = Assert.Throws<ShapeMismatchException>(() => layer.Forward(new Tensor<double>(4, 3)));
        Assert.Contains("TimeDistributed(Linear(in: 3, out: 2))", e.Message);
        Assert.Contains("(4, 3)", e.Message);
        Assert.Contains("(N, T, D)", e.Message);
    }

    [Fact]
    public void Parameters_AreTheInnerLayers_AndTrainingModeReachesIt()
    {
        var linear = new Linear<double>(3, 2, new Rng(1));
        var layer = new TimeDistributed<double>(linear);
        Assert.Same(linear.Weight, layer.Parameters[0]);
        Assert.Equal(["weight", "bias"], layer.NamedParameters().Select(p => p.Name));
        layer.Training = false;
        Assert.False(linear.Training);
        var model = new Sequential<double>(new ReLU<double>(), layer);
        Assert.Equal(["1.weight", "1.bias"], model.NamedParameters().Select(p => p.Name));
        var norm = new TimeDistributed<double>(new BatchNorm1d<double>(3));
        Assert.Equal(new BatchNorm1d<double>(3).NamedBuffers().Select(b => b.Name), norm.NamedBuffers().Select(b => b.Name));
        Assert.NotEmpty(norm.NamedBuffers());
    }
}
