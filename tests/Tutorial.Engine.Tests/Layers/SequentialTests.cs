using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Tests.Layers;

public class SequentialTests
{
    private static Sequential<double> Model() => new(
        new Linear<double>(4, 5, new Rng(1)), new BatchNorm1d<double>(5), new ReLU<double>(),
        new Dropout<double>(0.5, new Rng(2)), new Linear<double>(5, 2, new Rng(3)));

    [Fact]
    public void EvalAndTrain_PropagateToEveryLayer()
    {
        var model = Model().Eval();
        Assert.All(model.Layers, l => Assert.False(l.Training));
        model.Add(new Dropout<double>(0.1, new Rng(4)));
        Assert.False(model.Layers[^1].Training);   // a layer added later joins the container's mode
        model.Train();
        Assert.All(model.Layers, l => Assert.True(l.Training));
    }

    [Fact]
    public void Eval_IsDeterministic_AndUsesRunningStatistics()
    {
        var model = Model();
        var x = Tensor<double>.Normal(new Rng(5), 0, 1, 6, 4);
        var trained1 = model.Forward(x);
        var trained2 = model.Forward(x);
        Assert.False(trained1.ValueEquals(trained2));   // a new dropout mask each time

        model.Eval();
        var bn = (BatchNorm1d<double>)model.Layers[1];
        var runningMean = bn.RunningMean.Clone();
        var e1 = model.Forward(x);
        var e2 = model.Forward(x);
        Assert.True(e1.ValueEquals(e2));
        Assert.True(bn.RunningMean.ValueEquals(runningMean));   // eval mode leaves the running statistics alone
    }

    [Fact]
    public void NamedBuffers_AreQualifiedByPosition_LikePyTorchStateDictKeys()
    {
        var model = Model();
        Assert.Equal(["1.running_mean", "1.running_var"], model.NamedBuffers().Select(b => b.Name));
        Assert.Equal(["0.weight", "0.bias", "1.weight", "1.bias", "4.weight", "4.bias"], model.NamedParameters().Select(p => p.Name));
        var nested = new Sequential<double>(new ReLU<double>(), Model());
        Assert.Equal("1.1.running_var", nested.NamedBuffers().Last().Name);
    }

    [Fact]
    public void LayersWithoutState_HaveNoBuffers()
    {
        Assert.Empty(new Linear<double>(2, 2, new Rng(1)).NamedBuffers());
        Assert.Empty(new Dropout<double>(0.5, new Rng(1)).NamedBuffers());
    }
}
