using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;
using static Tutorial.Engine.Tests.Layers.Recurrent.RecurrentTestKit;

namespace Tutorial.Engine.Tests.Layers.Recurrent;

public class RecurrentLayerTests
{
    [Fact]
    public void Parameters_HavePyTorchNamesShapesAndOrder()
    {
        var lstm = new Lstm<double>(3, 5, new Rng(1), numLayers: 2);
        Assert.Equal(
            ["weight_ih_l0(20, 3)", "weight_hh_l0(20, 5)", "bias_ih_l0(20,)", "bias_hh_l0(20,)",
             "weight_ih_l1(20, 5)", "weight_hh_l1(20, 5)", "bias_ih_l1(20,)", "bias_hh_l1(20,)"],
            lstm.Parameters.Select(p => p.ToString()));
        Assert.Equal(new Shape(15, 3), new Gru<double>(3, 5, new Rng(1)).Weights[0].WeightIh.Value.Shape);
        Assert.Equal(new Shape(5, 5), new Rnn<double>(3, 5, new Rng(1)).Weights[0].WeightHh.Value.Shape);
        Assert.Equal((20 * 3 + 20 * 5 + 40) + (20 * 5 + 20 * 5 + 40), lstm.ParameterCount);
    }

    [Theory]
    [InlineData("RNN")]
    [InlineData("LSTM")]
    [InlineData("GRU")]
    public void Init_IsUniformWithinOneOverSqrtH_AndSeeded(string kind)
    {
        var a = Make<double>(kind, 6, 16, new Rng(42), numLayers: 2);
        var b = Make<double>(kind, 6, 16, new Rng(42), numLayers: 2);
        var c = Make<double>(kind, 6, 16, new Rng(43), numLayers: 2);
        var all = a.Parameters.SelectMany(p => p.Value.ToArray()).ToArray();
        Assert.All(all, v => Assert.InRange(v, -0.25, 0.25));          // 1/√16
        Assert.True(all.Max() > 0.24 && all.Min() < -0.24, "The whole range should be used.");
        Assert.Equal(0, all.Average(), 0.02);
        for (int i = 0; i < a.Parameters.Count; i++) Assert.True(a.Parameters[i].Value.ValueEquals(b.Parameters[i].Value));
        Assert.False(a.Parameters[0].Value.ValueEquals(c.Parameters[0].Value));
    }

    [Fact]
    public void Forward_ShapesOfOutputsAndStates()
    {
        var rng = new Rng(2);
        var x = Tensor<double>.Normal(rng, 0, 1, 2, 5, 3);
        var seq = new Lstm<double>(3, 4, rng, numLayers: 2);
        Assert.Equal(new Shape(2, 5, 4), seq.Forward(x).Shape);
        Assert.Equal(new Shape(2, 2, 4), seq.Hn!.Shape);
        Assert.Equal(new Shape(2, 2, 4), seq.Cn!.Shape);
        Assert.Equal(new Shape(2, 5, 4), seq.OutputShape(x.Shape));
        var last = new Gru<double>(3, 4, rng, output: RecurrentOutput.LastStep);
        Assert.Equal(new Shape(2, 4), last.Forward(x).Shape);
        Assert.Equal(new Shape(2, 4), last.OutputShape(x.Shape));
        Assert.Null(last.Cn);
        Assert.Equal(new Shape(2, 5, 3), last.Backward(Tensor<double>.Ones(2, 4)).Shape);
        Assert.Equal(new Shape(1, 5), last.HiddenGradientNorms!.Shape);
    }

    [Fact]
    public void Output_IsTheTopLayersHiddenStates_AndLastStepIsItsLastRow()
    {
        var rng = new Rng(3);
        var x = Tensor<double>.Normal(rng, 0, 1, 3, 4, 2);
        var seqLayer = new Lstm<double>(2, 3, new Rng(9), numLayers: 2);
        var lastLayer = new Lstm<double>(2, 3, new Rng(9), numLayers: 2, output: RecurrentOutput.LastStep);
        var y = seqLayer.Forward(x);
        var yLast = lastLayer.Forward(x);
        for (int n = 0; n < 3; n++)
            for (int j = 0; j < 3; j++)
            {
                Assert.Equal(y[n, 3, j], yLast[n, j]);
                Assert.Equal(y[n, 3, j], seqLayer.Hn![1, n, j]);           // h_n of the top layer
            }
    }

