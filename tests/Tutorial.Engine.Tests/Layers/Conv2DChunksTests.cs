using Tutorial.Engine.Kernels;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Tests.Layers;

/// <summary>Conv2D shares a batch's samples out in fixed chunks (<see cref="SampleChunks"/>), on up to
/// Gemm.MaxThreads threads: its results must not depend on which thread ran which chunk.</summary>
public class Conv2DChunksTests
{
    // 16 samples → 8 chunks of 2; 2·16·8·27·196 ≈ 1.4 MFLOP forward, enough for a helper thread.
    private const int N = 16, CIn = 3, COut = 8, H = 16, W = 16;

    private static (Tensor<float> Y, Tensor<float> DX, float[] DW, float[] DB) Step(Conv2D<float> layer, Tensor<float> x, Tensor<float> dY)
    {
        layer.ZeroGrad();
        var y = layer.Forward(x).Clone();
        var dX = layer.Backward(dY).Clone();
        return (y, dX, layer.Weight.Grad.ToArray(), layer.Bias!.Grad.ToArray());
    }

    private static Tensor<float> Samples(Tensor<float> t, int first, int count)
    {
        int per = t.Length / t.N;
        var dims = t.Shape.Dims.ToArray();
        dims[0] = count;
        return Tensor<float>.FromArray(t.Span.Slice(first * per, count * per), dims);
    }

    [Fact]
    public void Conv2D_Float_RepeatedSteps_AreBitwiseEqual()
    {
        var layer = new Conv2D<float>(CIn, COut, 3, new Rng(61), padding: 1);
        var x = Tensor<float>.Normal(new Rng(62), 0, 1, N, CIn, H, W);
        var dY = Tensor<float>.Normal(new Rng(63), 0, 1, N, COut, H, W);
        var first = Step(layer, x, dY);
        for (int run = 0; run < 5; run++)
        {
            var again = Step(layer, x, dY);
            Assert.True(first.Y.ValueEquals(again.Y), $"y differs on run {run}");
            Assert.True(first.DX.ValueEquals(again.DX), $"dX differs on run {run}");
            Assert.Equal(first.DW, again.DW);
            Assert.Equal(first.DB, again.DB);
        }
    }

    [Fact]
    public void Conv2D_Float_BatchEqualsItsChunksRunAlone_SummedInChunkOrder()
    {
        var layer = new Conv2D<float>(CIn, COut, 3, new Rng(71), padding: 1);
        var x = Tensor<float>.Normal(new Rng(72), 0, 1, N, CIn, H, W);
        var dY = Tensor<float>.Normal(new Rng(73), 0, 1, N, COut, H, W);
        var whole = Step(layer, x, dY);

        int chunks = SampleChunks.ChunksFor(N), per = N / chunks;
        Assert.Equal(8, chunks);
        var dW = new float[whole.DW.Length];
        for (int c = 0; c < chunks; c++)
        {
            var part = Step(layer, Samples(x, c * per, per), Samples(dY, c * per, per));
            Assert.True(Samples(whole.Y, c * per, per).ValueEquals(part.Y), $"y of chunk {c}");
            Assert.True(Samples(whole.DX, c * per, per).ValueEquals(part.DX), $"dX of chunk {c}");
            for (int i = 0; i < dW.Length; i++) dW[i] += part.DW[i];
        }
        Assert.Equal(dW, whole.DW);
        Assert.Contains(whole.DW, v => v != 0f);
    }

    [Fact]
    public void Conv2D_EmptyBatch_AfterAFullOne_AddsNothingToTheGradients()
    {
        var layer = new Conv2D<float>(CIn, COut, 3, new Rng(81), padding: 1);
        var x = Tensor<float>.Normal(new Rng(82), 0, 1, N, CIn, H, W);
        var full = Step(layer, x, Tensor<float>.Normal(new Rng(83), 0, 1, N, COut, H, W));
        var y = layer.Forward(new Tensor<float>(0, CIn, H, W));
        Assert.Equal(new Shape(0, COut, H, W), y.Shape);
        var dX = layer.Backward(new Tensor<float>(0, COut, H, W));
        Assert.Equal(new Shape(0, CIn, H, W), dX.Shape);
        Assert.Equal(full.DW, layer.Weight.Grad.ToArray());
        Assert.Equal(full.DB, layer.Bias!.Grad.ToArray());
    }
}
