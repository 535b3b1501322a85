using System.Globalization;
using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Images;

/// <summary>
/// Shifts each image (C, H, W) by dx ~ U[−f_w, f_w)·W pixels right and dy ~ U[−f_h, f_h)·H pixels
/// down (Keras' <c>width_shift_range</c> and <c>height_shift_range</c>), via
/// <see cref="ImageTransforms.Shift{T}"/>: y[c, i, j] = x[c, i − dy, j − dx], read by bilinear
/// interpolation (shifts need not be whole pixels), <see cref="Fill"/> where the content moved away.
/// Draws two numbers per image: dx, then dy.
/// </summary>
public sealed class RandomShift : Augmentation
{
    public double WidthFraction { get; }
    public double HeightFraction { get; }

    /// <summary>The value shown where the content moved away (0 = black).</summary>
    public double Fill { get; }

    public RandomShift(double widthFraction, double heightFraction, double fill = 0)
    {
        if (!(widthFraction is >= 0 and <= 1) || !(heightFraction is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(widthFraction),
                $"RandomShift: the fractions must be in [0, 1], got width {widthFraction} and height {heightFraction}.");
        WidthFraction = widthFraction;
        HeightFraction = heightFraction;
        Fill = fill;
    }

    protected override Tensor<T> ApplyToImage<T>(Tensor<T> image, Rng rng)
    {
        var (_, h, w) = ImageShape.Chw(image, ToString());
        double dx = rng.Uniform(-WidthFraction, WidthFraction) * w;
        double dy = rng.Uniform(-HeightFraction, HeightFraction) * h;
        return ImageTransforms.Shift(image, dx, dy, Fill);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"RandomShift(width: {WidthFraction}, height: {HeightFraction})");
}
