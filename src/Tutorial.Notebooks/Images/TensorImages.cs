using System.Numerics;
using Tutorial.Data.Images;
using Tutorial.Engine.Tensors;
using Tutorial.Notebooks.Display;

namespace Tutorial.Notebooks.Images;

/// <summary>
/// Tensors as pictures a notebook shows (<see cref="PngImage"/>, displayed as image/png), drawn by
/// <see cref="ImageRender"/> and upscaled with nearest neighbours so small images stay crisp:
/// <c>display(TensorImages.Digits(batch))</c>.
/// <para><c>scale: 0</c> (the default) picks the factor that makes each tile about <see cref="TargetTileSize"/>
/// pixels on its longer side (an 8 × 8 digit 10×, a 28 × 28 digit 3×, a 3 × 3 filter 16×, the cap).</para>
/// </summary>
public static class TensorImages
{
    /// <summary>The tile size in pixels that automatic scaling aims at.</summary>
    public const int TargetTileSize = 84;

    /// <summary>The largest automatic upscaling factor.</summary>
    public const int MaxAutoScale = 16;

    /// <summary>
    /// One image: (H, W) or (1, H, W) in gray, (3, H, W) in colour. Values are intensities in [0, 1] unless
    /// <paramref name="normalization"/> says otherwise.
    /// </summary>
    public static PngImage Image<T>(Tensor<T> image, int scale = 0, Normalization normalization = Normalization.None)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(image);
        var (h, w) = (image.Shape[-2], image.Shape[-1]);
        int s = Scale(scale, h, w);
        var picture = ImageRender.Image(image, normalization, s);
        return Png(picture, $"image {h} × {w}, {s}× scale");
    }

    /// <summary>
    /// A batch of digits in a grid: (N, H, W), (N, 1, H, W), or flattened (N, D) with D a square (64 → 8 × 8,
    /// 784 → 28 × 28). Each digit is min–max stretched on its own, so any value range shows.
    /// </summary>
    public static PngImage Digits<T>(Tensor<T> images, int columns = 0, int scale = 0) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(images);
        var batch = images;
        if (images.Rank == 2)
        {
            int d = images.Cols, side = (int)Math.Round(Math.Sqrt(d));
            if (side * side != d)
                throw new ShapeMismatchException($"TensorImages.Digits: flattened images (N, D) need D to be a square (64, 784, …), got {images.Shape}.");
            batch = images.Reshape(images.Rows, 1, side, side);
        }
        else if (images.Rank == 1)
        {
            throw new ShapeMismatchException($"TensorImages.Digits: expected (N, H, W), (N, 1, H, W) or (N, D), got {images.Shape}; for one image use TensorImages.Image.");
        }
        int s = Scale(scale, batch.Shape[-2], batch.Shape[-1]);
        var picture = ImageRender.Grid(batch, columns, padding: 1, scale: s, normalization: Normalization.MinMax, perImage: true);
        return Png(picture, $"{batch.Shape[0]} images of {batch.Shape[-2]} × {batch.Shape[-1]}");
    }

    /// <summary>
    /// A grid of images (N, 1, H, W), (N, 3, H, W) or (N, H, W) drawn as they are (intensities in [0, 1]) unless
    /// <paramref name="normalization"/> says otherwise; <paramref name="perImage"/> normalises each image on its own.
    /// </summary>
    public static PngImage Grid<T>(Tensor<T> images, int columns = 0, int scale = 0, Normalization normalization = Normalization.None, bool perImage = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(images);
        int s = Scale(scale, images.Shape[-2], images.Shape[-1]);
        var picture = ImageRender.Grid(images, columns, padding: 1, scale: s, normalization: normalization, perImage: perImage);
        return Png(picture, $"{images.Shape[0]} images of {images.Shape[-2]} × {images.Shape[-1]}");
    }

    /// <summary>
    /// A convolution's filter bank (out, in, kH, kW): positive weights red, negative blue, zero white (one
    /// scale for the whole bank, so filters compare). Filter o is row o, input channel i column i; a
    /// single-channel bank is laid out in a square, a colour bank with <paramref name="rgb"/> as colour tiles.
    /// </summary>
    public static PngImage Filters<T>(Tensor<T> weights, int scale = 0, bool perFilter = false, bool rgb = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Rank != 4) throw new ShapeMismatchException($"TensorImages.Filters: expected weights (out, in, kH, kW), got {weights.Shape}.");
        int s = Scale(scale, weights.Shape[2], weights.Shape[3]);
        var picture = ImageRender.Filters(weights, rgb ? Normalization.MinMax : Normalization.Symmetric, perFilter, rgb, scale: s);
        return Png(picture, $"filters {weights.Shape}");
    }

    /// <summary>A convolution's output for one sample, (C, H, W) or (1, C, H, W): one gray tile per channel, each stretched on its own.</summary>
    public static PngImage FeatureMaps<T>(Tensor<T> maps, int columns = 0, int scale = 0) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(maps);
        if (maps.Rank < 3) throw new ShapeMismatchException($"TensorImages.FeatureMaps: expected maps (C, H, W) or (1, C, H, W), got {maps.Shape}.");
        int s = Scale(scale, maps.Shape[-2], maps.Shape[-1]);
        var picture = ImageRender.FeatureMaps(maps, Normalization.MinMax, perMap: true, columns: columns, scale: s);
        return Png(picture, $"feature maps {maps.Shape}");
    }

    /// <summary>A rendered picture as a displayable PNG.</summary>
    public static PngImage Png(RgbImage picture, string altText = "image")
    {
        ArgumentNullException.ThrowIfNull(picture);
        return new PngImage(picture.ToPng(), $"{altText} ({picture.Width} × {picture.Height} px)");
    }

    /// <summary>The upscaling factor: <paramref name="requested"/>, or for 0 the one that brings a tile near <see cref="TargetTileSize"/>.</summary>
    internal static int Scale(int requested, int height, int width)
    {
        if (requested < 0) throw new ArgumentOutOfRangeException(nameof(requested), $"The scale must be ≥ 1 (or 0 for automatic), got {requested}.");
        if (requested > 0) return requested;
        int side = Math.Max(1, Math.Max(height, width));
        return Math.Clamp((int)Math.Round((double)TargetTileSize / side), 1, MaxAutoScale);
    }
}
