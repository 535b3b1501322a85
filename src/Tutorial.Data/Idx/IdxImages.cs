using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Idx;

/// <summary>
/// Grey-scale images as read from an IDX file: <see cref="Count"/> images of
/// <see cref="Rows"/>×<see cref="Cols"/> bytes, row-major (image, row, column), 0 = background, 255 = full ink.
/// </summary>
public sealed class IdxImages
{
    private readonly byte[] _pixels;

    internal IdxImages(int count, int rows, int cols, byte[] pixels, string source)
    {
        Count = count;
        Rows = rows;
        Cols = cols;
        _pixels = pixels;
        Source = source;
    }

    /// <summary>Number of images N.</summary>
    public int Count { get; }

    /// <summary>Image height H.</summary>
    public int Rows { get; }

    /// <summary>Image width W.</summary>
    public int Cols { get; }

    /// <summary>The file the images came from.</summary>
    public string Source { get; }

    /// <summary>All pixels, N·H·W bytes, image after image, row by row.</summary>
    public ReadOnlySpan<byte> Pixels => _pixels;

    /// <summary>The pixel byte at (<paramref name="image"/>, <paramref name="row"/>, <paramref name="col"/>).</summary>
    public byte Pixel(int image, int row, int col)
    {
        if ((uint)image >= (uint)Count || (uint)row >= (uint)Rows || (uint)col >= (uint)Cols)
            throw new ArgumentOutOfRangeException(nameof(image), $"Pixel ({image}, {row}, {col}) is outside {Count} images of {Rows}×{Cols}.");
        return _pixels[(image * Rows + row) * Cols + col];
    }

    /// <summary>
    /// The images scaled to [0, 1] (pixel / 255): <c>(N, 1, H, W)</c> for <see cref="ImageLayout.Nchw"/>,
    /// <c>(N, H·W)</c> for <see cref="ImageLayout.Flat"/>.
    /// </summary>
    public Tensor<T> ToTensor<T>(ImageLayout layout = ImageLayout.Nchw) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tensor = layout switch
        {
            ImageLayout.Nchw => new Tensor<T>(Count, 1, Rows, Cols),
            ImageLayout.Flat => new Tensor<T>(Count, Rows * Cols),
            _ => throw new ArgumentOutOfRangeException(nameof(layout), $"Unknown image layout {layout}."),
        };
        Span<T> scale = stackalloc T[256];
        for (int b = 0; b < 256; b++) scale[b] = T.CreateChecked(b / 255.0);
        var dst = tensor.Span;
        for (int i = 0; i < _pixels.Length; i++) dst[i] = scale[_pixels[i]];
        return tensor;
    }

    /// <summary>E.g. <c>8000 images of 28×28 from train-images-idx3-ubyte.gz</c>.</summary>
    public override string ToString() => $"{Count} images of {Rows}×{Cols} from {Path.GetFileName(Source)}";
}
