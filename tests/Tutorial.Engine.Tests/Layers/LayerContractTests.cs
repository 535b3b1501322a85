using Tutorial.Engine.Kernels;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Tests.Layers;

/// <summary>What every layer promises: Backward needs a Forward, shape errors name the layer and both shapes,
/// dY is left alone, hyperparameters are validated, and the float path agrees with the double one.</summary>
public class LayerContractTests
{
    /// <summary>A fresh layer of each kind, for (N, 3) inputs.</summary>
    public static TheoryData<string> Names() =>
        ["Linear", "ReLU", "Sigmoid", "Tanh", "LeakyReLU", "ELU", "GELU", "GELU-tanh", "Softplus", "Softmax", "Dropout", "BatchNorm1d", "Sequential"];

    private static Layer<T> Create<T>(string name) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> => name switch
    {
        "Linear" => new Linear<T>(3, 3, new Rng(1)),
        "ReLU" => new ReLU<T>(),
        "Sigmoid" => new Sigmoid<T>(),
        "Tanh" => new Tanh<T>(),
        "LeakyReLU" => new LeakyReLU<T>(0.2),
        "ELU" => new ELU<T>(0.7),
        "GELU" => new GELU<T>(),
        "GELU-tanh" => new GELU<T>(GeluApproximation.Tanh),
        "Softplus" => new Softplus<T>(1.5, 4),
        "Softmax" => new Softmax<T>(),
        "Dropout" => new Dropout<T>(0.5, new Rng(2)),
        "BatchNorm1d" => new BatchNorm1d<T>(3),
        "Sequential" => new Sequential<T>(new Linear<T>(3, 3, new Rng(1)), new Tanh<T>()),
        _ => throw new ArgumentException(name),
    };

    [Theory, MemberData(nameof(Names))]
    public void BackwardBeforeForward_Throws(string name)
    {
        var layer = Create<double>(name);
        var e = Assert.ThrowsAny<InvalidOperationException>(() => layer.Backward(Tensor<double>.Ones(2, 3)));
        Assert.Contains("before Forward", e.Message);
    }

    [Theory, MemberData(nameof(Names))]
    public void WrongGradientShape_NamesTheLayerAndBothShapes(string name)
    {
        var layer = Create<double>(name);
        layer.Forward(Tensor<double>.Normal(new Rng(3), 0, 1, 2, 3));
        var e = Assert.Throws<ShapeMismatchException>(() => layer.Backward(Tensor<double>.Ones(2, 4)));
        Assert.Contains("(2, 4)", e.Message);
        Assert.Contains("(2, 3)", e.Message);
        string type = name.Split('-')[0];
        Assert.Contains(type == "Sequential" ? "Tanh" : type, e.Message);   // Sequential: its last layer complains
    }

    [Theory, MemberData(nameof(Names))]
    public void Backward_LeavesDYUnchanged_AndReturnsTheInputShape(string name)
    {
        var layer = Create<double>(name);
        var x = Tensor<double>.Normal(new Rng(3), 0, 1, 4, 3);
        var y = layer.Forward(x);
        var dY = Tensor<double>.Normal(new Rng(4), 0, 1, y.Shape.Dims);
        var copy = dY.Clone();
        var dX = layer.Backward(dY);
        Assert.True(dY.ValueEquals(copy));
        Assert.Equal(x.Shape, dX.Shape);
        Assert.Equal(y.Shape, layer.OutputShape(x.Shape));
    }

    [Theory, MemberData(nameof(Names))]
    public void FloatAndDouble_Agree(string name)
    {
        var xd = Tensor<double>.Normal(new Rng(3), 0, 1, 4, 3);
        var gd = Tensor<double>.Normal(new Rng(4), 0, 1, 4, 3);
        var ld = Create<double>(name);
        var lf = Create<float>(name);
        var yd = ld.Forward(xd);
        var yf = lf.Forward(xd.Cast<float>());
        var dd = ld.Backward(gd);
        var df = lf.Backward(gd.Cast<float>());
        for (int i = 0; i < yd.Length; i++)
        {
            Assert.Equal(yd[i], yf[i], 5e-6);
            Assert.Equal(dd[i], df[i], 5e-6);
        }
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void NonFiniteHyperparameters_AreRefused(double value)
    {
        Assert.Contains("slope", Assert.Throws<ArgumentOutOfRangeException>(() => new LeakyReLU<double>(value)).Message);
        Assert.Contains("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => new ELU<double>(value)).Message);
        Assert.Contains("beta", Assert.Throws<ArgumentOutOfRangeException>(() => new Softplus<double>(value)).Message);
    }

    [Fact]
    public void Softplus_RefusesNonPositiveBeta_AndNaNThreshold()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Softplus<double>(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Softplus<double>(-1));
        Assert.Contains("threshold", Assert.Throws<ArgumentOutOfRangeException>(() => new Softplus<double>(1, double.NaN)).Message);
    }

    [Fact]
    public void LeakyReLU_AllowsAnyFiniteSlope()
    {
        var y = new LeakyReLU<double>(-0.5).Forward(Tensor<double>.FromDoubles([-2, 3], 2));
        Assert.Equal([1.0, 3.0], y.ToArray());
    }

    [Fact]
    public void Softmax_RefusesAScalar_AndRowsSumToOne()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => new Softmax<double>().Forward(new Tensor<double>(Array.Empty<int>())));
        Assert.Contains("Softmax", e.Message);
        var y = new Softmax<double>().Forward(Tensor<double>.Normal(new Rng(1), 0, 3, 2, 3, 4));
        for (int row = 0; row < 6; row++) Assert.Equal(1.0, Enumerable.Range(0, 4).Sum(k => y[row * 4 + k]), 14);
    }

    [Fact]
    public void Gelu_TanhApproximation_StaysWithin5e4OfTheExactForm()
    {
        var x = Tensor<double>.FromDoubles(Enumerable.Range(0, 801).Select(i => -8 + i * 0.02).ToArray(), 801);
        var exact = new GELU<double>().Forward(x);
        var approx = new GELU<double>(GeluApproximation.Tanh).Forward(x);
        double worst = Enumerable.Range(0, 801).Max(i => Math.Abs(exact[i] - approx[i]));
        Assert.InRange(worst, 1e-4, 5e-4);
        Assert.Equal(ScalarMath.NormalCdf(1), exact[450], 15);   // x = 1: GELU(1) = Φ(1)
    }

    [Fact]
    public void ToString_ShowsTheHyperparameters()
    {
        Assert.Equal("LeakyReLU(slope: 0.2)", new LeakyReLU<float>(0.2).ToString());
        Assert.Equal("ELU(alpha: 1)", new ELU<float>().ToString());
        Assert.Equal("GELU(approximate: tanh)", new GELU<float>(GeluApproximation.Tanh).ToString());
        Assert.Equal("Softplus(beta: 1, threshold: 20)", new Softplus<float>().ToString());
        Assert.Equal("Dropout(p: 0.5)", new Dropout<float>(0.5, new Rng(1)).ToString());
        Assert.Equal("BatchNorm1d(features: 8, eps: 1E-05, momentum: 0.1)", new BatchNorm1d<float>(8).ToString());
        Assert.Equal("Sigmoid", new Sigmoid<float>().ToString());
    }
}
