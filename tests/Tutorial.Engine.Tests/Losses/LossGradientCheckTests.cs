using Tutorial.Engine.Gradients;
using Tutorial.Engine.Losses;
using Tutorial.Engine.Tensors;
using Xunit.Abstractions;

namespace Tutorial.Engine.Tests.Losses;

/// <summary>
/// Every loss's Backward against central differences in double (max relative error ≤ 1e-7), on non-square shapes,
/// with inputs placed away from kinks (|p − y| = 0 or δ, y·s = 1, zero margins) and from zero gradients,
/// where a relative error means nothing.
/// </summary>
public class LossGradientCheckTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-7;

    /// <summary>Uniform values in ±[low, high]: magnitudes bounded away from 0, random signs.</summary>
    private static Tensor<double> SignedMagnitudes(Rng rng, double low, double high, params int[] shape)
    {
        var t = new Tensor<double>(shape);
        for (int i = 0; i < t.Length; i++) t[i] = (rng.Bernoulli(0.5) ? 1 : -1) * rng.Uniform(low, high);
        return t;
    }

    private static Tensor<double> Add(Tensor<double> a, Tensor<double> b)
    {
        var r = a.Clone();
        for (int i = 0; i < r.Length; i++) r[i] += b[i];
        return r;
    }

    private void AssertPasses(GradientCheckResult result)
    {
        output.WriteLine(result.ToString());
        Assert.True(result.Passed, result.ToString());
        Assert.True(result.MaxRelativeError <= Tolerance, result.ToString());
    }

    [Theory]
    [InlineData(new[] { 3, 5 })]
    [InlineData(new[] { 2, 3, 4 })]
    public void MeanSquaredError_Backward_MatchesNumericalGradient(int[] shape)
    {
        var rng = new Rng(11);
        var y = Tensor<double>.Normal(rng, 0, 1, shape);
        var p = Add(y, SignedMagnitudes(rng, 0.1, 2, shape));
        AssertPasses(GradientChecker.CheckLoss(new MeanSquaredError<double>(), p, y));
    }

    [Theory]
    [InlineData(new[] { 3, 5 })]
    [InlineData(new[] { 4, 1, 3 })]
    public void MeanAbsoluteError_Backward_MatchesNumericalGradient(int[] shape)
    {
        var rng = new Rng(12);
        var y = Tensor<double>.Normal(rng, 0, 1, shape);
        var p = Add(y, SignedMagnitudes(rng, 0.05, 2, shape));
        AssertPasses(GradientChecker.CheckLoss(new MeanAbsoluteError<double>(), p, y));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.3)]
    public void HuberLoss_Backward_MatchesNumericalGradient_OnBothPieces(double delta)
    {
        var rng = new Rng(13);
        var y = Tensor<double>.Normal(rng, 0, 1, 4, 6);
        // Half the differences inside (|d| < δ), half outside, none within 0.05·δ of the seam.
        var d = new Tensor<double>(4, 6);
        for (int i = 0; i < d.Length; i++)
            d[i] = (rng.Bernoulli(0.5) ? 1 : -1) * (i % 2 == 0 ? rng.Uniform(0.1, 0.95) * delta : rng.Uniform(1.05, 3) * delta);
        var p = Add(y, d);
        AssertPasses(GradientChecker.CheckLoss(new HuberLoss<double>(delta), p, y));
    }

    [Fact]
    public void BinaryCrossEntropy_Backward_MatchesNumericalGradient_HardAndSoftTargets()
    {
        var rng = new Rng(14);
        var p = Tensor<double>.Uniform(rng, 0.1, 0.9, 3, 5);
        var hard = new Tensor<double>(3, 5);
        var soft = new Tensor<double>(3, 5);
        for (int i = 0; i < p.Length; i++)
        {
            hard[i] = rng.Bernoulli(0.5) ? 1 : 0;
            // a soft target at least 0.05 from p keeps the gradient (p − y)/(p(1 − p)) away from 0
            soft[i] = Math.Clamp(p[i] + (rng.Bernoulli(0.5) ? 1 : -1) * rng.Uniform(0.05, 0.3), 0, 1);
        }
        AssertPasses(GradientChecker.CheckLoss(new BinaryCrossEntropy<double>(), p, hard));
        AssertPasses(GradientChecker.CheckLoss(new BinaryCrossEntropy<double>(), p, soft));
    }

    [Fact]
    public void BinaryCrossEntropyWithLogits_Backward_MatchesNumericalGradient()
    {
        var rng = new Rng(15);
        var z = Tensor<double>.Normal(rng, 0, 3, 4, 3);
        var y = new Tensor<double>(4, 3);
        for (int i = 0; i < y.Length; i++)
        {
            double s = 1 / (1 + Math.Exp(-z[i]));
            y[i] = i % 3 == 0 ? (s > 0.5 ? 0 : 1) : Math.Clamp(s + (s > 0.5 ? -1 : 1) * rng.Uniform(0.05, 0.4), 0, 1);
        }
        AssertPasses(GradientChecker.CheckLoss(new BinaryCrossEntropyWithLogits<double>(), z, y));
    }

    [Fact]
    public void SoftmaxCrossEntropy_Backward_MatchesNumericalGradient_NonSquare()
    {
        var rng = new Rng(16);
        var logits = Tensor<double>.Normal(rng, 0, 1, 6, 4);   // moderate logits: no probability (and gradient) near 0
        var targets = Tensor<double>.FromDoubles([3, 0, 1, 1, 2, 0], 6);
        AssertPasses(GradientChecker.CheckLoss(new SoftmaxCrossEntropy<double>(), logits, targets));
    }

    [Fact]
    public void HingeLoss_Backward_MatchesNumericalGradient()
    {
        var rng = new Rng(17);
        var y = new Tensor<double>(5, 3);
        var s = new Tensor<double>(5, 3);
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = rng.Bernoulli(0.5) ? 1 : -1;
            // y·s either clearly below 1 (active) or clearly above (inactive)
            double margin = i % 2 == 0 ? rng.Uniform(-1.5, 0.9) : rng.Uniform(1.1, 2.5);
            s[i] = margin * y[i];
        }
        AssertPasses(GradientChecker.CheckLoss(new HingeLoss<double>(), s, y));
    }

    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(2, 0.5)]
    public void MultiMarginLoss_Backward_MatchesNumericalGradient(int p, double margin)
    {
        var rng = new Rng(18);
        int n = 6, k = 4;
        var scores = new Tensor<double>(n, k);
        var targets = new Tensor<double>(n);
        for (int i = 0; i < n; i++)
        {
            int y = rng.NextInt(k);
            targets[i] = y;
            scores[i, y] = rng.Normal();
            // every other class's margin margin − s_y + s_j is either clearly positive or clearly negative
            for (int j = 0; j < k; j++)
                if (j != y) scores[i, j] = scores[i, y] - margin + (rng.Bernoulli(0.5) ? 1 : -1) * rng.Uniform(0.1, 1.5);
        }
        AssertPasses(GradientChecker.CheckLoss(new MultiMarginLoss<double>(p, margin), scores, targets));
    }
}
