using System.Globalization;
using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Images;

/// <summary>
/// Mirrors each image (C, H, W) left-right with probability p: y[c, i, j] = x[c, i, W−1−j].
/// Draws one number per image (also when p is 0 or 1, so the draws of later steps do not depend on p).
/// Fine for photos; not for digits or text, where a mirrored 2 is no longer a 2.
/// </summary>
public sealed class RandomHorizontalFlip : Augmentation
{
    public double Probability { get; }

    public RandomHorizontalFlip(double probability = 0.5)
    {
        if (!(probability is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(probability), $"RandomHorizontalFlip: the probability must be in [0, 1], got {probability}.");
        Probability = probability;
    }

    protected override Tensor<T> ApplyToImage<T>(Tensor<T> image, Rng rng)
    {
        ImageShape.Chw(image, ToString());
        return rng.Bernoulli(Probability) ? ImageTransforms.FlipHorizontal(image) : image.Clone();
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"RandomHorizontalFlip(p: {Probability})");
}
