using Tutorial.Engine.Layers;
using Tutorial.Engine.Serialization;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Tests.Layers;

public class BatchNorm1dTests
{
    [Fact]
    public void Train_NormalisesEachFeature_ToMeanZeroAndUnitBiasedVariance()
    {
        var x = Tensor<double>.Normal(new Rng(1), 3, 2, 8, 3);
        var y = new BatchNorm1d<double>(3, eps: 1e-12).Forward(x);
        for (int j = 0; j < 3; j++)
        {
            double mean = 0, variance = 0;
            for (int i = 0; i < 8; i++) mean += y[i, j] / 8;
            for (int i = 0; i < 8; i++) variance += (y[i, j] - mean) * (y[i, j] - mean) / 8;
            Assert.Equal(0, mean, 12);
            Assert.Equal(1, variance, 10);
        }
    }

    [Fact]
    public void Train_UpdatesRunningStatistics_WithMomentum_AndTheUnbiasedVariance()
    {
        // Feature 0: 1, 2, 3, 6 → mean 3, biased variance 3.5, unbiased 14/3.
        var x = Tensor<double>.FromMatrix(new double[,] { { 1, 10 }, { 2, 10 }, { 3, 10 }, { 6, 10 } });
        var bn = new BatchNorm1d<double>(2, momentum: 0.25);
        bn.Forward(x);
        Assert.Equal(0.75 * 0 + 0.25 * 3, bn.RunningMean[0], 15);
        Assert.Equal(0.75 * 1 + 0.25 * (14.0 / 3), bn.RunningVar[0], 14);
        Assert.Equal(0.25 * 10, bn.RunningMean[1], 15);
        Assert.Equal(0.75, bn.RunningVar[1], 15);   // a constant feature has variance 0
        bn.Forward(x);
        Assert.Equal(0.75 * 0.75 + 0.25 * 3, bn.RunningMean[0], 15);
    }

    [Fact]
    public void Eval_UsesRunningStatistics_AndLeavesThemAlone()
    {
        var bn = new BatchNorm1d<double>(2, eps: 0.01) { Training = false };
        bn.RunningMean[0] = 1; bn.RunningMean[1] = -2;
        bn.RunningVar[0] = 3.99; bn.RunningVar[1] = 0.24;
        bn.Weight!.Value[0] = 2; bn.Bias!.Value[1] = 0.5;
        var y = bn.Forward(Tensor<double>.FromMatrix(new double[,] { { 5, -1 } }));   // batch 1 is fine in eval mode
        Assert.Equal(2 * (5 - 1) / 2.0, y[0, 0], 14);         // √(3.99 + 0.01) = 2
        Assert.Equal((-1 + 2) / 0.5 + 0.5, y[0, 1], 14);      // √(0.24 + 0.01) = 0.5
        Assert.Equal(1, bn.RunningMean[0]);
        Assert.Equal(0.24, bn.RunningVar[1]);
    }

    [Fact]
    public void RunningStatistics_AreNamedBuffers_NotParameters()
    {
        var bn = new BatchNorm1d<float>(5);
        Assert.Equal(["weight", "bias"], bn.NamedParameters().Select(p => p.Name));
        Assert.Equal(["running_mean", "running_var"], bn.NamedBuffers().Select(b => b.Name));
        Assert.Same(bn.RunningMean, bn.NamedBuffers().First().Buffer);
        Assert.Equal(10, bn.ParameterCount);
        Assert.Empty(new BatchNorm1d<float>(5, affine: false).Parameters);
    }

    [Fact]
    public void Train_RefusesASingleSample_NamingTheShape()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => new BatchNorm1d<double>(3).Forward(Tensor<double>.Ones(1, 3)));
        Assert.Contains("BatchNorm1d", e.Message);
        Assert.Contains("(1, 3)", e.Message);
    }

    [Fact]
    public void WrongFeatureCount_NamesBothShapes()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => new BatchNorm1d<double>(3).Forward(Tensor<double>.Ones(4, 5)));
        Assert.Contains("(4, 5)", e.Message);
        Assert.Contains("(N, 3)", e.Message);
    }

    [Theory]
    [InlineData(0, 1e-5, 0.1, "features")]
    [InlineData(3, 0.0, 0.1, "eps")]
    [InlineData(3, -1e-5, 0.1, "eps")]
    [InlineData(3, double.NaN, 0.1, "eps")]
    [InlineData(3, 1e-5, -0.1, "momentum")]
    [InlineData(3, 1e-5, 1.5, "momentum")]
    [InlineData(3, 1e-5, double.NaN, "momentum")]
    public void InvalidHyperparameters_AreRefused(int features, double eps, double momentum, string named)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new BatchNorm1d<double>(features, eps, momentum));
        Assert.Contains(named, e.Message);
    }

    [Fact]
    public void MomentumAtTheEnds_IsAllowed()
    {
        var x = Tensor<double>.FromMatrix(new double[,] { { 1 }, { 3 } });
        var frozen = new BatchNorm1d<double>(1, momentum: 0);
        var latest = new BatchNorm1d<double>(1, momentum: 1);
        frozen.Forward(x);
        latest.Forward(x);
        Assert.Equal(0, frozen.RunningMean[0]);
        Assert.Equal(2, latest.RunningMean[0]);
        Assert.Equal(2, latest.RunningVar[0]);   // unbiased variance of {1, 3}
    }
}

/// <summary>Running statistics are buffers: a model file carries them, so eval mode gives the same output after loading.</summary>
public class BatchNorm1dModelFileTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tutorial-batchnorm-tests-" + Guid.NewGuid().ToString("N"));

    public BatchNorm1dModelFileTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Sequential<double> Model(ulong seed) =>
        new(new Linear<double>(3, 4, new Rng(seed)), new BatchNorm1d<double>(4), new Tanh<double>());

    [Fact]
    public void SaveAndLoad_CarryTheRunningStatistics()
    {
        var trained = Model(1);
        for (int step = 0; step < 3; step++) trained.Forward(Tensor<double>.Normal(new Rng((ulong)step), 2, 3, 8, 3));
        string path = Path.Combine(_dir, "bn.tmodel");
        ModelFile.Save(trained, path);

        var loaded = Model(2);
        ModelFile.Load(loaded, path);
        var bnTrained = (BatchNorm1d<double>)trained.Layers[1];
        var bnLoaded = (BatchNorm1d<double>)loaded.Layers[1];
        Assert.True(bnLoaded.RunningMean.ValueEquals(bnTrained.RunningMean));
        Assert.True(bnLoaded.RunningVar.ValueEquals(bnTrained.RunningVar));
        Assert.False(bnLoaded.RunningMean.ValueEquals(new Tensor<double>(4)));   // not the initial zeros

        var x = Tensor<double>.Normal(new Rng(9), 0, 1, 5, 3);
        Assert.True(trained.Eval().Forward(x).ValueEquals(loaded.Eval().Forward(x)));
    }
}
