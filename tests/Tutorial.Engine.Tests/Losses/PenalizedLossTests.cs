using Tutorial.Engine.Gradients;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Losses;
using Tutorial.Engine.Optimizers;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Tests.Losses;

public class PenalizedLossTests
{
    private static Parameter<double> Param(string name, params double[] values) =>
        new(name, Tensor<double>.FromDoubles(values, values.Length));

    [Fact]
    public void Forward_AddsL1AndHalfL2PenaltyToTheDataLoss()
    {
        var w = Param("w", 1, -2, 0.5);
        var loss = new PenalizedLoss<double>(new MeanSquaredError<double>(), [w], l1: 0.1, l2: 0.2);
        var p = Tensor<double>.FromDoubles([1, 3], 2, 1);
        var y = Tensor<double>.FromDoubles([0, 1], 2, 1);
        double value = loss.Forward(p, y);
        // MSE = (1 + 4) / 2 = 2.5; λ₁Σ|w| = 0.1·3.5 = 0.35; (λ₂/2)Σw² = 0.1·5.25 = 0.525
        Assert.Equal(2.5, loss.LastDataLoss, 12);
        Assert.Equal(0.875, loss.Penalty(), 12);
        Assert.Equal(3.375, value, 12);
    }

    [Fact]
    public void Backward_ReturnsTheDataLossGradient_AndAddsL1SignPlusL2ThetaIntoGrad()
    {
        var w = Param("w", 1, -2, 0);
        w.Grad.Fill(10);
        var loss = new PenalizedLoss<double>(new MeanSquaredError<double>(), [w], l1: 0.1, l2: 0.2);
        var reference = new MeanSquaredError<double>();
        var p = Tensor<double>.FromDoubles([1, 3], 2, 1);
        var y = Tensor<double>.FromDoubles([0, 1], 2, 1);
        loss.Forward(p, y);
        reference.Forward(p, y);
        Assert.True(reference.Backward().ValueEquals(loss.Backward()));
        // 10 + 0.1·sign(θ) + 0.2·θ; sign(0) = 0
        Assert.Equal([10.3, 9.5, 10.0], w.Grad.ToArray().Select(v => Math.Round(v, 12)));
    }

    [Fact]
    public void PenaltyGradient_MatchesNumericalGradient()
    {
        var rng = new Rng(3);
        var a = new Parameter<double>("a", Tensor<double>.Normal(rng, 0, 1, 3, 4));
        var b = new Parameter<double>("b", Tensor<double>.Normal(rng, 0, 1, 5));
        var loss = new PenalizedLoss<double>(new MeanSquaredError<double>(), [a, b], l1: 0.03, l2: 0.4);
        var p = Tensor<double>.Normal(rng, 0, 1, 2, 2);
        var y = Tensor<double>.Normal(rng, 0, 1, 2, 2);
        foreach (var param in new[] { a, b })
        {
            var start = param.Value.Clone();
            var result = GradientChecker.CheckFunction(param.Name,
                theta => { theta.CopyTo(param.Value); return loss.Forward(p, y); },
                theta =>
                {
                    theta.CopyTo(param.Value);
                    a.ZeroGrad();
                    b.ZeroGrad();
                    loss.Forward(p, y);
                    loss.Backward();
                    return param.Grad.Clone();
                }, start);
            start.CopyTo(param.Value);
            Assert.True(result.Passed, result.ToString());
            Assert.True(result.MaxRelativeError < 1e-7, result.ToString());
        }
    }

    [Fact]
    public void WithL2_AndPlainSgd_TakesTheSameStepsAsSgdWeightDecay()
    {
        var rng = new Rng(5);
        var x = Tensor<double>.Normal(rng, 0, 1, 16, 3);
        var y = Tensor<double>.Normal(rng, 0, 1, 16, 2);
        var penalised = new Linear<double>(3, 2, new Rng(1));
        var decayed = new Linear<double>(3, 2, new Rng(1));
        var loss = new PenalizedLoss<double>(new MeanSquaredError<double>(), penalised.Parameters, l2: 0.3);
        var mse = new MeanSquaredError<double>();
        var sgd = new Sgd<double>(penalised.Parameters, 0.1);
        var sgdDecay = new Sgd<double>(decayed.Parameters, 0.1, weightDecay: 0.3);
        for (int step = 0; step < 5; step++)
        {
            penalised.ZeroGrad();
            loss.Forward(penalised.Forward(x), y);
            penalised.Backward(loss.Backward());
            sgd.Step();
            decayed.ZeroGrad();
            mse.Forward(decayed.Forward(x), y);
            decayed.Backward(mse.Backward());
            sgdDecay.Step();
        }
        for (int k = 0; k < 2; k++)
            for (int i = 0; i < penalised.Parameters[k].Value.Length; i++)
                Assert.Equal(decayed.Parameters[k].Value[i], penalised.Parameters[k].Value[i], 12);
    }

    [Fact]
    public void LinearWeights_TakesOnlyTheWeightsOfLinearLayers()
    {
        var rng = new Rng(1);
        var first = new Linear<double>(4, 3, rng);
        var second = new Linear<double>(3, 2, rng);
        var model = new Sequential<double>(first, new BatchNorm1d<double>(3), new ReLU<double>(), second);
        var weights = PenalizedLoss<double>.LinearWeights(model);
        Assert.Equal(2, weights.Count);
        Assert.Same(first.Weight, weights[0]);
        Assert.Same(second.Weight, weights[1]);
    }

    [Fact]
    public void Constructor_RejectsNegativeOrInfinitePenalties_AndBackwardBeforeForward()
    {
        var w = Param("w", 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PenalizedLoss<double>(new MeanSquaredError<double>(), [w], l1: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PenalizedLoss<double>(new MeanSquaredError<double>(), [w], l2: double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PenalizedLoss<double>(new MeanSquaredError<double>(), [w], l2: double.NaN));
        Assert.Throws<InvalidOperationException>(() => new PenalizedLoss<double>(new MeanSquaredError<double>(), [w], l1: 1).Backward());
    }
}
