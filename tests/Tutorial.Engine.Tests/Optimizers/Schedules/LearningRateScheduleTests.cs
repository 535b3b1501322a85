using System.Text.Json;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Optimizers;
using Tutorial.Engine.Optimizers.Schedules;
using Tutorial.Engine.Tensors;
using Tutorial.Engine.Tests.Fixtures;

namespace Tutorial.Engine.Tests.Optimizers.Schedules;

/// <summary>The schedules' closed forms against the rates PyTorch's schedulers set after 0, 1, 2, … step() calls (optimizers.json).</summary>
public class LearningRateScheduleTests
{
    private static readonly JsonElement[] Cases = Fixture.Load("optimizers").GetProperty("schedules").EnumerateArray().ToArray();

    public static IEnumerable<object[]> CaseIndices() =>
        Cases.Select((c, i) => new object[] { i, c.GetProperty("type").GetString()! });

    private static LearningRateSchedule Create(JsonElement c)
    {
        double lr = c.GetProperty("base").GetDouble();
        double D(string k) => c.GetProperty(k).GetDouble();
        int I(string k) => c.GetProperty(k).GetInt32();
        return c.GetProperty("type").GetString() switch
        {
            "step" => new StepDecay(lr, I("step_size"), D("gamma")),
            "exponential" => new ExponentialDecay(lr, D("gamma")),
            "cosine" => new CosineAnnealing(lr, I("t_max"), D("eta_min")),
            "linear" => new LinearWarmup(lr, I("total_iters"), D("start_factor"), D("end_factor")),
            "warmup_cosine" => new LinearWarmup(I("warmup"), new CosineAnnealing(lr, I("t_max"), D("eta_min")), D("start_factor")),
            var t => throw new ArgumentException($"Unknown schedule '{t}'."),
        };
    }

    [Theory, MemberData(nameof(CaseIndices))]
    public void Schedule_MatchesPyTorchScheduler(int index, string type)
    {
        var c = Cases[index];
        var schedule = Create(c);
        var expected = c.GetProperty("lrs").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var actual = schedule.Values(expected.Length);
        for (int t = 0; t < expected.Length; t++)
            Assert.True(Math.Abs(actual[t] - expected[t]) <= 1e-12 * c.GetProperty("base").GetDouble(),
                $"{schedule} ({type}) at step {t}: {actual[t]:R}, PyTorch {expected[t]:R}");
    }

    [Fact]
    public void CosineAnnealing_StartsAtBase_PassesTheMidpoint_EndsAtEtaMin()
    {
        var s = new CosineAnnealing(0.1, tMax: 20, etaMin: 0.01);
        Assert.Equal(0.1, s.LearningRateAt(0), 15);
        Assert.Equal((0.1 + 0.01) / 2, s.LearningRateAt(10), 15);
        Assert.Equal(0.01, s.LearningRateAt(20), 15);
    }

    [Fact]
    public void StepAndExponentialDecay_FollowTheirPowers()
    {
        var step = new StepDecay(1, stepSize: 30, gamma: 0.1);
        Assert.Equal([1, 1, 0.1, 0.1, 0.01], new[] { 0, 29, 30, 59, 60 }.Select(step.LearningRateAt).ToArray(), new Close(1e-15));
        var exp = new ExponentialDecay(2, gamma: 0.5);
        Assert.Equal([2, 1, 0.5, 0.25], exp.Values(4), new Close(1e-15));
    }

    [Fact]
    public void LinearWarmup_FromZero_RisesLinearly_ThenHolds()
    {
        var s = new LinearWarmup(0.4, warmupSteps: 4, startFactor: 0);
        Assert.Equal([0, 0.1, 0.2, 0.3, 0.4, 0.4], s.Values(6), new Close(1e-15));
    }

    [Fact]
    public void Apply_SetsTheOptimizersLearningRate_IncludingZero()
    {
        var p = new Parameter<double>("w", new Tensor<double>(1));
        var sgd = new Sgd<double>([p], 0.5);
        var s = new CosineAnnealing(0.5, tMax: 4);
        Assert.Equal(0.25, s.Apply(sgd, 2), 15);
        Assert.Equal(0.25, sgd.LearningRate, 15);
        s.Apply(sgd, 4);
        Assert.Equal(0, sgd.LearningRate, 15);
    }

    [Fact]
    public void Schedules_RefuseBadArguments_NamingThem()
    {
        Assert.Contains("StepDecay: the step size must be positive, got 0", Assert.Throws<ArgumentOutOfRangeException>(() => new StepDecay(0.1, 0)).Message);
        Assert.Contains("StepDecay: gamma must be positive and finite, got -0.5", Assert.Throws<ArgumentOutOfRangeException>(() => new StepDecay(0.1, 3, -0.5)).Message);
        Assert.Contains("ExponentialDecay: gamma must be positive and finite, got NaN", Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialDecay(0.1, double.NaN)).Message);
        Assert.Contains("CosineAnnealing: T_max must be positive, got 0", Assert.Throws<ArgumentOutOfRangeException>(() => new CosineAnnealing(0.1, 0)).Message);
        Assert.Contains("CosineAnnealing: eta_min must be zero or positive and finite, got -0.01", Assert.Throws<ArgumentOutOfRangeException>(() => new CosineAnnealing(0.1, 5, -0.01)).Message);
        Assert.Contains("LinearWarmup: the start factor must be in [0, 1], got 1.5", Assert.Throws<ArgumentOutOfRangeException>(() => new LinearWarmup(0.1, 5, 1.5)).Message);
        Assert.Contains("LinearWarmup: the number of warmup steps must be positive, got -2", Assert.Throws<ArgumentOutOfRangeException>(() => new LinearWarmup(0.1, -2)).Message);
        Assert.Contains("ExponentialDecay: the base learning rate must be zero or positive and finite, got -1", Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialDecay(-1, 0.9)).Message);
        Assert.Contains("CosineAnnealing: the step must be zero or positive, got -1", Assert.Throws<ArgumentOutOfRangeException>(() => new CosineAnnealing(0.1, 5).LearningRateAt(-1)).Message);
    }

    private sealed class Close(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double obj) => 0;
    }
}
