using System.Text.Json;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;
using Tutorial.Engine.Tests.Fixtures;
using static Tutorial.Engine.Tests.Layers.Recurrent.RecurrentTestKit;

namespace Tutorial.Engine.Tests.Layers.Recurrent;

/// <summary>
/// Forward and backward against PyTorch 1.13 (float64) nn.RNN / nn.LSTM / nn.GRU with batch_first=True:
/// Fixtures/generate_rnn.py writes rnn.json. The weights are loaded by their PyTorch names, so the test
/// also shows the layout is portable.
/// </summary>
public class RecurrentPyTorchTests
{
    private const double Tolerance = 1e-12;

    public static TheoryData<string> Cases() => ["rnn", "lstm", "gru", "rnn_last", "lstm_last", "gru_last"];

    private static (RecurrentLayer<double> Layer, JsonElement Case) Load(string name)
    {
        var c = Fixture.Load("rnn").GetProperty("cases").GetProperty(name);
        var layer = Make<double>(c.GetProperty("kind").GetString()!, c.GetProperty("input_size").GetInt32(), c.GetProperty("hidden_size").GetInt32(),
            new Rng(1), c.GetProperty("num_layers").GetInt32(), c.GetProperty("last").GetBoolean() ? RecurrentOutput.LastStep : RecurrentOutput.Sequence);
        var weights = c.GetProperty("weights");
        Assert.Equal(weights.EnumerateObject().Select(p => p.Name), layer.NamedParameters().Select(np => np.Name));
        foreach (var (name_, p) in layer.NamedParameters())
        {
            var w = Fixture.Tensor(weights, name_);
            Assert.Equal(w.Shape, p.Value.Shape);
            w.CopyTo(p.Value);
        }
        return (layer, c);
    }

    private static Tensor<double>? Optional(JsonElement c, string property) =>
        c.TryGetProperty(property, out var e) ? Fixture.Tensor(e) : null;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Forward_MatchesPyTorch_OutputsAndFinalStates(string name)
    {
        var (layer, c) = Load(name);
        var y = layer.Forward(Fixture.Tensor(c, "x"), Optional(c, "h0"), Optional(c, "c0"));
        AssertClose(Fixture.Tensor(c, "y"), y, Tolerance, "y");
        AssertClose(Fixture.Tensor(c, "hn"), layer.Hn!, Tolerance, "h_n");
        if (layer.HasCellState) AssertClose(Fixture.Tensor(c, "cn"), layer.Cn!, Tolerance, "c_n");
        else Assert.Null(layer.Cn);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Backward_MatchesPyTorch_InputStateAndWeightGradients(string name)
    {
        var (layer, c) = Load(name);
        layer.Forward(Fixture.Tensor(c, "x"), Optional(c, "h0"), Optional(c, "c0"));
        var dX = layer.Backward(Fixture.Tensor(c, "dY"), Optional(c, "dHn"), Optional(c, "dCn"));
        AssertClose(Fixture.Tensor(c, "dX"), dX, Tolerance, "dX");
        var grads = c.GetProperty("grads");
        foreach (var (pname, p) in layer.NamedParameters()) AssertClose(Fixture.Tensor(grads, pname), p.Grad, Tolerance, pname);
        if (c.TryGetProperty("dH0", out var dH0)) AssertClose(Fixture.Tensor(dH0), layer.DH0!, Tolerance, "dH0");
        if (c.TryGetProperty("dC0", out var dC0)) AssertClose(Fixture.Tensor(dC0), layer.DC0!, Tolerance, "dC0");
    }

    [Theory]
    [InlineData("lstm")]
    [InlineData("gru")]
    public void Float_MatchesPyTorch_ToSinglePrecision(string name)
    {
        var (reference, c) = Load(name);
        var layer = Make<float>(reference.Kind, reference.InputSize, reference.HiddenSize, new Rng(1), reference.NumLayers, reference.Output);
        for (int i = 0; i < layer.Parameters.Count; i++) reference.Parameters[i].Value.Cast<float>().CopyTo(layer.Parameters[i].Value);
        var y = layer.Forward(Fixture.Tensor(c, "x").Cast<float>(), Optional(c, "h0")?.Cast<float>(), Optional(c, "c0")?.Cast<float>());
        var dX = layer.Backward(Fixture.Tensor(c, "dY").Cast<float>(), Optional(c, "dHn")?.Cast<float>(), Optional(c, "dCn")?.Cast<float>());
        AssertClose(Fixture.Tensor(c, "y"), y.Cast<double>(), 1e-5, "y (float)");
        AssertClose(Fixture.Tensor(c, "dX"), dX.Cast<double>(), 1e-5, "dX (float)");
        AssertClose(Fixture.Tensor(c.GetProperty("grads"), "weight_hh_l0"), layer.Weights[0].WeightHh.Grad.Cast<double>(), 1e-5, "weight_hh_l0 grad (float)");
    }
}