    [Theory]
    [InlineData("RNN")]
    [InlineData("LSTM")]
    [InlineData("GRU")]
    public void InitialStates_ChangeTheOutput_AndZerosEqualNoStates(string kind)
    {
        var rng = new Rng(4);
        var layer = Make<double>(kind, 2, 3, rng, numLayers: 2);
        var x = Tensor<double>.Normal(rng, 0, 1, 2, 3, 2);
        var none = layer.Forward(x);
        var zeros = layer.Forward(x, Tensor<double>.Zeros(2, 2, 3), kind == "LSTM" ? Tensor<double>.Zeros(2, 2, 3) : null);
        AssertClose(none, zeros, 0, "zero states");
        var some = layer.Forward(x, Tensor<double>.Normal(rng, 0, 1, 2, 2, 3));
        Assert.True(MaxAbsDifference(none, some) > 1e-3);
    }

    [Fact]
    public void HiddenGradientNorms_AreTheNormsOfTheTotalGradientAtEachStep()
    {
        // ∂L/∂h_t = dY_t + (what flows back from the steps after t). The second part is DH0 of a run over
        // the steps after t that starts from h_t, c_t — computed here independently for every t.
        var rng = new Rng(5);
        var layer = new Lstm<double>(3, 4, rng);
        int steps = 5;
        var x = Tensor<double>.Normal(rng, 0, 1, 2, steps, 3);
        var dY = Tensor<double>.Normal(rng, 0, 1, 2, steps, 4);
        layer.Forward(x);
        layer.Backward(dY);
        var norms = layer.HiddenGradientNorms!;
        Assert.Equal(new Shape(1, steps), norms.Shape);

        for (int t = 0; t < steps; t++)
        {
            var total = TruncatedBptt<double>.SliceTime(dY, t, 1).Reshape(2, 4).Clone();
            if (t < steps - 1)
            {
                var prefix = CloneLayer(layer);
                prefix.Forward(TruncatedBptt<double>.SliceTime(x, 0, t + 1));
                var suffix = CloneLayer(layer);
                suffix.Forward(TruncatedBptt<double>.SliceTime(x, t + 1, steps - t - 1), prefix.Hn, prefix.Cn);
                suffix.Backward(TruncatedBptt<double>.SliceTime(dY, t + 1, steps - t - 1));
                for (int i = 0; i < total.Length; i++) total[i] += suffix.DH0![i];
            }
            double expected = Math.Sqrt(total.ToArray().Sum(v => v * v));
            Assert.Equal(expected, norms[0, t], 1e-12);
        }
    }

    [Fact]
    public void HiddenGradientNorms_VanishGeometrically_WhenTheRecurrentWeightsAreSmall()
    {
        // ‖dh_{t−1}‖ = ‖(dh ⊙ tanh')·W_hh‖ ≤ ‖W_hh‖₂·‖dh‖ ≤ ‖W_hh‖_F·‖dh‖ when only the last step gets a gradient.
        var rng = new Rng(6);
        var layer = new Rnn<double>(3, 4, rng, output: RecurrentOutput.LastStep);
        var whh = layer.Weights[0].WeightHh.Value;
        Tensor<double>.Uniform(rng, -0.1, 0.1, 4, 4).CopyTo(whh);
        double frobenius = Math.Sqrt(whh.ToArray().Sum(v => v * v));
        Assert.True(frobenius < 0.4);
        layer.Forward(Tensor<double>.Normal(rng, 0, 1, 2, 12, 3));
        layer.Backward(Tensor<double>.Normal(rng, 0, 1, 2, 4));
        var norms = layer.HiddenGradientNorms!;
        for (int t = 0; t < 11; t++) Assert.True(norms[0, t] <= frobenius * norms[0, t + 1], $"step {t}: {norms[0, t]} vs {norms[0, t + 1]}");
        Assert.True(norms[0, 0] < 1e-4 * norms[0, 11]);
    }

