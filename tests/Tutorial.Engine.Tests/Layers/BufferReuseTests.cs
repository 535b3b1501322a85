using Tutorial.Engine.Layers;
using Tutorial.Engine.Losses;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Tests.Layers;

/// <summary>Layers hand out their y and dX again in the training loop (TensorBuffer), and never where a caller may
/// still hold the previous result; BackwardParameters gives the same parameter gradients as Backward.</summary>
public class BufferReuseTests
{
    private static Sequential<float> Cnn() => new(
        new Conv2D<float>(1, 2, 3, new Rng(1)), new ReLU<float>(), new MaxPool2D<float>(2),
        new Flatten<float>(), new Linear<float>(2 * 3 * 3, 4, new Rng(2)));

    private static Tensor<float> Images(ulong seed, int n) => Tensor<float>.Normal(new Rng(seed), 0, 1, n, 1, 8, 8);

    private static Tensor<float> Labels(int n) => Tensor<float>.FromDoubles(Enumerable.Range(0, n).Select(i => (double)(i % 4)).ToArray(), n);

    [Fact]
    public void TrainingLoop_HandsOutTheSameTensorsEveryStep()
    {
        var model = Cnn();
        var loss = new SoftmaxCrossEntropy<float>();
        var x = Images(3, 5);
        var y = Labels(5);
        Tensor<float> Step(out Tensor<float> dX)
        {
            var prediction = model.Forward(x);
            loss.Forward(prediction, y);
            dX = model.Backward(loss.Backward());
            return prediction;
        }
        Step(out _);                       // first step allocates
        var p2 = Step(out var dX2);
        var p3 = Step(out var dX3);
        Assert.Same(p2, p3);
        Assert.Same(dX2, dX3);
    }

    [Fact]
    public void ReusedTensors_HoldTheSameValuesAsFreshOnes()
    {
        var reused = Cnn();
        var fresh = Cnn();
        var loss = new SoftmaxCrossEntropy<float>();
        for (int step = 0; step < 3; step++)
        {
            var x = Images(10 + (ulong)step, step == 1 ? 3 : 5);      // a smaller batch in between reuses the storage
            var y = Labels(x.N);
            var a = reused.Forward(x);
            loss.Forward(a, y);
            var dA = reused.Backward(loss.Backward());

            fresh.Eval();                                              // evaluation mode: every Forward is new
            var b = fresh.Forward(x).Clone();
            fresh.Train();
            var b2 = fresh.Forward(x);
            loss.Forward(b2, y);
            var dB = fresh.Backward(loss.Backward()).Clone();
            Assert.Equal(b.ToArray(), a.ToArray());
            Assert.Equal(dB.ToArray(), dA.ToArray());
            Assert.Equal(x.Shape, dA.Shape);
        }
    }

    [Fact]
    public void TwoForwardCallsInARow_ReturnDifferentTensors()
    {
        var model = Cnn();
        var y1 = model.Forward(Images(4, 2));
        var kept = y1.ToArray();
        var y2 = model.Forward(Images(5, 2));
        Assert.NotSame(y1, y2);
        Assert.Equal(kept, y1.ToArray());
    }

    [Fact]
    public void EvaluationMode_ReturnsNewTensorsAfterBackward()
    {
        var layer = new Linear<float>(3, 2, new Rng(1)) { Training = false };
        var x = Tensor<float>.Normal(new Rng(2), 0, 1, 4, 3);
        var y1 = layer.Forward(x);
        layer.Backward(Tensor<float>.Ones(4, 2));
        var y2 = layer.Forward(x);
        Assert.NotSame(y1, y2);
    }

    [Fact]
    public void BackwardParameters_GivesTheParameterGradientsOfBackward()
    {
        var a = Cnn();
        var b = Cnn();
        var x = Images(7, 4);
        var dY = Tensor<float>.Normal(new Rng(8), 0, 1, 4, 4);
        a.Forward(x);
        a.Backward(dY);
        b.Forward(x);
        b.BackwardParameters(dY);
        var pa = a.Parameters;
        var pb = b.Parameters;
        Assert.Equal(4, pa.Count);    // conv and linear weight and bias
        for (int i = 0; i < pa.Count; i++) Assert.Equal(pa[i].Grad.ToArray(), pb[i].Grad.ToArray());
        Assert.Contains(pb[0].Grad.ToArray(), v => v != 0);
    }
}
