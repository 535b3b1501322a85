using Tutorial.Engine.Gradients;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Losses;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Tests.Gradients;

public class GradientCheckerTests
{
    [Fact]
    public void Linear_Backward_MatchesNumericalGradient()
    {
        var rng = new Rng(3);
        var layer = new Linear<double>(5, 3, rng);
        Tensor<double>.Normal(rng, 0, 0.5, 3).Span.CopyTo(layer.Bias!.Value.Span);
        var x = Tensor<double>.Normal(rng, 0, 1, 4, 5);
        var result = GradientChecker.Check(layer, x);
        Assert.True(result.Passed, result.ToString());
        Assert.Equal(["x", "weight", "bias"], result.Entries.Select(e => e.Name));
        Assert.True(result.MaxRelativeError < 1e-7, result.ToString());
    }

    [Fact]
    public void Sequential_Backward_MatchesNumericalGradient_WithQualifiedNames()
    {
        var rng = new Rng(4);
        var model = new Sequential<double>(new Linear<double>(3, 7, rng), new ReLU<double>(), new Linear<double>(7, 2, rng));
        var x = Tensor<double>.Normal(rng, 0, 1, 5, 3);
        var result = GradientChecker.Check(model, x);
        Assert.True(result.Passed, result.ToString());
        Assert.Equal(["x", "0.weight", "0.bias", "2.weight", "2.bias"], result.Entries.Select(e => e.Name));
    }

    /// <summary>A layer whose backward is deliberately wrong (forgets a factor 2) must fail the check.</summary>
    private sealed class WrongSquare : Layer<double>
    {
        private Tensor<double>? _x;
        public override Tensor<double> Forward(Tensor<double> x)
        {
            _x = x;
            var y = x.Clone();
            for (int i = 0; i < y.Length; i++) y[i] = x[i] * x[i];
            return y;
        }
        public override Tensor<double> Backward(Tensor<double> dY)
        {
            var dX = dY.Clone();
            for (int i = 0; i < dX.Length; i++) dX[i] = dY[i] * _x![i]; // should be 2·x·dY
            return dX;
        }
    }

    [Fact]
    public void WrongBackward_FailsWithRelativeErrorAboutOneThird()
    {
        var x = Tensor<double>.FromDoubles([1.5, -2, 0.25], 3);
        var result = GradientChecker.Check(new WrongSquare(), x);
        Assert.False(result.Passed);
        // analytic = x·g, numeric = 2x·g: |a − n| / max(|a|, |n|) = 1/2 for every element.
        Assert.Equal(0.5, result["x"].MaxRelativeError, 6);
        Assert.Contains("FAIL", result.ToString());
    }

    [Fact]
    public void SoftmaxCrossEntropy_Backward_MatchesNumericalGradient()
    {
        var rng = new Rng(5);
        var logits = Tensor<double>.Normal(rng, 0, 2, 4, 3);
        var targets = Tensor<double>.FromDoubles([0, 2, 1, 2], 4);
        var result = GradientChecker.CheckLoss(new SoftmaxCrossEntropy<double>(), logits, targets);
        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void CheckFunction_AcceptsTheRightDerivative_AndRejectsAWrongOne()
    {
        var x = Tensor<double>.FromDoubles([0.3, -1.2, 2.0], 3);
        static double F(Tensor<double> t) { double s = 0; for (int i = 0; i < t.Length; i++) s += Math.Sin(t[i]); return s; }
        var right = GradientChecker.CheckFunction("Σ sin", F, t => { var g = t.Clone(); for (int i = 0; i < g.Length; i++) g[i] = Math.Cos(t[i]); return g; }, x);
        var wrong = GradientChecker.CheckFunction("Σ sin", F, t => { var g = t.Clone(); for (int i = 0; i < g.Length; i++) g[i] = -Math.Cos(t[i]); return g; }, x);
        Assert.True(right.Passed, right.ToString());
        Assert.False(wrong.Passed);
        Assert.Equal(2.0, wrong.MaxRelativeError, 6);
    }

    [Fact]
    public void RelativeError_FollowsTheCs231nFormula_WithAFloor()
    {
        Assert.Equal(0.5, GradientChecker.RelativeError(1, 2), 12);
        Assert.Equal(0.0, GradientChecker.RelativeError(0, 0));
        Assert.Equal(1e-12 / 1e-8, GradientChecker.RelativeError(1e-12, 0), 12);
    }
}
