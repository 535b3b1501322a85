using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;
using static Tutorial.Engine.Tests.Layers.Recurrent.RecurrentTestKit;

namespace Tutorial.Engine.Tests.Layers.Recurrent;

public class TruncatedBpttTests
{
    [Theory]
    [InlineData("RNN")]
    [InlineData("LSTM")]
    [InlineData("GRU")]
    public void CarriedState_ReproducesTheFullSequenceForward(string kind)
    {
        var rng = new Rng(31);
        var layer = Make<double>(kind, 3, 4, rng, numLayers: 2);
        var x = Tensor<double>.Normal(rng, 0, 1, 2, 7, 3);
        var full = layer.Forward(x);
        var fullHn = layer.Hn!;
        var fullCn = layer.Cn;

        var tbptt = new TruncatedBptt<double>(layer, chunkLength: 3);
        Assert.Equal([(0, 3), (3, 3), (6, 1)], tbptt.Chunks(7));
        var pieces = tbptt.Chunks(7).Select(c => tbptt.Forward(TruncatedBptt<double>.SliceTime(x, c.Start, c.Length))).ToList();

        AssertClose(full, ConcatTime(pieces), 1e-14, "outputs chunk by chunk");
        AssertClose(fullHn, tbptt.Hidden!, 1e-14, "carried h");
        if (fullCn is not null) AssertClose(fullCn, tbptt.Cell!, 1e-14, "carried c");
        else Assert.Null(tbptt.Cell);
    }

    [Theory]
    [InlineData("RNN")]
    [InlineData("LSTM")]
    [InlineData("GRU")]
    public void Gradients_StopAtChunkBoundaries_EqualIndependentChunkRunsFromTheCarriedStates(string kind)
    {
        var rng = new Rng(32);
        var layer = Make<double>(kind, 3, 4, rng, numLayers: 2);
        var x = Tensor<double>.Normal(rng, 0, 1, 2, 8, 3);
        var dY = Tensor<double>.Normal(rng, 0, 1, 2, 8, 4);
        var reference = CloneLayer(layer);

        layer.ZeroGrad();
        var tbptt = new TruncatedBptt<double>(layer, chunkLength: 3);
        var starts = new List<int>();
        var dX = tbptt.Run(x, (start, y) => TruncatedBptt<double>.SliceTime(dY, start, y.Dim(1)), starts.Add);
        Assert.Equal([0, 3, 6], starts);

        // Manually: each chunk is a separate forward from the state the full sequence has at the chunk's start
        // (a constant), with its own dY and no gradient arriving at its end. Gradients are summed over chunks.
        var expectedDX = new List<Tensor<double>>();
        var chunkLayer = CloneLayer(reference);
        chunkLayer.ZeroGrad();
        foreach (var (start, length) in tbptt.Chunks(8))
        {
            Tensor<double>? h0 = null, c0 = null;
            if (start > 0)
            {
                var prefix = CloneLayer(reference);
                prefix.Forward(TruncatedBptt<double>.SliceTime(x, 0, start));
                h0 = prefix.Hn;
                c0 = prefix.Cn;
            }
            chunkLayer.Forward(TruncatedBptt<double>.SliceTime(x, start, length), h0, c0);
            expectedDX.Add(chunkLayer.Backward(TruncatedBptt<double>.SliceTime(dY, start, length)));
        }
        AssertClose(ConcatTime(expectedDX), dX, 1e-13, "dX");
        for (int i = 0; i < layer.Parameters.Count; i++)
            AssertClose(chunkLayer.Parameters[i].Grad, layer.Parameters[i].Grad, 1e-13, layer.Parameters[i].Name);

        // And full BPTT differs: with it, the gradient from later chunks reaches the first chunk's inputs.
        reference.ZeroGrad();
        reference.Forward(x);
        var fullDX = reference.Backward(dY);
        Assert.True(MaxAbsDifference(fullDX, dX) > 1e-3, "Truncation should change dX of the early steps.");
        var lastChunk = TruncatedBptt<double>.SliceTime(dX, 6, 2);
        AssertClose(TruncatedBptt<double>.SliceTime(fullDX, 6, 2), lastChunk, 1e-13, "dX of the last chunk (nothing after it to cut)");
    }

