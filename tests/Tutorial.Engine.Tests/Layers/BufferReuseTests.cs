using Tutorial.Engine.Layers;
using Tutorial.Engine.Losses;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Tests.Layers;

/// <summary>With ReuseBuffers on (the Trainer's loop), layers hand out their y and dX again (TensorBuffer), and never
/// where a caller may still hold the previous result; off (the default), every call returns a new tensor.
/// BackwardParameters gives the same parameter gradients as Backward.</summary>
public class BufferReuseTests
{
    private static Sequential<float> Cnn(bool reuse = true) => new(
        new Conv2D<float>(1, 2, 3, new Rng(1)), new ReLU<float>(), new MaxPool2D<float>(2),
        new Flatten<float>(), new Linear<float>(2 * 3 * 3, 4, new Rng(2))) { ReuseBuffers = reuse };

    private static Tensor<float> Images(ulong seed, int n) => Tensor<float>.Normal(new Rng(seed), 0, 1, n, 1, 8, 8);

    private static Tensor<float> Labels(int n) => Tensor<float>.FromDoubles(Enumerable.Range(0, n).Select(i => (double)(i % 4)).ToArray(), n);

    [Fact]
    public void TrainingLoop_HandsOutTheSameTensorsEveryStep()
    {
        var model = Cnn();
        var loss = new SoftmaxCrossEntropy<float> { ReuseBuffers = true };
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
        var fresh = Cnn(reuse: false);
        var loss = new SoftmaxCrossEntropy<float> { ReuseBuffers = true };
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
        var layer = new Linear<float>(3, 2, new Rng(1)) { Training = false, ReuseBuffers = true };
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

    [Fact]
    public void ByDefault_EveryStepReturnsNewTensors_AndKeptResultsAreNotOverwritten()
    {
        var model = Cnn(reuse: false);
        var loss = new SoftmaxCrossEntropy<float>();
        Assert.False(model.ReuseBuffers);
        Assert.False(loss.ReuseBuffers);
        var x = Images(3, 5);
        var y = Labels(5);
        var kept = new List<(Tensor<float> Prediction, float[] Values, Tensor<float> Gradient, float[] GradientValues)>();
        for (int step = 0; step < 3; step++)
        {
            var prediction = model.Forward(x);
            loss.Forward(prediction, y);
            var gradient = loss.Backward();
            model.Backward(gradient);
            kept.Add((prediction, prediction.ToArray(), gradient, gradient.ToArray()));
            foreach (var p in model.Parameters) p.Value.Span[0] += 0.5f;     // the next step's outputs differ
        }
        Assert.NotSame(kept[1].Prediction, kept[2].Prediction);
        Assert.NotSame(kept[1].Gradient, kept[2].Gradient);
        foreach (var k in kept)
        {
            Assert.Equal(k.Values, k.Prediction.ToArray());
            Assert.Equal(k.GradientValues, k.Gradient.ToArray());
        }
    }

    [Fact]
    public void ReuseBuffers_ReachesTheLayersOfASequential_AddedBeforeOrAfter()
    {
        var model = new Sequential<float>(new Linear<float>(3, 2, new Rng(1)));
        model.ReuseBuffers = true;
        model.Add(new ReLU<float>());
        Assert.All(model.Layers, l => Assert.True(l.ReuseBuffers));
        model.ReuseBuffers = false;
        Assert.All(model.Layers, l => Assert.False(l.ReuseBuffers));
    }
}
