using Tutorial.Engine.Gradients;
using Tutorial.Engine.Losses;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Tests.Losses;

public class SequenceSoftmaxCrossEntropyTests
{
    [Fact]
    public void Forward_IsTheMeanCrossEntropyOverEveryStep()
    {
        var rng = new Rng(21);
        var logits = Tensor<double>.Normal(rng, 0, 2, 2, 3, 4);
        var targets = Tensor<double>.FromDoubles([0, 3, 1, 2, 2, 0], 2, 3);

        double loss = new SequenceSoftmaxCrossEntropy<double>().Forward(logits, targets);

        double expected = 0;
        for (int n = 0; n < 2; n++)
            for (int t = 0; t < 3; t++)
            {
                double sum = 0;
                for (int k = 0; k < 4; k++) sum += Math.Exp(logits[n, t, k]);
                expected -= logits[n, t, (int)targets[n, t]] - Math.Log(sum);
            }
        Assert.Equal(expected / 6, loss, 12);
    }

    [Fact]
    public void UniformLogits_GiveLnK()
    {
        var loss = new SequenceSoftmaxCrossEntropy<double>().Forward(new Tensor<double>(3, 5, 82), new Tensor<double>(3, 5));
        Assert.Equal(Math.Log(82), loss, 12);
    }

    [Fact]
    public void SequenceSoftmaxCrossEntropy_Backward_MatchesNumericalGradient()
    {
        var rng = new Rng(22);
        var logits = Tensor<double>.Normal(rng, 0, 1, 2, 4, 5);
        var targets = Tensor<double>.FromDoubles([4, 0, 1, 1, 3, 2, 0, 4], 2, 4);

        // Every entry of dZ carries the factor 1/(N·T) = 1/8, so entries are as small as 2e-3, and the central
        // difference's rounding error (about 1e-16·L/ε) reaches 1.5e-7 of them: tolerance 1e-6.
        var result = GradientChecker.CheckLoss(new SequenceSoftmaxCrossEntropy<double>(), logits, targets, tolerance: 1e-6);

        Assert.True(result.Passed, result.ToString());
        Assert.True(result.MaxRelativeError < 1e-6, result.ToString());
        var loss = new SequenceSoftmaxCrossEntropy<double>();
        loss.Forward(logits, targets);
        Assert.Equal(new Shape(2, 4, 5), loss.Backward().Shape);
    }

    [Fact]
    public void Forward_RejectsMismatchedShapes_NamingBoth()
    {
        var loss = new SequenceSoftmaxCrossEntropy<double>();
        var e = Assert.Throws<ShapeMismatchException>(() => loss.Forward(new Tensor<double>(2, 3, 4), new Tensor<double>(2, 4)));
        Assert.Contains("(2, 3, 4)", e.Message);
        Assert.Contains("(2, 4)", e.Message);
        var flat = Assert.Throws<ShapeMismatchException>(() => loss.Forward(new Tensor<double>(6, 4), new Tensor<double>(6)));
        Assert.Contains("(N, T, K)", flat.Message);
    }
}
