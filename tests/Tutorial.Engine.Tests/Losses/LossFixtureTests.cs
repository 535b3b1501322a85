using System.Text.Json;
using Tutorial.Engine.Losses;
using Tutorial.Engine.Tensors;
using Tutorial.Engine.Tests.Fixtures;

namespace Tutorial.Engine.Tests.Losses;

/// <summary>Every loss against PyTorch 1.13 in float64 (Fixtures/generate_losses.py → losses.json): value and ∂L/∂prediction.</summary>
public class LossFixtureTests
{
    private const double Tolerance = 1e-12;
    private static readonly JsonElement[] Cases = Fixture.Load("losses").GetProperty("cases").EnumerateArray().ToArray();

    public static IEnumerable<object[]> CaseIndices() =>
        Cases.Select((c, i) => new object[] { i, c.GetProperty("loss").GetString()! });

    /// <summary>The engine's loss for a fixture case's name and hyperparameters.</summary>
    internal static Loss<double> Create(string name, JsonElement parameters) => name switch
    {
        "mse" => new MeanSquaredError<double>(),
        "l1" => new MeanAbsoluteError<double>(),
        "huber" => new HuberLoss<double>(parameters.GetProperty("delta").GetDouble()),
        "bce" => new BinaryCrossEntropy<double>(),
        "bce_logits" => new BinaryCrossEntropyWithLogits<double>(),
        "softmax_ce" => new SoftmaxCrossEntropy<double>(),
        "hinge" => new HingeLoss<double>(),
        "multi_margin" => new MultiMarginLoss<double>(parameters.GetProperty("p").GetInt32(), parameters.GetProperty("margin").GetDouble()),
        _ => throw new ArgumentException($"Unknown loss '{name}' in losses.json."),
    };

    private static void AssertClose(double expected, double actual, string what)
    {
        double err = Math.Abs(actual - expected) / Math.Max(1, Math.Abs(expected));
        Assert.True(err <= Tolerance, $"{what}: expected {expected:R}, got {actual:R} (scaled error {err:E2}).");
    }

    [Theory, MemberData(nameof(CaseIndices))]
    public void Loss_ValueAndGradient_MatchPyTorch(int index, string name)
    {
        var c = Cases[index];
        var loss = Create(name, c.GetProperty("params"));
        var prediction = Fixture.Tensor(c, "prediction");
        var target = Fixture.Tensor(c, "target");
        var expectedGrad = Fixture.Tensor(c, "grad");

        double value = loss.Forward(prediction, target);
        var grad = loss.Backward();

        AssertClose(c.GetProperty("value").GetDouble(), value, $"{loss} value");
        Assert.Equal(prediction.Shape, grad.Shape);
        for (int i = 0; i < grad.Length; i++)
            AssertClose(expectedGrad[i], grad[i], $"{loss} gradient [{i}]");
    }

    [Fact]
    public void Fixture_CoversEveryLoss()
    {
        var names = Cases.Select(c => c.GetProperty("loss").GetString()).ToHashSet();
        Assert.Equal(new HashSet<string?> { "mse", "l1", "huber", "bce", "bce_logits", "softmax_ce", "hinge", "multi_margin" }, names);
    }
}
