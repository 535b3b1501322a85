using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;
using static Tutorial.Engine.Tests.Layers.Recurrent.RecurrentTestKit;

namespace Tutorial.Engine.Tests.Layers.Recurrent;

/// <summary>
/// What the recurrent layers keep and hand out again: y in the training loop, the states copied out only when read,
/// and <see cref="Layer{T}.BackwardParameters"/> without dX.
/// </summary>
public class RecurrentReuseTests
{
    [Theory]
    [InlineData("RNN")]
    [InlineData("LSTM")]
    [InlineData("GRU")]
    public void BackwardParameters_GivesTheGradientsAndStateGradientsOfBackward(string kind)
    {
        var rng = new Rng(41);
        var a = Make<double>(kind, 3, 4, rng, numLayers: 2);
        var b = CloneLayer(a);
        var x = Tensor<double>.Normal(rng, 0, 1, 2, 5, 3);
        var dY = Tensor<double>.Normal(rng, 0, 1, 2, 5, 4);
        a.ZeroGrad();
        b.ZeroGrad();
        a.Forward(x);
        a.Backward(dY);
        b.Forward(x);
        b.BackwardParameters(dY);
        for (int i = 0; i < a.Parameters.Count; i++) Assert.Equal(a.Parameters[i].Grad.ToArray(), b.Parameters[i].Grad.ToArray());
        Assert.Equal(a.DH0!.ToArray(), b.DH0!.ToArray());
        Assert.Equal(a.HiddenGradientNorms!.ToArray(), b.HiddenGradientNorms!.ToArray());
        Assert.Contains(b.Parameters[0].Grad.ToArray(), v => Math.Abs(v) > 1e-6);
        // Backward still returns dX afterwards.
        Assert.Equal(x.Shape, b.Backward(dY).Shape);
    }

    [Fact]
    public void TrainingLoop_HandsOutTheSameOutput_AndAllocatesNothingInSteadyState()
    {
        var rng = new Rng(42);
        var lstm = new Lstm<float>(6, 16, rng) { ReuseBuffers = true };
        var x = Tensor<float>.Normal(rng, 0, 1, 4, 9, 6);
        var dY = Tensor<float>.Normal(rng, 0, 1, 4, 9, 16);
        Tensor<float> Step()
        {
            var y = lstm.Forward(x);
            lstm.BackwardParameters(dY);
            return y;
        }
        for (int i = 0; i < 3; i++) Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var y1 = Step();
        var y2 = Step();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Same(y1, y2);
        Assert.True(allocated < 1024, $"two steady-state steps allocated {allocated} bytes");
    }

    [Fact]
    public void ForwardOnlyCalls_ReturnNewTensors_AndStatesAreSnapshots()
    {
        var rng = new Rng(43);
        var lstm = new Lstm<double>(2, 3, rng);
        var x1 = Tensor<double>.Normal(rng, 0, 1, 2, 4, 2);
        var x2 = Tensor<double>.Normal(rng, 0, 1, 2, 4, 2);
        var y1 = lstm.Forward(x1);
        var hn1 = lstm.Hn!;
        var cn1 = lstm.Cn!;
        double[] keptY = y1.ToArray(), keptH = hn1.ToArray(), keptC = cn1.ToArray();
        var y2 = lstm.Forward(x2);
        Assert.NotSame(y1, y2);
        Assert.Equal(keptY, y1.ToArray());
        Assert.Equal(keptH, hn1.ToArray());
        Assert.Equal(keptC, cn1.ToArray());
        Assert.NotEqual(keptH, lstm.Hn!.ToArray());
        Assert.Same(lstm.Hn, lstm.Hn);                     // one copy per Forward
        for (int j = 0; j < 3; j++) Assert.Equal(y2[1, 3, j], lstm.Hn![0, 1, j]);
    }

    [Fact]
    public void StateGradients_SurviveAForwardOfAnotherShape()
    {
        var rng = new Rng(44);
        var gru = new Gru<double>(2, 3, rng);
        var reference = CloneLayer(gru);
        var x = Tensor<double>.Normal(rng, 0, 1, 2, 4, 2);
        var dY = Tensor<double>.Normal(rng, 0, 1, 2, 4, 3);
        gru.Forward(x);
        gru.Backward(dY);
        gru.Forward(Tensor<double>.Normal(rng, 0, 1, 5, 7, 2));   // another batch and length: new workspaces
        reference.Forward(x);
        reference.Backward(dY);
        Assert.Equal(reference.DH0!.ToArray(), gru.DH0!.ToArray());
        Assert.Equal(reference.HiddenGradientNorms!.ToArray(), gru.HiddenGradientNorms!.ToArray());
        Assert.Contains(gru.DH0!.ToArray(), v => Math.Abs(v) > 1e-6);
    }

    [Fact]
    public void EvaluationMode_ReturnsANewOutputEveryCall()
    {
        var rng = new Rng(45);
        var rnn = new Rnn<float>(2, 3, rng) { Training = false };
        var x = Tensor<float>.Normal(rng, 0, 1, 2, 4, 2);
        var y1 = rnn.Forward(x);
        rnn.Backward(Tensor<float>.Ones(2, 4, 3));
        Assert.NotSame(y1, rnn.Forward(x));
    }
}
