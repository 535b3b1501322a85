using Tutorial.Engine.Layers;
using Tutorial.Engine.Optimizers;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Tests.Optimizers;

/// <summary>Single steps worked by hand, the state the optimizers keep, and the hyperparameters they refuse.</summary>
public class OptimizerBehaviourTests
{
    private static Parameter<double> Param(double[] value, double[] grad)
    {
        var p = new Parameter<double>("w", Tensor<double>.FromDoubles(value, value.Length));
        grad.CopyTo(p.Grad.Span);
        return p;
    }

    [Fact]
    public void Sgd_PlainStep_IsThetaMinusEtaTimesGradient()
    {
        var p = Param([1, -2, 3], [0.5, 1, -4]);
        new Sgd<double>([p], 0.1).Step();
        Assert.Equal([0.95, -2.1, 3.4], p.Value.ToArray(), new ToleranceComparer(1e-15));
    }

    [Fact]
    public void Sgd_FirstMomentumStep_StoresTheGradientUndamped_ThenDamps()
    {
        var p = Param([1, 1], [2, -4]);
        var sgd = new Sgd<double>([p], 0.1, momentum: 0.9, dampening: 0.5);
        sgd.Step();
        Assert.Equal([2, -4], sgd.MomentumBuffer(0)!);                 // b = g on the first step, no (1 − τ)
        Assert.Equal([0.8, 1.4], p.Value.ToArray(), new ToleranceComparer(1e-15));
        sgd.Step();                                                    // same gradient: b = 0.9·b + 0.5·g
        Assert.Equal([0.9 * 2 + 0.5 * 2, 0.9 * -4 + 0.5 * -4], sgd.MomentumBuffer(0)!, new ToleranceComparer(1e-15));
    }

    [Fact]
    public void Sgd_Nesterov_StepsWithGradientPlusMomentumTimesBuffer()
    {
        var p = Param([0], [1]);
        var sgd = new Sgd<double>([p], 1, momentum: 0.5, nesterov: true);
        sgd.Step();   // b = 1, step g + μb = 1.5
        Assert.Equal(-1.5, p.Value[0], 15);
        sgd.Step();   // b = 0.5 + 1 = 1.5, step 1 + 0.75 = 1.75
        Assert.Equal(-3.25, p.Value[0], 15);
    }

    [Fact]
    public void Adam_FirstStep_MovesEachCoordinateByAboutTheLearningRate()
    {
        // With bias correction, m̂ = g and v̂ = g² on step 1, so the step is η·g/(|g| + ε) ≈ η·sign(g) whatever |g| is.
        var p = Param([0, 0, 0], [1e-3, -5, 300]);
        new Adam<double>([p], learningRate: 0.01).Step();
        Assert.Equal(-0.01 * 1e-3 / (1e-3 + 1e-8), p.Value[0], 15);
        Assert.Equal(0.01, p.Value[1], 9);
        Assert.Equal(-0.01, p.Value[2], 9);
    }

    [Fact]
    public void AdamW_DecaysWeightsIndependentlyOfTheGradient_AdamThroughIt()
    {
        // A zero gradient: AdamW still shrinks θ by (1 − ηλ); Adam's L2 term λθ goes through the adaptive step instead.
        var pw = Param([2, -4], [0, 0]);
        new AdamW<double>([pw], learningRate: 0.1, weightDecay: 0.5).Step();
        Assert.Equal([2 * 0.95, -4 * 0.95], pw.Value.ToArray(), new ToleranceComparer(1e-15));

        var pa = Param([2, -4], [0, 0]);
        new Adam<double>([pa], learningRate: 0.1, weightDecay: 0.5).Step();
        Assert.Equal([2 - 0.1, -4 + 0.1], pa.Value.ToArray(), new ToleranceComparer(1e-7));   // ≈ η·sign(λθ), not proportional to θ
    }

