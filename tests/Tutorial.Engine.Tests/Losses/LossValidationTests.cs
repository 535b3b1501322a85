using Tutorial.Engine.Losses;
using Tutorial.Engine.Tensors;
using Tutorial.Engine.Tests.Fixtures;

namespace Tutorial.Engine.Tests.Losses;

/// <summary>Hand-computed values, numerical stability, float against double, and the messages bad inputs get.</summary>
public class LossValidationTests
{
    private static Tensor<double> T(double[] values, params int[] shape) => Tensor<double>.FromDoubles(values, shape);

    [Fact]
    public void MeanSquaredError_OfASmallExample_IsTheHandComputedMean()
    {
        var loss = new MeanSquaredError<double>();
        // d = (1, −2, 0.5, 3): Σd² = 1 + 4 + 0.25 + 9 = 14.25, /4 = 3.5625; dP = 2d/4 = d/2
        double value = loss.Forward(T([1, -2, 0.5, 3], 2, 2), T([0, 0, 0, 0], 2, 2));
        Assert.Equal(3.5625, value, 15);
        Assert.Equal([0.5, -1, 0.25, 1.5], loss.Backward().ToArray());
    }

    [Fact]
    public void MeanAbsoluteError_GradientIsSignOverM_WithZeroAtZero()
    {
        var loss = new MeanAbsoluteError<double>();
        Assert.Equal((1 + 2 + 0 + 3) / 4.0, loss.Forward(T([1, -2, 5, 3], 4), T([0, 0, 5, 0], 4)), 15);
        Assert.Equal([0.25, -0.25, 0, 0.25], loss.Backward().ToArray());
    }

    [Fact]
    public void HuberLoss_IsQuadraticInsideDeltaAndLinearOutside()
    {
        var loss = new HuberLoss<double>(delta: 2);
        // d = 1: ½·1 = 0.5;  d = −5: 2·(5 − 1) = 8;  mean 4.25.  Slopes: 1 and −2, over M = 2.
        Assert.Equal(4.25, loss.Forward(T([1, -5], 2), T([0, 0], 2)), 15);
        Assert.Equal([0.5, -1], loss.Backward().ToArray());
    }

    [Fact]
    public void HingeLoss_CountsOnlySamplesInsideTheMargin()
    {
        var loss = new HingeLoss<double>();
        // y·s = 2 (outside: 0), 0.5 (0.5), −1 (2): mean 2.5/3
        Assert.Equal(2.5 / 3, loss.Forward(T([2, 0.5, 1], 3), T([1, 1, -1], 3)), 15);
        Assert.Equal([0, -1 / 3.0, 1 / 3.0], loss.Backward().ToArray());
    }

    [Fact]
    public void MultiMarginLoss_DividesEachSampleByTheNumberOfClasses()
    {
        var loss = new MultiMarginLoss<double>();
        // s = (0.1, 0.5, −0.3), y = 1: margins 1 − 0.5 + 0.1 = 0.6 and 1 − 0.5 − 0.3 = 0.2 → 0.8 / 3
        Assert.Equal(0.8 / 3, loss.Forward(T([0.1, 0.5, -0.3], 1, 3), T([1], 1)), 15);
        var g = loss.Backward().ToArray();
        Assert.Equal([1 / 3.0, -2 / 3.0, 1 / 3.0], g);
    }

    [Fact]
    public void BinaryCrossEntropy_ClampsEachLogAtMinus100()
    {
        var loss = new BinaryCrossEntropy<double>();
        // p = 0 with y = 1: −log 0 = ∞ clamped to 100; p = 1 with y = 1: 0.
        Assert.Equal(50, loss.Forward(T([0, 1], 2), T([1, 1], 2)), 12);
        var g = loss.Backward();
        Assert.True(double.IsFinite(g[0]) && g[0] < -1e11, $"gradient at p = 0 should be large and finite, got {g[0]}");
    }

    [Fact]
    public void BinaryCrossEntropyWithLogits_StaysFiniteAndExactForHugeLogits()
    {
        var loss = new BinaryCrossEntropyWithLogits<double>();
        // z = 1000, y = 0: loss 1000;  z = −1000, y = 0: loss log(1 + e^−1000) ≈ 0;  z = 1000, y = 1: 0
        double value = loss.Forward(T([1000, -1000, 1000], 3), T([0, 0, 1], 3));
        Assert.Equal(1000 / 3.0, value, 12);
        Assert.Equal([1 / 3.0, 0, 0], loss.Backward().ToArray());
    }

    [Fact]
    public void BinaryCrossEntropyWithLogits_KeepsTinyLossesThatLogOfOnePlusWouldRoundAway()
    {
        var loss = new BinaryCrossEntropyWithLogits<double>();
        // z = 40, y = 1: L = log(1 + e^−40) ≈ e^−40 = 4.248e−18, which log(1 + u) in double would make exactly 0.
        double value = loss.Forward(T([40], 1), T([1], 1));
        Assert.Equal(Math.Exp(-40), value, 1e-30);
    }

