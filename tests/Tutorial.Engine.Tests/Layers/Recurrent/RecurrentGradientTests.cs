using Tutorial.Engine.Gradients;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;
using static Tutorial.Engine.Tests.Layers.Recurrent.RecurrentTestKit;

namespace Tutorial.Engine.Tests.Layers.Recurrent;

/// <summary>Backpropagation through time of RNN, LSTM and GRU against central differences (double, max relative error ≤ 1e-7).</summary>
public class RecurrentGradientTests
{
    private const double Tolerance = 1e-7;

    // Some gradient elements are small next to L (1e-5 against L ≈ 1: early steps, the lower layer of a
    // stack, or plain cancellation in Σ_t). For them the rounding noise of central differences at ε = 1e-6
    // (≈ u·|L|/ε ≈ 1e-10 absolute) alone exceeds 1e-7 relative. The five-point stencil's O(ε⁴) truncation
    // allows ε = 1e-3, which lowers that floor to ≈ 5e-13 absolute. An element below ≈ 5e-6 can still cross
    // 1e-7 on noise alone (for a stacked LSTM about one random draw in four does); the fixed draws below stay
    // under 1e-8, and RecurrentPyTorchTests checks every element against PyTorch to 1e-12.
    private const double Epsilon = 1e-3;
    private const FiniteDifference Stencil = FiniteDifference.FivePoint;

