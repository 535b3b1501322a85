using System.Text.Json;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Optimizers;
using Tutorial.Engine.Optimizers.Schedules;
using Tutorial.Engine.Tensors;
using Tutorial.Engine.Tests.Fixtures;
using Xunit.Abstractions;

namespace Tutorial.Engine.Tests.Optimizers;

/// <summary>
/// Each optimizer configuration against PyTorch 1.13 in float64 (Fixtures/generate_optimizers.py → optimizers.json):
/// ten steps on the Rosenbrock function and on an ill-conditioned quadratic (condition number 100, two parameters),
/// with the gradients computed here by formula and the parameters compared after every step.
/// </summary>
public class OptimizerTrajectoryTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-12;   // measured: ≤ 7e-16 (the updates are computed in the same order as PyTorch)
    private static readonly JsonElement Root = Fixture.Load("optimizers");
    private static readonly JsonElement[] Runs = Root.GetProperty("runs").EnumerateArray().ToArray();

    public static IEnumerable<object[]> RunIndices() =>
        Runs.Select((r, i) => new object[] { i, Describe(r) });

    private static string Describe(JsonElement run)
    {
        string hyper = string.Join(", ", run.GetProperty("hyper").EnumerateObject().Select(p => $"{p.Name}={p.Value}"));
        string schedule = run.GetProperty("schedule").ValueKind == JsonValueKind.Null ? "" : $" + {run.GetProperty("schedule").GetProperty("type").GetString()} schedule";
        return $"{run.GetProperty("problem").GetString()}: {run.GetProperty("optimizer").GetString()}({hyper}){schedule}";
    }

    // ---- the two problems, with gradients by formula ---------------------------------------------------------

    /// <summary>A fixed function of some parameters: fills each parameter's Grad and returns f.</summary>
    internal interface IProblem
    {
        Parameter<T>[] Start<T>() where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>;
        double Gradient<T>(Parameter<T>[] parameters) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>;
    }

    /// <summary>f(p) = (1 − p₀)² + 100 (p₁ − p₀²)², p: (2,).  ∇f = (−2(1 − p₀) − 400 p₀ (p₁ − p₀²),  200 (p₁ − p₀²)).</summary>
    internal sealed class Rosenbrock(Tensor<double> start) : IProblem
    {
        public Parameter<T>[] Start<T>() where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> => [new("p", start.Cast<T>())];

        public double Gradient<T>(Parameter<T>[] parameters) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            var p = parameters[0];
            double x = double.CreateChecked(p.Value[0]), y = double.CreateChecked(p.Value[1]);
            double r = y - x * x;
            p.Grad[0] = T.CreateChecked(-2 * (1 - x) - 400 * x * r);
            p.Grad[1] = T.CreateChecked(200 * r);
            return (1 - x) * (1 - x) + 100 * r * r;
        }
    }

    /// <summary>v = concat(W.flatten(), b) − c,  f = ½ vᵀAv,  ∇f = A v split back into W (2, 3) and b (3,).</summary>
    internal sealed class Quadratic(Tensor<double> a, Tensor<double> c, Tensor<double>[] start) : IProblem
    {
        public Parameter<T>[] Start<T>() where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
            [new("W", start[0].Cast<T>()), new("b", start[1].Cast<T>())];

        public double Gradient<T>(Parameter<T>[] parameters) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            int n = c.Length;
            var v = new double[n];
            int k = 0;
            foreach (var p in parameters)
                for (int i = 0; i < p.Value.Length; i++, k++) v[k] = double.CreateChecked(p.Value[i]) - c[k];
            var g = new double[n];
            double f = 0;
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++) g[i] += a[i, j] * v[j];
                f += 0.5 * v[i] * g[i];
            }
            k = 0;
            foreach (var p in parameters)
                for (int i = 0; i < p.Grad.Length; i++, k++) p.Grad[i] = T.CreateChecked(g[k]);
            return f;
        }
    }

    internal static IProblem Problem(string name)
    {
        var problem = Root.GetProperty("problems").GetProperty(name);
        var start = problem.GetProperty("start").EnumerateArray().Select(Fixture.Tensor).ToArray();
        return name switch
        {
            "rosenbrock" => new Rosenbrock(start[0]),
            "quadratic" => new Quadratic(Fixture.Tensor(problem, "A"), Fixture.Tensor(problem, "c"), start),
            _ => throw new ArgumentException($"Unknown problem '{name}'."),
        };
    }

    // ---- optimizers and schedules from the fixture's PyTorch hyperparameters ---------------------------------

    private static double Get(JsonElement hyper, string key, double fallback) =>
        hyper.TryGetProperty(key, out var v) ? v.GetDouble() : fallback;

    private static bool Flag(JsonElement hyper, string key) => hyper.TryGetProperty(key, out var v) && v.GetBoolean();

    private static (double, double) Betas(JsonElement hyper) =>
        hyper.TryGetProperty("betas", out var b) ? (b[0].GetDouble(), b[1].GetDouble()) : (0.9, 0.999);

    /// <summary>The engine's optimizer for a torch.optim class name and keyword arguments (PyTorch's defaults where absent).</summary>
    internal static Optimizer<T> CreateOptimizer<T>(string name, JsonElement h, Parameter<T>[] ps) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        double lr = h.GetProperty("lr").GetDouble();
        var (b1, b2) = Betas(h);
        return name switch
        {
            "sgd" => new Sgd<T>(ps, lr, Get(h, "momentum", 0), Get(h, "dampening", 0), Flag(h, "nesterov"), Get(h, "weight_decay", 0)),
            "adagrad" => new Adagrad<T>(ps, lr, Get(h, "lr_decay", 0), Get(h, "weight_decay", 0), Get(h, "initial_accumulator_value", 0), Get(h, "eps", 1e-10)),
            "rmsprop" => new RmsProp<T>(ps, lr, Get(h, "alpha", 0.99), Get(h, "eps", 1e-8), Get(h, "weight_decay", 0), Get(h, "momentum", 0), Flag(h, "centered")),
            "adam" => new Adam<T>(ps, lr, b1, b2, Get(h, "eps", 1e-8), Get(h, "weight_decay", 0), Flag(h, "amsgrad")),
            "adamw" => new AdamW<T>(ps, lr, b1, b2, Get(h, "eps", 1e-8), Get(h, "weight_decay", 0.01), Flag(h, "amsgrad")),
            _ => throw new ArgumentException($"Unknown optimizer '{name}'."),
        };
    }

    private static LearningRateSchedule? CreateSchedule(JsonElement s, double lr) =>
        s.ValueKind == JsonValueKind.Null ? null : s.GetProperty("type").GetString() switch
        {
            "step" => new StepDecay(lr, s.GetProperty("step_size").GetInt32(), s.GetProperty("gamma").GetDouble()),
            "cosine" => new CosineAnnealing(lr, s.GetProperty("t_max").GetInt32(), s.GetProperty("eta_min").GetDouble()),
            var t => throw new ArgumentException($"Unknown schedule '{t}'."),
        };

    /// <summary>Runs a fixture configuration for the fixture's number of steps; returns the parameters after each step and the loss before it.</summary>
    internal static (double[][] Trajectory, double[] Losses) Run<T>(JsonElement run, Func<string, JsonElement, Parameter<T>[], Optimizer<T>>? factory = null)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var problem = Problem(run.GetProperty("problem").GetString()!);
        var parameters = problem.Start<T>();
        var hyper = run.GetProperty("hyper");
        var optimizer = (factory ?? CreateOptimizer)(run.GetProperty("optimizer").GetString()!, hyper, parameters);
        var schedule = CreateSchedule(run.GetProperty("schedule"), hyper.GetProperty("lr").GetDouble());
        int steps = Root.GetProperty("steps").GetInt32();
        var trajectory = new double[steps][];
        var losses = new double[steps];
        for (int t = 0; t < steps; t++)
        {
            schedule?.Apply(optimizer, t);
            optimizer.ZeroGrad();
            losses[t] = problem.Gradient(parameters);
            optimizer.Step();
            trajectory[t] = parameters.SelectMany(p => p.Value.ToArray().Select(v => double.CreateChecked(v))).ToArray();
        }
        return (trajectory, losses);
    }

    internal static double[] Expected(JsonElement run, int step) =>
        run.GetProperty("trajectory")[step].EnumerateArray().SelectMany(p => p.EnumerateArray().Select(v => v.GetDouble())).ToArray();

    [Theory, MemberData(nameof(RunIndices))]
    public void Optimizer_Trajectory_MatchesPyTorch(int index, string description)
    {
        var run = Runs[index];
        var (trajectory, losses) = Run<double>(run);
        double worst = 0;
        for (int t = 0; t < trajectory.Length; t++)
        {
            var expected = Expected(run, t);
            Assert.Equal(expected.Length, trajectory[t].Length);
            for (int i = 0; i < expected.Length; i++)
            {
                double err = Math.Abs(trajectory[t][i] - expected[i]) / Math.Max(1, Math.Abs(expected[i]));
                worst = Math.Max(worst, err);
                Assert.True(err <= Tolerance, $"{description}: step {t + 1}, element {i}: PyTorch {expected[i]:R}, engine {trajectory[t][i]:R} (error {err:E2}).");
            }
            double expectedLoss = run.GetProperty("losses")[t].GetDouble();
            Assert.True(Math.Abs(losses[t] - expectedLoss) <= Tolerance * Math.Max(1, Math.Abs(expectedLoss)),
                $"{description}: loss before step {t + 1}: PyTorch {expectedLoss:R}, engine {losses[t]:R}.");
        }
        output.WriteLine($"{description}: largest scaled deviation from PyTorch over {trajectory.Length} steps {worst:E2}");
    }

    [Fact]
    public void Fixture_CoversEveryOptimizerAndOption()
    {
        var runs = Runs.Select(r => (Name: r.GetProperty("optimizer").GetString(), Hyper: r.GetProperty("hyper"))).ToArray();
        Assert.Equal(["adagrad", "adam", "adamw", "rmsprop", "sgd"], runs.Select(r => r.Name).Distinct().Order());
        foreach (var (name, option) in new[] { ("sgd", "momentum"), ("sgd", "dampening"), ("sgd", "nesterov"), ("sgd", "weight_decay"),
                     ("adagrad", "lr_decay"), ("adagrad", "initial_accumulator_value"), ("rmsprop", "centered"), ("rmsprop", "momentum"),
                     ("adam", "amsgrad"), ("adam", "weight_decay"), ("adamw", "weight_decay") })
            Assert.Contains(runs, r => r.Name == name && r.Hyper.TryGetProperty(option, out _));
    }

    [Fact]
    public void AmsGrad_InTheFixture_ReallyTakesTheMaximum()
    {
        // The AMSGrad runs use β₂ = 0.6 so that v shrinks at some step; plain Adam with the same settings must then differ.
        foreach (var run in Runs.Where(r => r.GetProperty("hyper").TryGetProperty("amsgrad", out var a) && a.GetBoolean()))
        {
            var (plain, _) = Run<double>(run, (name, h, ps) =>
            {
                var (b1, b2) = Betas(h);
                return name == "adam"
                    ? new Adam<double>(ps, h.GetProperty("lr").GetDouble(), b1, b2, Get(h, "eps", 1e-8), Get(h, "weight_decay", 0), amsGrad: false)
                    : new AdamW<double>(ps, h.GetProperty("lr").GetDouble(), b1, b2, Get(h, "eps", 1e-8), Get(h, "weight_decay", 0.01), amsGrad: false);
            });
            var last = Expected(run, plain.Length - 1);
            double difference = last.Zip(plain[^1], (a, b) => Math.Abs(a - b)).Max();
            Assert.True(difference > 1e-4, $"{Describe(run)}: AMSGrad and plain Adam end only {difference:E2} apart.");
        }
    }

    [Theory]
    [InlineData("adam")]
    [InlineData("sgd")]
    [InlineData("rmsprop")]
    public void Optimizer_InFloat_FollowsTheDoubleTrajectoryClosely(string optimizer)
    {
        var run = Runs.First(r => r.GetProperty("optimizer").GetString() == optimizer && r.GetProperty("problem").GetString() == "quadratic");
        var (single, _) = Run<float>(run);
        for (int t = 0; t < single.Length; t++)
        {
            var expected = Expected(run, t);
            for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], single[t][i], 1e-4);
        }
    }
}
