using System.Globalization;
using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Images;

/// <summary>
/// Rotates each image (C, H, W) about its centre by an angle θ ~ U[min, max) degrees
/// (counter-clockwise positive), via <see cref="ImageTransforms.Rotate{T}"/>: inverse mapping with
/// bilinear interpolation, <see cref="Fill"/> where the rotated-in corners come from outside.
/// Draws one number per image.
/// </summary>
public sealed class RandomRotation : Augmentation
{
    public double MinDegrees { get; }
    public double MaxDegrees { get; }

    /// <summary>The value shown where no source pixel lands (0 = black).</summary>
    public double Fill { get; }

    public RandomRotation(double minDegrees, double maxDegrees, double fill = 0)
    {
        if (!(minDegrees <= maxDegrees))
            throw new ArgumentException($"RandomRotation: the range [{minDegrees}, {maxDegrees}] is empty.");
        MinDegrees = minDegrees;
        MaxDegrees = maxDegrees;
        Fill = fill;
    }

    protected override Tensor<T> ApplyToImage<T>(Tensor<T> image, Rng rng)
    {
        ImageShape.Chw(image, ToString());
        double degrees = rng.Uniform(MinDegrees, MaxDegrees);
        return ImageTransforms.Rotate(image, degrees, Fill);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"RandomRotation({MinDegrees}°, {MaxDegrees}°)");
}
