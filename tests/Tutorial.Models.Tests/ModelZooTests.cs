using Tutorial.Engine.Layers;

namespace Tutorial.Models.Tests;

public class ModelZooTests
{
    [Fact]
    public void Names_AreTheSixModels_InOrder()
    {
        Assert.Equal(["mlp-digits", "cnn-mnist", "cnn-fashion", "lstm-text", "rnn-sunspots", "mlp-iris"], ModelZoo.Names);
        Assert.Same(ModelZoo.All[1], ModelZoo.Find("CNN-MNIST"));
        Assert.Null(ModelZoo.Find("cnn-cifar"));
    }

    [Fact]
    public void Get_AnUnknownName_ListsTheValidOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => ModelZoo.Get("resnet"));
        Assert.Contains("Unknown model 'resnet'", e.Message);
        Assert.Contains("mlp-digits, cnn-mnist, cnn-fashion, lstm-text, rnn-sunspots, mlp-iris", e.Message);
    }

    [Theory]
    [InlineData("mlp-digits", 64 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10)]
    [InlineData("cnn-mnist", 44_426)]
    [InlineData("cnn-fashion", 44_426)]
    [InlineData("lstm-text", 82 * 32 + 4 * 64 * 32 + 4 * 64 * 64 + 2 * 4 * 64 + 64 * 82 + 82)]
    [InlineData("rnn-sunspots", 4 * 32 * 1 + 4 * 32 * 32 + 2 * 4 * 32 + 32 + 1)]
    [InlineData("mlp-iris", 4 * 16 + 16 + 16 * 3 + 3)]
    public void Build_MakesTheArchitecture_WithTheSameWeightsForTheSameSeed(string name, int parameters)
    {
        var recipe = ModelZoo.Get(name);
        var a = recipe.Build(5);
        var b = recipe.Build(5);
        var c = recipe.Build(6);
        Assert.Equal(parameters, a.ParameterCount);
        Assert.True(a.Parameters.Zip(b.Parameters).All(p => p.First.Value.ValueEquals(p.Second.Value)));
        Assert.False(a.Parameters.Zip(c.Parameters).All(p => p.First.Value.ValueEquals(p.Second.Value)));
        Assert.IsType<Sequential<float>>(a);
    }

    [Fact]
    public void Defaults_AreValid_AndSettingsFillInOnlyWhatIsMissing()
    {
        foreach (var recipe in ModelZoo.All) Assert.Empty(recipe.Defaults.Problems());
        var mnist = ModelZoo.Get("cnn-mnist");
        var s = mnist.Settings(epochs: 2, learningRate: 0.01);
        Assert.Equal(2, s.Epochs);
        Assert.Equal(0.01, s.LearningRate);
        Assert.Equal(mnist.Defaults.BatchSize, s.BatchSize);
        Assert.Equal(1UL, s.Seed);
        Assert.Null(s.TrainSamples);
    }

    [Fact]
    public void Settings_Problems_NameEveryBadValue()
    {
        var bad = new TrainSettings { Epochs = -1, BatchSize = 0, LearningRate = 0, TrainSamples = 0 };
        Assert.Equal(
            ["epochs must be at least 1, got -1.", "batch size must be at least 1, got 0.",
             "learning rate must be positive and finite, got 0.", "train samples must be at least 1, got 0."],
            bad.Problems());
        var e = Assert.Throws<ArgumentException>(() => ModelZoo.Get("mlp-iris").Train(bad));
        Assert.Contains("epochs must be at least 1, got -1.", e.Message);
        Assert.Contains("learning rate must be positive", new TrainSettings { Epochs = 1, BatchSize = 1, LearningRate = double.NaN }.Problems()[0]);
    }
}
