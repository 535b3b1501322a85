using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Images;

/// <summary>
/// A random image transform for data augmentation: each image gets fresh random parameters (an
/// angle, a shift, a coin toss) drawn from an <see cref="Rng"/>, so the same seed gives the same
/// augmented batch, bit for bit.
/// <para>Build one with the factories and chain them with <see cref="Compose"/>:</para>
/// <code>
/// var augment = Augmentation.Compose(
///     Augmentation.RandomRotation(15),
///     Augmentation.RandomShift(0.1, 0.1),
///     Augmentation.RandomHorizontalFlip(0.5));
/// Tensor&lt;float&gt; xAug = augment.Apply(xBatch, seed: 42);   // (N, C, H, W) -> (N, C, H, W)
/// </code>
/// <para>Images of a batch are processed in order n = 0 … N−1 with one generator; within an
/// image, the steps of a pipeline draw in the order they are listed.</para>
/// </summary>
public abstract class Augmentation
{
    /// <summary>Transforms one image (C, H, W), drawing its random parameters from <paramref name="rng"/>.</summary>
    protected abstract Tensor<T> ApplyToImage<T>(Tensor<T> image, Rng rng) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>
    /// Transforms one image (C, H, W), or every image of a batch (N, C, H, W) with its own random
    /// parameters, and returns a new tensor (the input is unchanged).
    /// </summary>
    public Tensor<T> Apply<T>(Tensor<T> x, Rng rng) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(rng);
        var batch = ImageShape.AsBatch(x, $"{this}", out bool single);
        if (single) return ApplyToImage(x, rng);

        int n = batch.Shape[0];
        Tensor<T>? result = null;
        for (int i = 0; i < n; i++)
        {
            var y = ApplyToImage(batch.Row(i), rng);
            result ??= new Tensor<T>([n, .. y.Shape.Dims]);
            if (y.Length * n != result.Length)
                throw new InvalidOperationException($"{this}: image {i} came out as {y.Shape}, unlike image 0 ({result.Shape}).");
            y.CopyTo(result.Row(i));
        }
        return result ?? new Tensor<T>(batch.Shape);
    }

    /// <summary>Same as <see cref="Apply{T}(Tensor{T}, Rng)"/> with a new generator seeded by <paramref name="seed"/>.</summary>
    public Tensor<T> Apply<T>(Tensor<T> x, ulong seed) where T : unmanaged, IFloatingPointIeee754<T> => Apply(x, new Rng(seed));

    // ---- factories -------------------------------------------------------------------------

    /// <summary>Applies <paramref name="steps"/> one after another to each image.</summary>
    public static Augmentation Compose(params Augmentation[] steps) => new AugmentationPipeline(steps);

    /// <summary>Rotates each image by an angle drawn uniformly from [−<paramref name="maxDegrees"/>, +<paramref name="maxDegrees"/>] (see <see cref="T:Tutorial.Data.Images.RandomRotation"/>).</summary>
    /// <remarks>Corners that rotate in from outside are 0 (black); for another fill use the (min, max, fill) overload.</remarks>
    public static Augmentation RandomRotation(double maxDegrees) =>
        new RandomRotation(-Math.Abs(maxDegrees), Math.Abs(maxDegrees));

    /// <summary>Rotates each image by an angle drawn uniformly from [<paramref name="minDegrees"/>, <paramref name="maxDegrees"/>].</summary>
    public static Augmentation RandomRotation(double minDegrees, double maxDegrees, double fill = 0) =>
        new RandomRotation(minDegrees, maxDegrees, fill);

    /// <summary>Shifts each image by up to ±<paramref name="widthFraction"/>·W and ±<paramref name="heightFraction"/>·H pixels (see <see cref="T:Tutorial.Data.Images.RandomShift"/>).</summary>
    public static Augmentation RandomShift(double widthFraction, double heightFraction, double fill = 0) =>
        new RandomShift(widthFraction, heightFraction, fill);

    /// <summary>Mirrors each image left-right with probability <paramref name="probability"/>.</summary>
    public static Augmentation RandomHorizontalFlip(double probability = 0.5) => new RandomHorizontalFlip(probability);

    /// <summary>
    /// Pads each image by <paramref name="padding"/> pixels of <paramref name="fill"/> and cuts out a
    /// random window of <paramref name="height"/> × <paramref name="width"/> (default: the original size).
    /// </summary>
    public static Augmentation RandomCrop(int padding, int? height = null, int? width = null, double fill = 0) =>
        new RandomCrop(padding, height, width, fill);

    /// <summary>Resizes each image to <paramref name="height"/> × <paramref name="width"/> (bilinear; no randomness).</summary>
    public static Augmentation Resize(int height, int width) => new ResizeStep(height, width);
}