    /// <summary>
    /// A scalar RNN (D = H = 1) written out by hand: h_t = tanh(w·x_t + u·h_{t−1} + b + c), chunks of 2 over 4 steps,
    /// L = Σ_t g_t·h_t. In chunk 2, h_1 enters as a number, so du gets da_2·h_1 but nothing through h_1's own dependence on u.
    /// </summary>
    [Fact]
    public void ScalarRnn_TruncatedGradients_MatchAHandComputation()
    {
        double w = 0.7, u = -0.4, b = 0.1, c = -0.3;
        double[] xs = [0.5, -1.2, 0.8, 0.3], gs = [0.9, -0.6, 1.1, 0.4];
        var layer = new Rnn<double>(1, 1, new Rng(1));
        layer.Weights[0].WeightIh.Value[0] = w;
        layer.Weights[0].WeightHh.Value[0] = u;
        layer.Weights[0].BiasIh!.Value[0] = b;
        layer.Weights[0].BiasHh!.Value[0] = c;
        layer.ZeroGrad();

        var x = Tensor<double>.FromArray(xs, 1, 4, 1);
        var g = Tensor<double>.FromArray(gs, 1, 4, 1);
        var tbptt = new TruncatedBptt<double>(layer, chunkLength: 2);
        var dX = tbptt.Run(x, (start, y) => TruncatedBptt<double>.SliceTime(g, start, 2));

        double dw = 0, du = 0, db = 0, hCarry = 0;
        var dx = new double[4];
        for (int start = 0; start < 4; start += 2)
        {
            var h = new double[3];
            h[0] = hCarry;                                              // h[k] = state before local step k
            for (int k = 0; k < 2; k++) h[k + 1] = Math.Tanh(w * xs[start + k] + u * h[k] + b + c);
            double dh = 0;                                              // nothing arrives from the next chunk
            for (int k = 1; k >= 0; k--)
            {
                dh += gs[start + k];
                double da = dh * (1 - h[k + 1] * h[k + 1]);
                dw += da * xs[start + k];
                du += da * h[k];
                db += da;
                dx[start + k] = da * w;
                dh = da * u;                                            // dropped after k = 0: the boundary
            }
            hCarry = h[2];
        }

        Assert.Equal(dw, layer.Weights[0].WeightIh.Grad[0], 1e-14);
        Assert.Equal(du, layer.Weights[0].WeightHh.Grad[0], 1e-14);
        Assert.Equal(db, layer.Weights[0].BiasIh!.Grad[0], 1e-14);
        Assert.Equal(db, layer.Weights[0].BiasHh!.Grad[0], 1e-14);
        for (int t = 0; t < 4; t++) Assert.Equal(dx[t], dX[t], 1e-14);
        Assert.Equal(hCarry, tbptt.Hidden![0], 1e-15);
    }

    [Fact]
    public void Reset_StartsTheNextChunkFromZeroStates()
    {
        var rng = new Rng(33);
        var layer = new Lstm<double>(2, 3, rng);
        var x = Tensor<double>.Normal(rng, 0, 1, 2, 4, 2);
        var tbptt = new TruncatedBptt<double>(layer, 2);
        tbptt.Forward(TruncatedBptt<double>.SliceTime(x, 0, 2));
        var carried = tbptt.Forward(TruncatedBptt<double>.SliceTime(x, 2, 2));
        tbptt.Reset();
        Assert.Null(tbptt.Hidden);
        var fresh = tbptt.Forward(TruncatedBptt<double>.SliceTime(x, 2, 2));
        var expected = CloneLayer(layer).Forward(TruncatedBptt<double>.SliceTime(x, 2, 2));
        AssertClose(expected, fresh, 0, "after Reset");
        Assert.True(MaxAbsDifference(carried, fresh) > 1e-3);
    }

    [Fact]
    public void ChunkOfAnotherBatchSize_WithoutReset_IsRejected()
    {
        var rng = new Rng(34);
        var tbptt = new TruncatedBptt<double>(new Gru<double>(2, 3, rng), 2);
        tbptt.Forward(Tensor<double>.Normal(rng, 0, 1, 2, 2, 2));
        var ex = Assert.Throws<InvalidOperationException>(() => tbptt.Forward(Tensor<double>.Normal(rng, 0, 1, 3, 2, 2)));
        Assert.Contains("Reset()", ex.Message);
        Assert.Contains("(3, 2, 2)", ex.Message);
    }

    [Fact]
    public void SliceTime_CopiesTheStepsOfEverySample()
    {
        var x = Tensor<double>.FromArray(Enumerable.Range(0, 2 * 4 * 3).Select(i => (double)i).ToArray(), 2, 4, 3);
        var s = TruncatedBptt<double>.SliceTime(x, 1, 2);
        Assert.Equal(new Shape(2, 2, 3), s.Shape);
        Assert.Equal([3, 4, 5, 6, 7, 8, 15, 16, 17, 18, 19, 20], s.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => TruncatedBptt<double>.SliceTime(x, 3, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TruncatedBptt<double>(new Rnn<double>(1, 1, new Rng(1)), 0));
    }
}