    public static TheoryData<string, int, int, int> SingleLayerCases()
    {
        var data = new TheoryData<string, int, int, int>();
        foreach (var kind in Kinds)
        {
            data.Add(kind, 1, 1, 1);   // one sample, one step
            data.Add(kind, 1, 4, 1);   // one sample, several steps
            data.Add(kind, 3, 1, 1);   // a batch, one step
            data.Add(kind, 3, 4, 2);   // a batch, several steps
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SingleLayerCases))]
    public void SingleLayer_Backward_MatchesNumericalGradient(string kind, int n, int steps, int seed)
    {
        var rng = new Rng(100 + (ulong)seed);
        var layer = Make<double>(kind, 3, 4, rng);
        var x = Tensor<double>.Normal(rng, 0, 1, n, steps, 3);
        var result = GradientChecker.Check(layer, x, seed: (ulong)seed, epsilon: Epsilon, stencil: Stencil);
        Assert.True(result.MaxRelativeError <= Tolerance, result.ToString());
        Assert.Equal(["x", "weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"], result.Entries.Select(e => e.Name));
    }

    [Theory]
    [InlineData("RNN")]
    [InlineData("LSTM")]
    [InlineData("GRU")]
    public void TwoLayerStack_Backward_MatchesNumericalGradient(string kind)
    {
        var rng = new Rng(6);
        var layer = Make<double>(kind, 3, 4, rng, numLayers: 2);
        var x = Tensor<double>.Normal(rng, 0, 1, 2, 5, 3);
        var result = GradientChecker.Check(layer, x, seed: 7, epsilon: Epsilon, stencil: Stencil);
        Assert.True(result.MaxRelativeError <= Tolerance, result.ToString());
        Assert.Equal(9, result.Entries.Count);
        Assert.Equal("bias_hh_l1", result.Entries[^1].Name);
    }

    [Theory]
    [InlineData("RNN", 1)]
    [InlineData("LSTM", 1)]
    [InlineData("GRU", 1)]
    [InlineData("RNN", 2)]
    [InlineData("LSTM", 2)]
    [InlineData("GRU", 2)]
    public void GivenInitialStates_GradientsOfH0C0AndFinalStates_MatchNumericalGradient(string kind, int numLayers)
    {
        var rng = new Rng(9);
        var layer = Make<double>(kind, 3, 4, rng, numLayers);
        int n = 2;
        var h0 = Tensor<double>.Normal(rng, 0, 0.5, numLayers, n, 4);
        var c0 = kind == "LSTM" ? Tensor<double>.Normal(rng, 0, 0.5, numLayers, n, 4) : null;
        var probe = new StateProbe(layer, h0, c0);
        var x = Tensor<double>.Normal(rng, 0, 1, n, 3, 3);
        // The upstream gradient covers y, Hn and Cn, so dHn and dCn are exercised too.
        var result = GradientChecker.Check(probe, x, seed: 12, epsilon: Epsilon, stencil: Stencil);
        Assert.True(result.MaxRelativeError <= Tolerance, result.ToString());
        Assert.True(result["h0"].Passed(Tolerance), result.ToString());
        if (c0 is not null) Assert.True(result["c0"].Passed(Tolerance), result.ToString());
        // The gradient really reaches the initial states (not a vacuous pass on zeros).
        Assert.Contains(layer.DH0!.ToArray(), v => Math.Abs(v) > 1e-3);
    }

    [Fact]
    public void OneLayer_InitialStatesOfShapeNH_AreAccepted_AndChecked()
    {
        var rng = new Rng(13);
        var layer = new Lstm<double>(2, 3, rng);
        var probe = new StateProbe(layer, Tensor<double>.Normal(rng, 0, 0.5, 2, 3), Tensor<double>.Normal(rng, 0, 0.5, 2, 3));
        var result = GradientChecker.Check(probe, Tensor<double>.Normal(rng, 0, 1, 2, 4, 2), seed: 14, epsilon: Epsilon, stencil: Stencil);
        Assert.True(result.MaxRelativeError <= Tolerance, result.ToString());
        Assert.Equal(new Shape(1, 2, 3), layer.DH0!.Shape);
    }

    [Theory]
    [InlineData("RNN", 1)]
    [InlineData("LSTM", 1)]
    [InlineData("GRU", 1)]
    [InlineData("LSTM", 2)]
    public void LastStepOutput_Backward_MatchesNumericalGradient(string kind, int numLayers)
    {
        var rng = new Rng(17);
        var layer = Make<double>(kind, 3, 4, rng, numLayers, RecurrentOutput.LastStep);
        var x = Tensor<double>.Normal(rng, 0, 1, 3, 4, 3);
        var result = GradientChecker.Check(layer, x, seed: 18, epsilon: Epsilon, stencil: Stencil);
        Assert.Equal(new Shape(3, 4), layer.Forward(x).Shape);
        Assert.True(result.MaxRelativeError <= Tolerance, result.ToString());
    }

    [Theory]
    [InlineData("RNN")]
    [InlineData("LSTM")]
    [InlineData("GRU")]
    public void WithoutBias_Backward_MatchesNumericalGradient(string kind)
    {
        var rng = new Rng(19);
        var layer = Make<double>(kind, 3, 4, rng, bias: false);
        var result = GradientChecker.Check(layer, Tensor<double>.Normal(rng, 0, 1, 2, 3, 3), seed: 20, epsilon: Epsilon, stencil: Stencil);
        Assert.True(result.MaxRelativeError <= Tolerance, result.ToString());
        Assert.Equal(["x", "weight_ih_l0", "weight_hh_l0"], result.Entries.Select(e => e.Name));
    }

    [Fact]
    public void LstmThenLinear_InSequential_MatchesNumericalGradient_WithPyTorchNames()
    {
        var rng = new Rng(21);
        var model = new Sequential<double>(new Lstm<double>(3, 4, rng, output: RecurrentOutput.LastStep), new Linear<double>(4, 2, rng));
        var result = GradientChecker.Check(model, Tensor<double>.Normal(rng, 0, 1, 2, 5, 3), seed: 22, epsilon: Epsilon, stencil: Stencil);
        Assert.True(result.MaxRelativeError <= Tolerance, result.ToString());
        Assert.Equal(["x", "0.weight_ih_l0", "0.weight_hh_l0", "0.bias_ih_l0", "0.bias_hh_l0", "1.weight", "1.bias"],
            result.Entries.Select(e => e.Name));
    }
}
