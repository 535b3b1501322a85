using Tutorial.Data.Images;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Tests.Images;

public class GaussianNoiseTests
{
    private static Tensor<double> Gray(double value, int n = 2, int side = 40)
    {
        var x = new Tensor<double>(n, 1, side, side);
        x.Span.Fill(value);
        return x;
    }

    [Fact]
    public void GaussianNoise_OnMidGray_HasMeanZeroAndTheRequestedStd()
    {
        var x = Gray(0.5);
        var y = new GaussianNoise(0.1).Apply(x, seed: 3);
        var d = y.ToArray().Zip(x.ToArray(), (a, b) => a - b).ToArray();
        double mean = d.Average();
        double std = Math.Sqrt(d.Sum(v => (v - mean) * (v - mean)) / (d.Length - 1));
        // 3,200 draws: the mean is within 4 standard errors (4·0.1/√3200 ≈ 0.007), the std within 5 %.
        Assert.InRange(mean, -0.007, 0.007);
        Assert.InRange(std, 0.095, 0.105);
    }

    [Fact]
    public void GaussianNoise_Clips_ToTheUnitInterval_UnlessToldNotTo()
    {
        var x = Gray(0.95);
        var clipped = new GaussianNoise(0.5).Apply(x, seed: 4).ToArray();
        Assert.All(clipped, v => Assert.InRange(v, 0.0, 1.0));
        Assert.Contains(1.0, clipped);
        Assert.Contains(0.0, clipped);
        var free = new GaussianNoise(0.5, clip: false).Apply(x, seed: 4).ToArray();
        Assert.Contains(free, v => v > 1.0);
        Assert.Contains(free, v => v < 0.0);
    }

    [Fact]
    public void GaussianNoise_SameSeed_GivesIdenticalOutput_AndLeavesTheInputUnchanged()
    {
        var x = Tensor<float>.Uniform(new Rng(2), 0, 1, 3, 1, 8, 8);
        var copy = x.Clone();
        var a = new GaussianNoise(0.2).Apply(x, seed: 7);
        var b = new GaussianNoise(0.2).Apply(x, seed: 7);
        var c = new GaussianNoise(0.2).Apply(x, seed: 8);
        Assert.True(a.ValueEquals(b));
        Assert.False(a.ValueEquals(c));
        Assert.True(x.ValueEquals(copy));
        Assert.Equal(x.Shape, a.Shape);
    }

    [Fact]
    public void GaussianNoise_WithZeroStd_CopiesTheImage()
    {
        var x = Tensor<double>.Uniform(new Rng(5), 0, 1, 1, 6, 6);
        Assert.True(new GaussianNoise(0).Apply(x, seed: 1).ValueEquals(x));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void GaussianNoise_RejectsABadStd(double std)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianNoise(std));
        Assert.Contains("GaussianNoise", e.Message);
    }
}