    [Fact]
    public void Adagrad_AccumulatesSquaredGradientsFromTheInitialValue()
    {
        var p = Param([0], [3]);
        var adagrad = new Adagrad<double>([p], learningRate: 1, initialAccumulator: 16, epsilon: 1e-10);
        adagrad.Step();
        Assert.Equal([25.0], adagrad.SumOfSquares(0)!);   // 16 + 3²
        Assert.Equal(-3 / (5 + 1e-10), p.Value[0], 15);
    }

    [Fact]
    public void RmsProp_Centered_DividesByTheStandardDeviationEstimate()
    {
        var p = Param([0], [2]);
        var rms = new RmsProp<double>([p], learningRate: 1, alpha: 0.5, epsilon: 1e-8, centered: true);
        rms.Step();
        // v = 0.5·4 = 2, ḡ = 0.5·2 = 1, √(v − ḡ²) = 1: step 2/(1 + 1e-8)
        Assert.Equal([2.0], rms.SquareAverage(0)!);
        Assert.Equal(-2 / (1 + 1e-8), p.Value[0], 15);
    }

    [Fact]
    public void Step_LeavesGradientsAlone_AndCountsSteps()
    {
        var p = Param([1, 2], [0.3, -0.7]);
        foreach (Optimizer<double> opt in new Optimizer<double>[] { new Sgd<double>([p], 0.1, momentum: 0.9, weightDecay: 0.1), new Adagrad<double>([p]),
                     new RmsProp<double>([p], momentum: 0.5, centered: true), new Adam<double>([p], weightDecay: 0.1), new AdamW<double>([p]) })
        {
            opt.Step();
            opt.Step();
            Assert.Equal([0.3, -0.7], p.Grad.ToArray());
            Assert.Equal(2, opt.StepCount);
        }
    }

    [Fact]
    public void LearningRateZero_IsAllowed_AndLeavesParametersUnchanged_WithoutWeightDecay()
    {
        var p = Param([1, 2], [0.3, -0.7]);
        foreach (Optimizer<double> opt in new Optimizer<double>[] { new Sgd<double>([p], 0, momentum: 0.9), new Adagrad<double>([p], 0),
                     new RmsProp<double>([p], 0), new Adam<double>([p], 0), new AdamW<double>([p], 0) })
            opt.Step();
        Assert.Equal([1.0, 2.0], p.Value.ToArray());
    }

    [Fact]
    public void Optimizers_WorkInFloat()
    {
        var p = new Parameter<float>("w", Tensor<float>.FromDoubles([1, -1], 2));
        p.Grad[0] = 0.5f;
        p.Grad[1] = -0.5f;
        new Adam<float>([p], learningRate: 0.1f).Step();
        Assert.Equal(0.9f, p.Value[0], 1e-6f);
        Assert.Equal(-0.9f, p.Value[1], 1e-6f);
    }

    [Fact]
    public void ToString_ListsTheHyperparameters()
    {
        var p = Param([1], [1]);
        Assert.Equal("Sgd(lr: 0.1, momentum: 0.9, nesterov, weight decay: 0.0001)", new Sgd<double>([p], 0.1, momentum: 0.9, nesterov: true, weightDecay: 1e-4).ToString());
        Assert.Equal("AdamW(lr: 0.001, betas: (0.9, 0.999), eps: 1E-08, weight decay: 0.01)", new AdamW<double>([p]).ToString());
    }

    // ---- refused hyperparameters ------------------------------------------------------------------------------

    private static readonly Parameter<double>[] Ps = [Param([1], [1])];

