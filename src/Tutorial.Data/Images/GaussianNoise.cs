using System.Globalization;
using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Images;

/// <summary>
/// Adds independent Gaussian noise to every pixel of each image (C, H, W):
/// <code>
/// y[c, i, j] = x[c, i, j] + σ·ε[c, i, j],   ε ~ N(0, 1)      (then clipped to [0, 1] when <see cref="Clip"/>)
/// </code>
/// Simulates sensor noise; a network trained on it learns not to rely on single pixels. Draws C·H·W
/// normal numbers per image, in row-major order. Intensities are assumed to lie in [0, 1], so by default
/// the result is clipped back into that range.
/// </summary>
public sealed class GaussianNoise : Augmentation
{
    /// <summary>σ, the standard deviation of the noise (in intensity units).</summary>
    public double Std { get; }

    /// <summary>Whether each result is clipped to [0, 1].</summary>
    public bool Clip { get; }

    /// <summary>Creates the step; <paramref name="std"/> must be finite and non-negative (0 copies the image).</summary>
    public GaussianNoise(double std, bool clip = true)
    {
        if (!(std >= 0) || double.IsInfinity(std))
            throw new ArgumentOutOfRangeException(nameof(std), $"GaussianNoise: the standard deviation must be finite and ≥ 0, got {std}.");
        Std = std;
        Clip = clip;
    }

    protected override Tensor<T> ApplyToImage<T>(Tensor<T> image, Rng rng)
    {
        ImageShape.Chw(image, ToString());
        var y = image.Clone();
        var span = y.Span;
        for (int i = 0; i < span.Length; i++)
        {
            double v = double.CreateChecked(span[i]) + Std * rng.Normal();
            if (Clip) v = Math.Clamp(v, 0, 1);
            span[i] = T.CreateChecked(v);
        }
        return y;
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"GaussianNoise(std: {Std}{(Clip ? "" : ", clip: false")})");
}
