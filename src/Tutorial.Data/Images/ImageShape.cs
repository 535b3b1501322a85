using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Images;

/// <summary>
/// Reads the (C, H, W) or (N, C, H, W) layout of an image tensor and checks it, so every image
/// function reports a wrong shape the same way: <c>Rotate: expected an image (C, H, W) or a batch
/// (N, C, H, W), got (28, 28)</c>.
/// </summary>
internal static class ImageShape
{
    /// <summary>Channels, height and width of a single image (C, H, W).</summary>
    public static (int C, int H, int W) Chw<T>(Tensor<T> image, string what)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Rank != 3)
            throw new ShapeMismatchException($"{what}: expected an image of shape (C, H, W), got {image.Shape}.");
        return (image.Shape[0], image.Shape[1], image.Shape[2]);
    }

    /// <summary>
    /// Views a single image (C, H, W) as a batch of one (1, C, H, W); a batch (N, C, H, W) stays as it is.
    /// <paramref name="wasSingle"/> tells the caller to drop the batch dimension again.
    /// </summary>
    public static Tensor<T> AsBatch<T>(Tensor<T> x, string what, out bool wasSingle)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        wasSingle = x.Rank == 3;
        if (x.Rank == 3) return x.Reshape(1, x.Shape[0], x.Shape[1], x.Shape[2]);
        if (x.Rank == 4) return x;
        throw new ShapeMismatchException($"{what}: expected an image (C, H, W) or a batch (N, C, H, W), got {x.Shape}.");
    }

    /// <summary>A 2-D (H, W) image as (1, H, W); (C, H, W) stays as it is.</summary>
    public static Tensor<T> WithChannels<T>(Tensor<T> image, string what)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Rank == 2) return image.Reshape(1, image.Shape[0], image.Shape[1]);
        if (image.Rank == 3) return image;
        throw new ShapeMismatchException($"{what}: expected an image (H, W) or (C, H, W), got {image.Shape}.");
    }

    /// <summary>Converts a value in [0, 1] to a byte: round(clamp(v, 0, 1)·255); NaN becomes 0.</summary>
    public static byte Quantize(double v)
    {
        if (double.IsNaN(v) || v <= 0) return 0;
        if (v >= 1) return 255;
        return (byte)Math.Round(v * 255.0, MidpointRounding.AwayFromZero);
    }
}
