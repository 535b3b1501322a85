using Tutorial.Data.Images;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Tests.Images;

public class AugmentationTests
{
    private static Tensor<float> Batch(ulong seed = 11) => Tensor<float>.Uniform(new Rng(seed), 0, 1, 4, 1, 12, 12);

    private static Augmentation Pipeline() => Augmentation.Compose(
        Augmentation.RandomRotation(20),
        Augmentation.RandomShift(0.1, 0.2),
        Augmentation.RandomHorizontalFlip(0.5),
        Augmentation.RandomCrop(padding: 2));

    [Fact]
    public void Compose_SameSeed_GivesIdenticalOutput()
    {
        var x = Batch();
        var a = Pipeline().Apply(x, seed: 5);
        var b = Pipeline().Apply(x, seed: 5);
        Assert.True(a.ValueEquals(b));
    }

    [Fact]
    public void Compose_DifferentSeeds_GiveDifferentOutput()
    {
        var x = Batch();
        var a = Pipeline().Apply(x, seed: 5);
        var b = Pipeline().Apply(x, seed: 6);
        Assert.Equal(a.Shape, b.Shape);
        Assert.False(a.ValueEquals(b));
    }

    [Fact]
    public void Apply_LeavesTheInputUnchanged()
    {
        var x = Batch();
        var copy = x.Clone();
        Pipeline().Apply(x, seed: 1);
        Assert.True(x.ValueEquals(copy));
    }

    [Fact]
    public void Apply_ToABatch_GivesEachImageItsOwnParameters()
    {
        // The same image four times: different random rotations make the outputs differ.
        var one = Tensor<double>.Uniform(new Rng(3), 0, 1, 1, 1, 9, 9);
        var x = new Tensor<double>(4, 1, 9, 9);
        for (int n = 0; n < 4; n++) one.CopyTo(x.Row(n));
        var y = Augmentation.RandomRotation(30).Apply(x, seed: 2);
        Assert.False(y.Row(0).ValueEquals(y.Row(1)));
        Assert.False(y.Row(1).ValueEquals(y.Row(2)));
    }

    [Fact]
    public void Apply_ToABatch_EqualsApplyingToEachImageWithTheSameGenerator()
    {
        var x = Batch();
        var batched = Pipeline().Apply(x, seed: 9);
        var rng = new Rng(9);
        var pipeline = Pipeline();
        for (int n = 0; n < x.N; n++)
            Assert.True(pipeline.Apply(x.Row(n), rng).ValueEquals(batched.Row(n)));
    }

    [Fact]
    public void Compose_RunsStepsInOrderOnOneGenerator()
    {
        var x = Batch().Row(0);
        var rotate = Augmentation.RandomRotation(-10, 40);
        var shift = Augmentation.RandomShift(0.2, 0.1);
        var composed = Augmentation.Compose(rotate, shift).Apply(x, seed: 4);

        var rng = new Rng(4);
        var byHand = shift.Apply(rotate.Apply(x, rng), rng);
        Assert.True(composed.ValueEquals(byHand));
    }

    [Fact]
    public void RandomRotation_DrawsTheAngleUniformlyFromTheRange()
    {
        var x = Batch().Row(0);
        var y = Augmentation.RandomRotation(-10, 40).Apply(x, seed: 8);
        double angle = new Rng(8).Uniform(-10, 40);
        Assert.True(ImageTransforms.Rotate(x, angle).ValueEquals(y));
    }

    [Fact]
    public void RandomRotation_ZeroRange_IsTheIdentity()
    {
        var x = Batch();
        Assert.True(Augmentation.RandomRotation(0).Apply(x, seed: 1).ValueEquals(x));
    }

