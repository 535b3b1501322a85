using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Images;

/// <summary>
/// Resizes each image (C, H, W) to (C, height, width) by bilinear interpolation
/// (<see cref="ImageTransforms.Resize{T}"/>: half-pixel centres, edges clamped). Deterministic: it draws
/// no random numbers, so it can sit anywhere in a pipeline without changing the other steps' draws.
/// </summary>
public sealed class ResizeStep : Augmentation
{
    public int Height { get; }
    public int Width { get; }

    public ResizeStep(int height, int width)
    {
        if (height <= 0 || width <= 0)
            throw new ArgumentOutOfRangeException(nameof(height), $"Resize: the size must be positive, got {height} × {width}.");
        Height = height;
        Width = width;
    }

    protected override Tensor<T> ApplyToImage<T>(Tensor<T> image, Rng rng)
    {
        ImageShape.Chw(image, ToString());
        return ImageTransforms.Resize(image, Height, Width);
    }

    public override string ToString() => $"Resize({Height} × {Width})";
}