    /// <summary>Each refused construction and (the key) the message it must give.</summary>
    private static readonly Dictionary<string, Func<object>> Refused = new (Func<object> Construct, string Message)[]
    {
        (() => new Sgd<double>(Ps, -0.1), "Sgd: the learning rate must be zero or positive and finite, got -0.1"),
        (() => new Sgd<double>(Ps, double.NaN), "Sgd: the learning rate must be zero or positive and finite, got NaN"),
        (() => new Sgd<double>(Ps, double.PositiveInfinity), "Sgd: the learning rate must be zero or positive and finite, got Infinity"),
        (() => new Sgd<double>(Ps, 0.1, momentum: -0.5), "Sgd: momentum must be zero or positive and finite, got -0.5"),
        (() => new Sgd<double>(Ps, 0.1, momentum: 0.9, dampening: 1.5), "Sgd: dampening must be in [0, 1] and not NaN, got 1.5"),
        (() => new Sgd<double>(Ps, 0.1, weightDecay: -1), "Sgd: weightDecay must be zero or positive and finite, got -1"),
        (() => new Sgd<double>(Ps, 0.1, nesterov: true), "Sgd: Nesterov momentum needs momentum > 0 and dampening = 0, got momentum 0 and dampening 0"),
        (() => new Sgd<double>(Ps, 0.1, momentum: 0.9, dampening: 0.1, nesterov: true), "Sgd: Nesterov momentum needs momentum > 0 and dampening = 0, got momentum 0.9 and dampening 0.1"),
        (() => new Adagrad<double>(Ps, -1), "Adagrad: the learning rate must be zero or positive and finite, got -1"),
        (() => new Adagrad<double>(Ps, learningRateDecay: -0.1), "Adagrad: learningRateDecay must be zero or positive and finite, got -0.1"),
        (() => new Adagrad<double>(Ps, initialAccumulator: -1), "Adagrad: initialAccumulator must be zero or positive and finite, got -1"),
        (() => new Adagrad<double>(Ps, epsilon: 0), "Adagrad: epsilon must be positive and finite, got 0"),
        (() => new RmsProp<double>(Ps, alpha: 1), "RmsProp: alpha must be in [0, 1) and not NaN, got 1"),
        (() => new RmsProp<double>(Ps, momentum: -0.1), "RmsProp: momentum must be zero or positive and finite, got -0.1"),
        (() => new RmsProp<double>(Ps, epsilon: -1e-8), "RmsProp: epsilon must be positive and finite, got -1E-08"),
        (() => new Adam<double>(Ps, beta1: 1), "Adam: beta1 must be in [0, 1) and not NaN, got 1"),
        (() => new Adam<double>(Ps, beta1: -0.1), "Adam: beta1 must be in [0, 1) and not NaN, got -0.1"),
        (() => new Adam<double>(Ps, beta2: double.NaN), "Adam: beta2 must be in [0, 1) and not NaN, got NaN"),
        (() => new Adam<double>(Ps, epsilon: 0), "Adam: epsilon must be positive and finite, got 0"),
        (() => new Adam<double>(Ps, weightDecay: -0.01), "Adam: weightDecay must be zero or positive and finite, got -0.01"),
        (() => new AdamW<double>(Ps, learningRate: double.NaN), "AdamW: the learning rate must be zero or positive and finite, got NaN"),
        (() => new AdamW<double>(Ps, beta2: 1.5), "AdamW: beta2 must be in [0, 1) and not NaN, got 1.5"),
        (() => new AdamW<double>(Ps, weightDecay: double.NaN), "AdamW: weightDecay must be zero or positive and finite, got NaN"),
    }.ToDictionary(x => x.Message, x => x.Construct);

    public static IEnumerable<object[]> BadHyperparameters() => Refused.Keys.Select(m => new object[] { m });

    [Theory, MemberData(nameof(BadHyperparameters))]
    public void BadHyperparameter_IsRefusedAtConstruction_NamingOptimizerAndValue(string message)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(Refused[message]);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void LearningRate_SetLater_IsCheckedToo()
    {
        var adam = new Adam<double>(Ps);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => adam.LearningRate = -1e-3);
        Assert.Contains("Adam: the learning rate must be zero or positive and finite, got -0.001", e.Message);
        Assert.Equal(0.001, adam.LearningRate);
    }

    /// <summary>Compares doubles within an absolute tolerance (for Assert.Equal on sequences).</summary>
    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double obj) => 0;
    }
}