    [Fact]
    public void RandomShift_ShiftsByTheDrawnFractionOfTheSize()
    {
        var x = Tensor<double>.Uniform(new Rng(5), 0, 1, 2, 10, 20);
        var y = Augmentation.RandomShift(0.1, 0.3).Apply(x, seed: 3);
        var rng = new Rng(3);
        double dx = rng.Uniform(-0.1, 0.1) * 20, dy = rng.Uniform(-0.3, 0.3) * 10;
        Assert.InRange(Math.Abs(dx), 0, 2);
        Assert.InRange(Math.Abs(dy), 0, 3);
        Assert.True(ImageTransforms.Shift(x, dx, dy).ValueEquals(y));
    }

    [Fact]
    public void RandomHorizontalFlip_ProbabilityOneFlips_ZeroKeeps()
    {
        var x = Batch();
        var flipped = Augmentation.RandomHorizontalFlip(1).Apply(x, seed: 1);
        Assert.True(ImageTransforms.FlipHorizontal(x).ValueEquals(flipped));
        Assert.True(Augmentation.RandomHorizontalFlip(0).Apply(x, seed: 1).ValueEquals(x));
    }

    [Fact]
    public void RandomHorizontalFlip_HalfProbability_FlipsAboutHalfOfABatch()
    {
        var x = Tensor<float>.Uniform(new Rng(1), 0, 1, 200, 1, 2, 3);
        var y = Augmentation.RandomHorizontalFlip(0.5).Apply(x, seed: 12);
        var flippedAll = ImageTransforms.FlipHorizontal(x);
        int flips = 0;
        for (int n = 0; n < 200; n++)
        {
            bool kept = y.Row(n).ValueEquals(x.Row(n));
            bool flipped = y.Row(n).ValueEquals(flippedAll.Row(n));
            Assert.True(kept ^ flipped);
            if (flipped) flips++;
        }
        Assert.InRange(flips, 75, 125); // 200 fair coins: mean 100, sd ≈ 7
    }

    [Fact]
    public void RandomCrop_ReturnsAWindowOfThePaddedImage()
    {
        var x = Tensor<double>.Uniform(new Rng(6), 0.1, 1, 3, 8, 8);
        var y = Augmentation.RandomCrop(padding: 4, height: 6, width: 10).Apply(x, seed: 21);
        Assert.Equal(new Shape(3, 6, 10), y.Shape);
        var rng = new Rng(21);
        int top = rng.NextInt(16 - 6 + 1), left = rng.NextInt(16 - 10 + 1);
        var expected = ImageTransforms.Crop(ImageTransforms.Pad(x, 4), top, left, 6, 10);
        Assert.True(expected.ValueEquals(y));
    }

    [Fact]
    public void RandomCrop_NoPaddingFullSize_IsTheIdentity()
    {
        var x = Batch();
        Assert.True(Augmentation.RandomCrop(0).Apply(x, seed: 3).ValueEquals(x));
    }

    [Fact]
    public void Resize_InAPipeline_ChangesTheBatchShape()
    {
        var x = Batch();
        var y = Augmentation.Compose(Augmentation.RandomHorizontalFlip(), Augmentation.Resize(6, 8)).Apply(x, seed: 1);
        Assert.Equal(new Shape(4, 1, 6, 8), y.Shape);
    }

    [Fact]
    public void Compose_Empty_IsTheIdentity()
    {
        var x = Batch();
        var y = Augmentation.Compose().Apply(x, seed: 1);
        Assert.True(y.ValueEquals(x));
        Assert.NotSame(x, y);
    }

    [Fact]
    public void ToString_DescribesThePipeline()
    {
        Assert.Equal("Compose(RandomRotation(-20°, 20°), RandomShift(width: 0.1, height: 0.2), RandomHorizontalFlip(p: 0.5), RandomCrop(padding: 2))",
            Pipeline().ToString());
    }

    [Fact]
    public void Apply_ToATensorThatIsNotAnImage_ThrowsNamingTheShape()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => Pipeline().Apply(new Tensor<float>(64, 784), seed: 1));
        Assert.Contains("(64, 784)", e.Message);
    }
}