    [Fact]
    public void StackedNorms_HaveOneRowPerLayer()
    {
        var rng = new Rng(7);
        var layer = new Gru<double>(3, 4, rng, numLayers: 3);
        layer.Forward(Tensor<double>.Normal(rng, 0, 1, 2, 6, 3));
        layer.Backward(Tensor<double>.Normal(rng, 0, 1, 2, 6, 4));
        var norms = layer.HiddenGradientNorms!;
        Assert.Equal(new Shape(3, 6), norms.Shape);
        Assert.All(norms.ToArray(), v => Assert.True(v > 0));
    }

    [Fact]
    public void BuffersReused_AcrossSizes_GiveTheSameResultsAsAFreshLayer()
    {
        var rng = new Rng(8);
        var layer = new Lstm<double>(3, 4, rng, numLayers: 2);
        var x1 = Tensor<double>.Normal(rng, 0, 1, 2, 5, 3);
        var x2 = Tensor<double>.Normal(rng, 0, 1, 3, 2, 3);
        var dY1 = Tensor<double>.Normal(rng, 0, 1, 2, 5, 4);
        var fresh = CloneLayer(layer);
        var yFresh = fresh.Forward(x1);
        var dXFresh = fresh.Backward(dY1);

        layer.Forward(x1);
        layer.Backward(dY1);
        layer.Forward(x2);                               // another size: new buffers
        layer.Backward(Tensor<double>.Normal(rng, 0, 1, 3, 2, 4));
        layer.ZeroGrad();
        var y = layer.Forward(x1);                       // back to the first size
        var dX = layer.Backward(dY1);
        AssertClose(yFresh, y, 0, "y");
        AssertClose(dXFresh, dX, 0, "dX");
        for (int i = 0; i < layer.Parameters.Count; i++) AssertClose(fresh.Parameters[i].Grad, layer.Parameters[i].Grad, 0, layer.Parameters[i].Name);
    }

    [Fact]
    public void Backward_AddsIntoGradients_AndLeavesDYUnchanged()
    {
        var rng = new Rng(9);
        var layer = new Gru<double>(2, 3, rng);
        var x = Tensor<double>.Normal(rng, 0, 1, 2, 4, 2);
        var dY = Tensor<double>.Normal(rng, 0, 1, 2, 4, 3);
        var dYCopy = dY.Clone();
        layer.Forward(x);
        layer.Backward(dY);
        var once = layer.Parameters.Select(p => p.Grad.Clone()).ToList();
        layer.Backward(dY);
        Assert.True(dY.ValueEquals(dYCopy));
        for (int i = 0; i < once.Count; i++)
            for (int j = 0; j < once[i].Length; j++) Assert.Equal(2 * once[i][j], layer.Parameters[i].Grad[j], 1e-15);
    }

    [Fact]
    public void FloatAndDouble_Agree()
    {
        var rng = new Rng(10);
        var d = new Gru<double>(3, 4, rng, numLayers: 2);
        var f = new Gru<float>(3, 4, new Rng(10), numLayers: 2);
        var x = Tensor<double>.Normal(rng, 0, 1, 2, 6, 3);
        var dY = Tensor<double>.Normal(rng, 0, 1, 2, 6, 4);
        var yd = d.Forward(x);
        var dXd = d.Backward(dY);
        var yf = f.Forward(x.Cast<float>());
        var dXf = f.Backward(dY.Cast<float>());
        AssertClose(yd, yf.Cast<double>(), 1e-5, "y");
        AssertClose(dXd, dXf.Cast<double>(), 1e-5, "dX");
        for (int i = 0; i < d.Parameters.Count; i++) AssertClose(d.Parameters[i].Grad, f.Parameters[i].Grad.Cast<double>(), 1e-5, d.Parameters[i].Name);
    }

