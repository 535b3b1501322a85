using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Images;

/// <summary>
/// Pads each image (C, H, W) by p pixels of <see cref="Fill"/> on every side, giving (C, H+2p, W+2p),
/// then cuts out a window of h × w pixels at a random top-left corner
/// top ~ U{0, …, H+2p−h}, left ~ U{0, …, W+2p−w} (the CIFAR recipe: pad 4, crop 32 × 32).
/// With h = H and w = W this is a random whole-pixel shift by up to ±p. Draws two numbers per
/// image: top, then left.
/// </summary>
public sealed class RandomCrop : Augmentation
{
    public int Padding { get; }

    /// <summary>Window height; null keeps the image height.</summary>
    public int? Height { get; }

    /// <summary>Window width; null keeps the image width.</summary>
    public int? Width { get; }

    /// <summary>The value of the padding (0 = black).</summary>
    public double Fill { get; }

    public RandomCrop(int padding, int? height = null, int? width = null, double fill = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        if (height <= 0 || width <= 0)
            throw new ArgumentOutOfRangeException(nameof(height), $"RandomCrop: the window must be positive, got {height} × {width}.");
        Padding = padding;
        Height = height;
        Width = width;
        Fill = fill;
    }

    protected override Tensor<T> ApplyToImage<T>(Tensor<T> image, Rng rng)
    {
        var (_, h, w) = ImageShape.Chw(image, ToString());
        int ph = h + 2 * Padding, pw = w + 2 * Padding;
        int ch = Height ?? h, cw = Width ?? w;
        if (ch > ph || cw > pw)
            throw new ShapeMismatchException($"{this}: a {ch} × {cw} window does not fit into the padded image of {ph} × {pw} (input {image.Shape}).");
        int top = rng.NextInt(ph - ch + 1);
        int left = rng.NextInt(pw - cw + 1);
        var padded = Padding == 0 ? image : ImageTransforms.Pad(image, Padding, Fill);
        return ImageTransforms.Crop(padded, top, left, ch, cw);
    }

    public override string ToString() =>
        $"RandomCrop(padding: {Padding}{(Height is null && Width is null ? "" : $", size: {Height?.ToString() ?? "H"} × {Width?.ToString() ?? "W"}")})";
}