    [Fact]
    public void SoftmaxCrossEntropy_StaysFiniteForHugeLogits()
    {
        var loss = new SoftmaxCrossEntropy<double>();
        double value = loss.Forward(T([1e4, -1e4, 0, 0, 1e4, 1e4], 2, 3), T([1, 2], 2));
        // sample 0: log Σ exp(z − 1e4) − (−2e4) = 2e4;  sample 1: log 2 − 0
        Assert.Equal((2e4 + Math.Log(2)) / 2, value, 9);
        Assert.All(loss.Backward().ToArray(), v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void SoftmaxCrossEntropy_AcceptsTargetsAsAColumn()
    {
        var logits = T([0.2, -1, 0.7, 1.5, 0.1, -0.3], 2, 3);
        var loss = new SoftmaxCrossEntropy<double>();
        double asVector = loss.Forward(logits, T([2, 0], 2));
        double asColumn = loss.Forward(logits, T([2, 0], 2, 1));
        Assert.Equal(asVector, asColumn);
    }

    /// <summary>The fixture cases float can represent: not the saturated ones (p exactly 0 or 1, logits of ±800), which test double's range.</summary>
    public static IEnumerable<object[]> FloatCases() =>
        Fixture.Load("losses").GetProperty("cases").EnumerateArray()
            .Select((c, i) => (Case: c, Index: i))
            .Where(x =>
            {
                var p = Fixture.Tensor(x.Case, "prediction").ToArray();
                bool saturatedProbability = x.Case.GetProperty("loss").GetString() == "bce" && p.Any(v => v is 0 or 1);
                return !saturatedProbability && p.All(v => Math.Abs(v) < 50);
            })
            .Select(x => new object[] { x.Index, x.Case.GetProperty("loss").GetString()! });

    [Theory, MemberData(nameof(FloatCases))]
    public void Loss_InFloat_AgreesWithDouble(int index, string name)
    {
        var c = Fixture.Load("losses").GetProperty("cases")[index];
        var p = Fixture.Tensor(c, "prediction");
        var y = Fixture.Tensor(c, "target");
        Loss<float> lf = name switch
        {
            "mse" => new MeanSquaredError<float>(),
            "l1" => new MeanAbsoluteError<float>(),
            "huber" => new HuberLoss<float>(c.GetProperty("params").GetProperty("delta").GetDouble()),
            "bce" => new BinaryCrossEntropy<float>(),
            "bce_logits" => new BinaryCrossEntropyWithLogits<float>(),
            "softmax_ce" => new SoftmaxCrossEntropy<float>(),
            "hinge" => new HingeLoss<float>(),
            "multi_margin" => new MultiMarginLoss<float>(c.GetProperty("params").GetProperty("p").GetInt32(), c.GetProperty("params").GetProperty("margin").GetDouble()),
            _ => throw new ArgumentException(name),
        };
        var ld = LossFixtureTests.Create(name, c.GetProperty("params"));
        double vd = ld.Forward(p, y);
        float vf = lf.Forward(p.Cast<float>(), y.Cast<float>());
        Assert.Equal(vd, vf, 1e-5 * Math.Max(1, Math.Abs(vd)));
        var gd = ld.Backward();
        var gf = lf.Backward();
        for (int i = 0; i < gd.Length; i++) Assert.Equal(gd[i], gf[i], 1e-5 * Math.Max(1, Math.Abs(gd[i])));
    }

    // ---- bad inputs -----------------------------------------------------------------------------------------

    [Fact]
    public void ElementwiseLosses_RejectMismatchedShapes_NamingBoth()
    {
        foreach (Loss<double> loss in new Loss<double>[] { new MeanSquaredError<double>(), new MeanAbsoluteError<double>(), new HuberLoss<double>(),
                     new BinaryCrossEntropy<double>(), new BinaryCrossEntropyWithLogits<double>(), new HingeLoss<double>() })
        {
            var e = Assert.Throws<ShapeMismatchException>(() => loss.Forward(new Tensor<double>(3, 5), new Tensor<double>(5, 3)));
            Assert.Contains(loss.ToString(), e.Message);
            Assert.Contains("(3, 5)", e.Message);
            Assert.Contains("(5, 3)", e.Message);
        }
    }

    [Fact]
    public void BinaryCrossEntropy_RejectsPredictionsThatAreNotProbabilities()
    {
        var e = Assert.Throws<ArgumentException>(() => new BinaryCrossEntropy<double>().Forward(T([0.5, 1.2], 2), T([1, 0], 2)));
        Assert.Contains("prediction 1.2 at index 1 is not a probability", e.Message);
        Assert.Contains("WithLogits", e.Message);
        var nan = Assert.Throws<ArgumentException>(() => new BinaryCrossEntropy<double>().Forward(T([double.NaN], 1), T([1], 1)));
        Assert.Contains("NaN", nan.Message);
    }

    [Fact]
    public void BinaryCrossEntropyLosses_RejectTargetsOutsideZeroOne()
    {
        var e1 = Assert.Throws<ArgumentException>(() => new BinaryCrossEntropy<double>().Forward(T([0.5, 0.5], 2), T([1, -0.1], 2)));
        Assert.Contains("target -0.1 at index 1 is not in [0, 1]", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => new BinaryCrossEntropyWithLogits<double>().Forward(T([3, 0], 2), T([2, 0], 2)));
        Assert.Contains("BinaryCrossEntropyWithLogits: target 2 at index 0", e2.Message);
    }

    [Fact]
    public void HingeLoss_RejectsZeroOneLabels()
    {
        var e = Assert.Throws<ArgumentException>(() => new HingeLoss<double>().Forward(T([0.3, -0.2], 2), T([1, 0], 2)));
        Assert.Contains("label 0 at index 1 is not −1 or +1", e.Message);
    }

    [Theory]
    [InlineData(3.0, "target 3 of sample 1 is not a class index in 0 … 2")]
    [InlineData(-1.0, "target -1 of sample 1 is not a class index in 0 … 2")]
    [InlineData(1.5, "target 1.5 of sample 1 is not a class index in 0 … 2")]
    [InlineData(double.NaN, "target NaN of sample 1 is not a class index in 0 … 2")]
    public void ClassificationLosses_RejectInvalidClassIndices(double bad, string message)
    {
        var scores = T([0.1, 0.2, 0.3, 0.4, 0.5, 0.6], 2, 3);
        foreach (Loss<double> loss in new Loss<double>[] { new SoftmaxCrossEntropy<double>(), new MultiMarginLoss<double>() })
        {
            var e = Assert.Throws<ArgumentException>(() => loss.Forward(scores, T([0, bad], 2)));
            Assert.Contains(message, e.Message);
            Assert.StartsWith(loss.ToString(), e.Message);
        }
    }

    [Fact]
    public void ClassificationLosses_RejectWrongShapes_NamingThem()
    {
        foreach (Loss<double> loss in new Loss<double>[] { new SoftmaxCrossEntropy<double>(), new MultiMarginLoss<double>() })
        {
            var rank1 = Assert.Throws<ShapeMismatchException>(() => loss.Forward(new Tensor<double>(6), T([0, 1], 2)));
            Assert.Contains("shape (N, K), got (6,)", rank1.Message);
            var wrongCount = Assert.Throws<ShapeMismatchException>(() => loss.Forward(new Tensor<double>(4, 3), T([0, 1, 2], 3)));
            Assert.Contains("scores of shape (4, 3) and targets of shape (3,); targets must be (4,) class indices", wrongCount.Message);
            var oneHot = Assert.Throws<ShapeMismatchException>(() => loss.Forward(new Tensor<double>(2, 3), new Tensor<double>(2, 3)));
            Assert.Contains("targets of shape (2, 3)", oneHot.Message);
        }
    }

    [Fact]
    public void LossHyperparameters_AreChecked()
    {
        Assert.Contains("delta must be positive", Assert.Throws<ArgumentOutOfRangeException>(() => new HuberLoss<double>(0)).Message);
        Assert.Contains("delta must be positive", Assert.Throws<ArgumentOutOfRangeException>(() => new HuberLoss<double>(double.NaN)).Message);
        Assert.Contains("p must be 1 or 2, got 3", Assert.Throws<ArgumentOutOfRangeException>(() => new MultiMarginLoss<double>(p: 3)).Message);
        Assert.Contains("margin must be positive", Assert.Throws<ArgumentOutOfRangeException>(() => new MultiMarginLoss<double>(margin: -1)).Message);
    }

    [Fact]
    public void Backward_BeforeForward_Throws()
    {
        foreach (Loss<double> loss in new Loss<double>[] { new MeanSquaredError<double>(), new MeanAbsoluteError<double>(), new HuberLoss<double>(),
                     new BinaryCrossEntropy<double>(), new BinaryCrossEntropyWithLogits<double>(), new SoftmaxCrossEntropy<double>(),
                     new HingeLoss<double>(), new MultiMarginLoss<double>() })
        {
            var e = Assert.Throws<InvalidOperationException>(() => loss.Backward());
            Assert.Contains("Backward was called before Forward", e.Message);
        }
    }

    [Fact]
    public void Backward_UsesTheInputsOfForward_EvenIfTheCallerChangesThemLater()
    {
        var p = T([0.2, 0.7, 0.4], 3);
        var y = T([0, 1, 1], 3);
        foreach (Loss<double> loss in new Loss<double>[] { new MeanSquaredError<double>(), new BinaryCrossEntropy<double>(), new BinaryCrossEntropyWithLogits<double>(), new HingeLoss<double>() })
        {
            var yy = loss is HingeLoss<double> ? T([-1, 1, 1], 3) : y.Clone();
            var pp = p.Clone();
            loss.Forward(pp, yy);
            var expected = loss.Backward().ToArray();
            pp.Fill(0.5);
            yy.Fill(1);
            Assert.Equal(expected, loss.Backward().ToArray());
        }
    }
}