    [Fact]
    public void ToString_NamesKindSizesAndOptions()
    {
        Assert.Equal("LSTM(input: 3, hidden: 4)", new Lstm<float>(3, 4, new Rng(1)).ToString());
        Assert.Equal("GRU(input: 3, hidden: 4, layers: 2, output: last step, bias: false)",
            new Gru<float>(3, 4, new Rng(1), 2, RecurrentOutput.LastStep, bias: false).ToString());
        Assert.Equal("RNN(input: 1, hidden: 2)", new Rnn<double>(1, 2, new Rng(1)).ToString());
    }

    // ---- errors ------------------------------------------------------------------------------

    [Fact]
    public void WrongInputShapes_AreRejected_NamingLayerAndShapes()
    {
        var layer = new Lstm<double>(3, 4, new Rng(1));
        var ex = Assert.Throws<ShapeMismatchException>(() => layer.Forward(new Tensor<double>(5, 3)));
        Assert.Equal("LSTM(input: 3, hidden: 4) got x of shape (5, 3), expected (N, T, 3).", ex.Message);
        ex = Assert.Throws<ShapeMismatchException>(() => layer.Forward(new Tensor<double>(2, 5, 4)));
        Assert.Contains("got x of shape (2, 5, 4), expected (N, T, 3)", ex.Message);
        ex = Assert.Throws<ShapeMismatchException>(() => layer.Forward(new Tensor<double>(2, 0, 3)));
        Assert.Contains("T ≥ 1", ex.Message);
    }

    [Fact]
    public void WrongStateShapes_AreRejected()
    {
        var stacked = new Gru<double>(3, 4, new Rng(1), numLayers: 2);
        var x = new Tensor<double>(2, 5, 3);
        var ex = Assert.Throws<ShapeMismatchException>(() => stacked.Forward(x, new Tensor<double>(2, 4)));
        Assert.Equal("GRU(input: 3, hidden: 4, layers: 2) got h0 of shape (2, 4), expected (2, 2, 4).", ex.Message);
        Assert.Throws<ShapeMismatchException>(() => stacked.Forward(x, new Tensor<double>(2, 3, 4)));   // batch 3 ≠ 2
        var arg = Assert.Throws<ArgumentException>(() => stacked.Forward(x, null, new Tensor<double>(2, 2, 4)));
        Assert.Contains("no cell state", arg.Message);

        var single = new Lstm<double>(3, 4, new Rng(1));
        ex = Assert.Throws<ShapeMismatchException>(() => single.Forward(x, null, new Tensor<double>(2, 5)));
        Assert.Contains("got c0 of shape (2, 5), expected (2, 4) or (1, 2, 4)", ex.Message);
    }

    [Fact]
    public void WrongGradientShapes_AndBackwardBeforeForward_AreRejected()
    {
        var layer = new Rnn<double>(3, 4, new Rng(1), output: RecurrentOutput.LastStep);
        Assert.Throws<InvalidOperationException>(() => layer.Backward(new Tensor<double>(2, 4)));
        layer.Forward(new Tensor<double>(2, 5, 3));
        var ex = Assert.Throws<ShapeMismatchException>(() => layer.Backward(new Tensor<double>(2, 5, 4)));
        Assert.Equal("RNN(input: 3, hidden: 4, output: last step) got dY of shape (2, 5, 4), expected (2, 4).", ex.Message);
        ex = Assert.Throws<ShapeMismatchException>(() => layer.Backward(new Tensor<double>(2, 4), new Tensor<double>(3, 4)));
        Assert.Contains("got dHn of shape (3, 4)", ex.Message);
        Assert.Throws<ArgumentException>(() => layer.Backward(new Tensor<double>(2, 4), null, new Tensor<double>(2, 4)));
    }

    [Fact]
    public void InvalidSizes_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Lstm<double>(0, 4, new Rng(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Gru<double>(3, 0, new Rng(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Rnn<double>(3, 4, new Rng(1), numLayers: 0));
    }
}
