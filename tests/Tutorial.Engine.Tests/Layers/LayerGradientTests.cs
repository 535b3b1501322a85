using Tutorial.Engine.Gradients;
using Tutorial.Engine.Init;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Tests.Layers;

/// <summary>
/// Every layer's Backward against central differences (<see cref="GradientChecker.Check"/>) in double, for the
/// input and every parameter, on non-square shapes, with batch 1 and batch 5: max relative error ≤ 1e-7.
/// Inputs are kept at least 0.05 away from kinks (0 for ReLU-like layers, βx = threshold for Softplus).
/// <para>Inputs and weights are moderate (x ~ N(0, 1), PyTorch's default weight scale) on purpose: central
/// differences carry an absolute rounding noise of about 1e-16·|L|/ε ≈ 1e-10, so a gradient element of 1e-4 (a
/// saturated sigmoid, a softmax output near 0) cannot be checked to 1e-7 relative even when Backward is exact.
/// For the same reason the step is ε = 1e-5 rather than the checker's default 1e-6: the rounding noise falls to
/// about 1e-11 while the truncation error f‴ε²/6 stays near 1e-11 (the best step is about ∛(3·2⁻⁵³/|f‴|) ≈ 1e-5).</para>
/// </summary>
public class LayerGradientTests
{
    private const int Features = 4;
    private const double Epsilon = 1e-5;

    /// <summary>Normal inputs (N, 4) pushed at least 0.05 away from 0.</summary>
    private static Tensor<double> Input(int batch, ulong seed, double scale = 1.0)
    {
        var x = Tensor<double>.Normal(new Rng(seed), 0, scale, batch, Features);
        for (int i = 0; i < x.Length; i++)
            if (Math.Abs(x[i]) < 0.05) x[i] = x[i] < 0 ? -0.05 - x[i] : 0.05 + x[i];
        return x;
    }

    private static BatchNorm1d<double> RandomBatchNorm(int features, Rng rng, bool training)
    {
        var bn = new BatchNorm1d<double>(features, momentum: 0.2) { Training = training };
        Tensor<double>.Normal(rng, 1, 0.3, features).CopyTo(bn.Weight!.Value);
        Tensor<double>.Normal(rng, 0, 0.3, features).CopyTo(bn.Bias!.Value);
        Tensor<double>.Normal(rng, 0, 0.5, features).CopyTo(bn.RunningMean);
        Tensor<double>.Uniform(rng, 0.5, 2, features).CopyTo(bn.RunningVar);
        return bn;
    }

    private static Linear<double> RandomLinear(int @in, int @out, Rng rng)
    {
        var linear = new Linear<double>(@in, @out, rng, init: InitScheme.LeCunUniform);
        Tensor<double>.Normal(rng, 0, 0.5, @out).CopyTo(linear.Bias!.Value);
        return linear;
    }

    /// <summary>The layer under test; its input has 4 features.</summary>
    private static Layer<double> Create(string name)
    {
        var rng = new Rng(42);
        return name switch
        {
            "Linear" => RandomLinear(Features, 3, rng),
            "ReLU" => new ReLU<double>(),
            "Sigmoid" => new Sigmoid<double>(),
            "Tanh" => new Tanh<double>(),
            "LeakyReLU" => new LeakyReLU<double>(0.1),
            "ELU" => new ELU<double>(1.3),
            "GELU" => new GELU<double>(),
            "GELU-tanh" => new GELU<double>(GeluApproximation.Tanh),
            "Softplus" => new Softplus<double>(beta: 2, threshold: 3),
            "Softmax" => new Softmax<double>(),
            "Dropout" => new Dropout<double>(0.4, new Rng(7)) { ReuseMask = true },
            "BatchNorm1d-train" => RandomBatchNorm(Features, rng, training: true),
            "BatchNorm1d-eval" => RandomBatchNorm(Features, rng, training: false),
            "Sequential" => new Sequential<double>(
                RandomLinear(Features, 6, rng), RandomBatchNorm(6, rng, training: true), new GELU<double>(),
                new Dropout<double>(0.3, new Rng(8)) { ReuseMask = true }, RandomLinear(6, 5, rng), new Tanh<double>(),
                RandomLinear(5, 3, rng)),
            "Sequential-eval" => new Sequential<double>(
                RandomLinear(Features, 6, rng), RandomBatchNorm(6, rng, training: true), new ELU<double>(),
                new Dropout<double>(0.3, new Rng(8)), RandomLinear(6, 3, rng), new Sigmoid<double>()).Eval(),
            _ => throw new ArgumentException($"Unknown layer '{name}'."),
        };
    }

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in new[] { "Linear", "ReLU", "Sigmoid", "Tanh", "LeakyReLU", "ELU", "GELU", "GELU-tanh", "Softplus",
                                     "Softmax", "Dropout", "BatchNorm1d-eval", "Sequential-eval" })
        {
            data.Add(name, 1);
            data.Add(name, 5);
        }
        // Batch statistics need N ≥ 2 (a single sample is refused in training mode, as in PyTorch); with N = 2,
        // x̂ = ±1 whatever x is, so ∂y/∂x is of the order of ε and 3 is the smallest batch worth checking.
        data.Add("BatchNorm1d-train", 3);
        data.Add("BatchNorm1d-train", 5);
        data.Add("Sequential", 5);
        return data;
    }

    [Theory, MemberData(nameof(Cases))]
    public void Layer_Backward_MatchesNumericalGradient(string name, int batch)
    {
        var layer = Create(name);
        var x = Input(batch, (ulong)(batch * 100 + name.Length));
        var result = GradientChecker.Check(layer, x, epsilon: Epsilon);
        Assert.True(result.Passed, result.ToString());
        Assert.True(result.MaxRelativeError <= 1e-7, result.ToString());
        // The input and every parameter were checked.
        Assert.Equal(["x", .. layer.NamedParameters().Select(p => p.Name)], result.Entries.Select(e => e.Name));
    }

    [Fact]
    public void Softplus_Backward_MatchesNumericalGradient_OnBothSidesOfTheThreshold()
    {
        var x = Tensor<double>.FromDoubles([-1.5, -1.2, 0.3, 1.4, 1.6, 2.5, 6, -0.7], 2, 4);   // βx = 2x: 2.8 and 3.2 straddle 3
        var result = GradientChecker.Check(new Softplus<double>(beta: 2, threshold: 3), x, epsilon: Epsilon);
        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void Softmax_Backward_MatchesNumericalGradient_OnA3DInput()
    {
        var x = Tensor<double>.Normal(new Rng(3), 0, 1, 2, 3, 5);
        var result = GradientChecker.Check(new Softmax<double>(), x, epsilon: Epsilon);
        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void BatchNorm1d_WithoutAffine_Backward_MatchesNumericalGradient()
    {
        var result = GradientChecker.Check(new BatchNorm1d<double>(Features, affine: false), Input(6, 9), epsilon: Epsilon);
        Assert.True(result.Passed, result.ToString());
        Assert.Equal(["x"], result.Entries.Select(e => e.Name));
    }
}
