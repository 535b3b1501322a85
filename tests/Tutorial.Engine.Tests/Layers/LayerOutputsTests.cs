using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Tests.Layers;

public class LayerOutputsTests
{
    private static Sequential<double> Model() => new(
        new Linear<double>(4, 5, new Rng(1)), new ReLU<double>(), new Dropout<double>(0.5, new Rng(2)), new Linear<double>(5, 3, new Rng(3)));

    [Fact]
    public void Capture_ReturnsEachLayersOutput_TheLastEqualToForwardInEvalMode()
    {
        var model = Model();
        var x = Tensor<double>.Normal(new Rng(4), 0, 1, 6, 4);
        var outputs = LayerOutputs.Capture(model, x);
        Assert.Equal(["0 Linear(in: 4, out: 5)", "1 ReLU", "2 Dropout(p: 0.5)", "3 Linear(in: 5, out: 3)"], outputs.Select(o => o.Name));
        var h0 = model.Layers[0].Forward(x);
        Assert.True(h0.ValueEquals(outputs[0].Output));
        Assert.True(outputs[1].Output.ToArray().All(v => v >= 0));
        Assert.True(outputs[1].Output.ValueEquals(outputs[2].Output));   // dropout is off in evaluation mode
        Assert.True(model.Training);                                      // the mode is restored
        Assert.True(model.Eval().Forward(x).ValueEquals(outputs[3].Output));
    }

    [Fact]
    public void Capture_InTrainingMode_AppliesDropout_AndRestoresEvalMode()
    {
        var model = Model().Eval();
        var x = Tensor<double>.Normal(new Rng(4), 0, 1, 6, 4);
        var outputs = LayerOutputs.Capture(model, x, training: true);
        var mask = ((Dropout<double>)model.Layers[2]).Mask!;
        for (int i = 0; i < mask.Length; i++) Assert.Equal(outputs[1].Output[i] * mask[i], outputs[2].Output[i], 12);
        Assert.Contains(mask.ToArray(), m => m == 0);
        Assert.False(model.Training);
    }

    [Fact]
    public void Moments_GivesMeanAndPopulationStd()
    {
        var (mean, std) = LayerOutputs.Moments(Tensor<double>.FromDoubles([1, 2, 3, 6], 4));
        Assert.Equal(3, mean, 12);
        Assert.Equal(Math.Sqrt(3.5), std, 12);
    }
}
