using System.Text.Json;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;
using Tutorial.Engine.Tests.Fixtures;

namespace Tutorial.Engine.Tests.Layers;

/// <summary>
/// Forward and backward of every dense layer against PyTorch 1.13 in float64 (Fixtures/generate_layers.py →
/// layers.json): the same x, parameters, buffers and dY are loaded into the engine's layer, and y, dX, every
/// parameter gradient and the buffers after the step must agree to 1e-12 relative.
/// <para>Plus an absolute 1e-15 (|engine − torch| ≤ 1e-15 + 1e-12·|torch|), for values that are rounding noise around
/// zero: the gradient of a bias feeding batch norm is exactly 0 in exact arithmetic (batch norm removes the mean),
/// and both libraries return ±1e-16 there; and PyTorch's GELU-tanh computes ½x(1 + tanh u), which cancels for
/// u ≪ 0 (y ≈ −3e-5 differs from the engine's cancellation-free x·σ(2u) by 2e-16, 7e-12 relative).</para>
/// </summary>
public class LayerFixtureTests
{
    private const double RelativeTolerance = 1e-12;
    private const double AbsoluteTolerance = 1e-15;

    private static readonly JsonElement Cases = Fixture.Load("layers").GetProperty("cases");

    public static IEnumerable<object[]> CaseNames() =>
        Cases.EnumerateObject().Select(c => new object[] { c.Name });

    /// <summary>The engine's layer for a fixture case, with the hyperparameters the generator used.</summary>
    private static Layer<double> Create(string name) => name switch
    {
        "linear" => new Linear<double>(5, 3, new Rng(1)),
        "relu" => new ReLU<double>(),
        "sigmoid" => new Sigmoid<double>(),
        "tanh" => new Tanh<double>(),
        "leaky_relu" => new LeakyReLU<double>(0.1),
        "elu" => new ELU<double>(1.3),
        "gelu" => new GELU<double>(),
        "gelu_tanh" => new GELU<double>(GeluApproximation.Tanh),
        "softplus" => new Softplus<double>(beta: 2, threshold: 3),
        "softmax" => new Softmax<double>(),
        "batchnorm_train" => new BatchNorm1d<double>(4, eps: 1e-5, momentum: 0.3),
        "batchnorm_eval" => new BatchNorm1d<double>(4, eps: 1e-3, momentum: 0.1) { Training = false },
        "sequential_train" => new Sequential<double>(
            new Linear<double>(5, 6, new Rng(1)), new BatchNorm1d<double>(6), new ELU<double>(), new Linear<double>(6, 4, new Rng(2)),
            new Tanh<double>(), new Linear<double>(4, 3, new Rng(3)), new Softmax<double>()),
        _ => throw new ArgumentException($"No engine layer for fixture case '{name}'."),
    };

    [Theory, MemberData(nameof(CaseNames))]
    public void Layer_MatchesPyTorch_ForwardBackwardAndBuffers(string name)
    {
        var c = Cases.GetProperty(name);
        var layer = Create(name);
        var parameters = layer.NamedParameters().ToList();
        var buffers = layer.NamedBuffers().ToList();

        // Every parameter and buffer PyTorch has, the engine has under the same name, and no other.
        var torchNames = c.EnumerateObject().Select(p => p.Name).Where(n => n.StartsWith("grad.")).Select(n => n["grad.".Length..]);
        Assert.Equal(torchNames.Order(), parameters.Select(p => p.Name).Order());
        Assert.Equal(c.EnumerateObject().Select(p => p.Name).Where(n => n.StartsWith("after.")).Select(n => n["after.".Length..]).Order(),
                     buffers.Select(b => b.Name).Order());

        foreach (var (pName, p) in parameters) Fixture.Tensor(c, pName).CopyTo(p.Value);
        foreach (var (bName, b) in buffers) Fixture.Tensor(c, bName).CopyTo(b);

        var y = layer.Forward(Fixture.Tensor(c, "x"));
        AssertClose(Fixture.Tensor(c, "y"), y, $"{name}: y");
        var dX = layer.Backward(Fixture.Tensor(c, "dy"));
        AssertClose(Fixture.Tensor(c, "dx"), dX, $"{name}: dX");
        foreach (var (pName, p) in parameters) AssertClose(Fixture.Tensor(c, "grad." + pName), p.Grad, $"{name}: d{pName}");
        foreach (var (bName, b) in buffers) AssertClose(Fixture.Tensor(c, "after." + bName), b, $"{name}: {bName} after the step");
    }

    /// <summary>Same shape and every element within 1e-15 + 1e-12·|expected|.</summary>
    private static void AssertClose(Tensor<double> expected, Tensor<double> actual, string what)
    {
        Assert.True(expected.Shape == actual.Shape, $"{what}: shape {actual.Shape}, PyTorch has {expected.Shape}");
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], a = actual[i];
            double excess = Math.Abs(a - e) / (AbsoluteTolerance + RelativeTolerance * Math.Abs(e));   // ≤ 1 passes
            if (!(excess <= worst)) { worst = excess; at = i; }
        }
        Assert.True(worst <= 1, $"{what}: element [{at}] is engine {(at >= 0 ? actual[at] : 0):R}, PyTorch {(at >= 0 ? expected[at] : 0):R}, " +
                                $"beyond 1e-15 + 1e-12·|PyTorch| by a factor {worst:G3}");
    }
}
