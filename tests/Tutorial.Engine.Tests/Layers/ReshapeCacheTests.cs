using Tutorial.Engine.Layers;
using Tutorial.Engine.Losses;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Tests.Layers;

/// <summary><see cref="ReshapeCache{T}"/>: the same view again only for the same storage, offset and shape.</summary>
public class ReshapeCacheTests
{
    [Fact]
    public void View_OfTheSameStorage_IsHandedOutAgain_OtherStorageGetsANewView()
    {
        var cache = new ReshapeCache<float>();
        var a = Tensor<float>.FromArray([1, 2, 3, 4, 5, 6], 2, 3);
        var v1 = cache.View(a, 3, 2);
        Assert.Same(v1, cache.View(a, 3, 2));
        Assert.Equal(new Shape(3, 2), v1.Shape);
        Assert.Equal(4f, v1[1, 1]);
        var v2 = cache.View(a, 6);
        Assert.Equal(new Shape(6), v2.Shape);
        var b = a.Clone();
        var v3 = cache.View(b, 6);
        Assert.NotSame(v2, v3);
        Assert.Same(b.Data, v3.Data);
        Assert.Throws<ArgumentException>(() => cache.View(b, 4));
    }

    [Fact]
    public void SequenceModelTrainingStep_ReusesItsViews_AndKeepsValues()
    {
        var rng = new Rng(3);
        var head = new TimeDistributed<float>(new Linear<float>(4, 3, rng)) { ReuseBuffers = true };
        var loss = new SequenceSoftmaxCrossEntropy<float> { ReuseBuffers = true };
        var x = Tensor<float>.Normal(rng, 0, 1, 2, 5, 4);
        var y = Tensor<float>.FromDoubles(Enumerable.Range(0, 10).Select(i => (double)(i % 3)).ToArray(), 2, 5);
        Tensor<float>? lastZ = null, lastDZ = null, lastDX = null;
        float firstLoss = 0;
        for (int step = 0; step < 3; step++)
        {
            var z = head.Forward(x);
            float l = loss.Forward(z, y);
            var dZ = loss.Backward();
            var dX = head.Backward(dZ);
            if (step == 0) firstLoss = l;
            else
            {
                Assert.Same(lastZ, z);
                Assert.Same(lastDZ, dZ);
                Assert.Same(lastDX, dX);
                Assert.Equal(firstLoss, l);        // no update in between: the same loss from the same views
            }
            Assert.Equal(new Shape(2, 5, 3), z.Shape);
            Assert.Equal(x.Shape, dX.Shape);
            (lastZ, lastDZ, lastDX) = (z, dZ, dX);
        }
    }
}
