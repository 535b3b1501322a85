using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Tests.Layers;

public class DropoutTests
{
    [Fact]
    public void Train_ZeroesWhereTheRngFallsBelowP_AndScalesTheRestByOneOverOneMinusP()
    {
        const double p = 0.25;
        var x = Tensor<double>.Normal(new Rng(1), 0, 1, 3, 7);
        var y = new Dropout<double>(p, new Rng(99)).Forward(x);

        // Replay the documented rule with the same seed: element i is dropped when NextDouble() < p.
        var replay = new Rng(99);
        for (int i = 0; i < x.Length; i++)
        {
            double expected = replay.NextDouble() < p ? 0 : x[i] / (1 - p);
            Assert.Equal(expected, y[i], 15);
        }
    }

    [Fact]
    public void Train_DropsAboutAFractionP_AndKeepsTheMean()
    {
        const double p = 0.3;
        var x = Tensor<float>.Ones(100, 100);
        var y = new Dropout<float>(p, new Rng(5)).Forward(x);
        int zeros = y.ToArray().Count(v => v == 0);
        // Binomial(10 000, 0.3): standard deviation 46, so ±200 is more than 4 standard deviations.
        Assert.InRange(zeros, 2800, 3200);
        Assert.All(y.ToArray(), v => Assert.True(v == 0 || v == 1 / (1 - 0.3f)));
        Assert.InRange(y.ToArray().Average(), 0.97, 1.03);
    }

    [Fact]
    public void Backward_MultipliesByTheSameMask()
    {
        var layer = new Dropout<double>(0.5, new Rng(3));
        var x = Tensor<double>.Normal(new Rng(4), 0, 1, 4, 5);
        layer.Forward(x);
        var dY = Tensor<double>.Normal(new Rng(6), 0, 1, 4, 5);
        var dYCopy = dY.Clone();
        var dX = layer.Backward(dY);
        var mask = layer.Mask!;
        for (int i = 0; i < dX.Length; i++) Assert.Equal(dY[i] * mask[i], dX[i]);
        Assert.True(dY.ValueEquals(dYCopy), "Backward must not modify dY.");
    }

    [Fact]
    public void Eval_IsTheIdentity_ForwardAndBackward()
    {
        var layer = new Dropout<double>(0.9, new Rng(3)) { Training = false };
        var x = Tensor<double>.Normal(new Rng(4), 0, 1, 4, 5);
        var y = layer.Forward(x);
        Assert.True(y.ValueEquals(x));
        Assert.NotSame(x, y);
        var dY = Tensor<double>.Normal(new Rng(6), 0, 1, 4, 5);
        Assert.True(layer.Backward(dY).ValueEquals(dY));
    }

    [Fact]
    public void SameSeed_GivesTheSameMask_DifferentSeedsDiffer()
    {
        var x = Tensor<double>.Ones(8, 16);
        var a = new Dropout<double>(0.5, new Rng(21)).Forward(x);
        var b = new Dropout<double>(0.5, new Rng(21)).Forward(x);
        var c = new Dropout<double>(0.5, new Rng(22)).Forward(x);
        Assert.True(a.ValueEquals(b));
        Assert.False(a.ValueEquals(c));
    }

    [Fact]
    public void EachForward_DrawsANewMask_UnlessReuseMaskIsSet()
    {
        var x = Tensor<double>.Ones(8, 16);
        var layer = new Dropout<double>(0.5, new Rng(21));
        var first = layer.Forward(x);
        var second = layer.Forward(x);
        Assert.False(first.ValueEquals(second));

        layer.ReuseMask = true;
        var third = layer.Forward(x);
        var fourth = layer.Forward(x);
        Assert.True(second.ValueEquals(third), "With ReuseMask the last mask is kept.");
        Assert.True(third.ValueEquals(fourth));

        var e = Assert.Throws<ShapeMismatchException>(() => layer.Forward(Tensor<double>.Ones(2, 16)));
        Assert.Contains("(2, 16)", e.Message);
        Assert.Contains("(8, 16)", e.Message);
    }

    [Fact]
    public void PZero_KeepsEverything()
    {
        var x = Tensor<double>.Normal(new Rng(4), 0, 1, 3, 3);
        Assert.True(new Dropout<double>(0, new Rng(1)).Forward(x).ValueEquals(x));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void InvalidP_IsRefused(double p)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout<double>(p, new Rng(1)));
        Assert.Contains("[0, 1)", e.Message);
    }

    [Fact]
    public void BackwardBeforeForward_Throws()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new Dropout<double>(0.5, new Rng(1)).Backward(Tensor<double>.Ones(2, 2)));
        Assert.Contains("Dropout", e.Message);
    }
}
