using System.Numerics;
using SkiaSharp;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Images;

/// <summary>
/// A rendered picture: <see cref="Width"/> × <see cref="Height"/> pixels of 8-bit R, G, B, row-major
/// (pixel (x, y) at bytes 3·(y·W + x) … +2). <see cref="ImageRender"/> draws tensors into one;
/// <see cref="ToPng"/> gives the bytes a notebook shows as <c>image/png</c>.
/// </summary>
public sealed class RgbImage
{
    private readonly byte[] _pixels;

    public int Width { get; }
    public int Height { get; }

    /// <summary>A black image.</summary>
    public RgbImage(int width, int height)
    {
        if (width <= 0 || height <= 0)
            throw new ArgumentOutOfRangeException(nameof(width), $"An image needs a positive size, got {width} × {height}.");
        Width = width;
        Height = height;
        _pixels = new byte[3 * width * height];
    }

    /// <summary>The pixels, R, G, B interleaved, row-major.</summary>
    public ReadOnlySpan<byte> Pixels => _pixels;

    /// <summary>The colour of pixel (<paramref name="x"/>, <paramref name="y"/>): column x, row y from the top-left.</summary>
    public (byte R, byte G, byte B) this[int x, int y]
    {
        get
        {
            int o = Index(x, y);
            return (_pixels[o], _pixels[o + 1], _pixels[o + 2]);
        }
        set
        {
            int o = Index(x, y);
            (_pixels[o], _pixels[o + 1], _pixels[o + 2]) = value;
        }
    }

    private int Index(int x, int y)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
            throw new IndexOutOfRangeException($"Pixel ({x}, {y}) is outside a {Width} × {Height} image.");
        return 3 * (y * Width + x);
    }

    /// <summary>Paints the rectangle [x, x+w) × [y, y+h) with one colour.</summary>
    public void FillRect(int x, int y, int w, int h, (byte R, byte G, byte B) color)
    {
        for (int j = y; j < y + h; j++)
            for (int i = x; i < x + w; i++)
                this[i, j] = color;
    }

    /// <summary>
    /// Nearest-neighbour upscaling: every pixel becomes a <paramref name="factor"/> × <paramref name="factor"/>
    /// block of the same colour (no blur), so a 28 × 28 digit stays crisp at 4× (112 × 112).
    /// </summary>
    public RgbImage Upscale(int factor)
    {
        if (factor < 1) throw new ArgumentOutOfRangeException(nameof(factor), $"The upscaling factor must be ≥ 1, got {factor}.");
        var big = new RgbImage(Width * factor, Height * factor);
        for (int y = 0; y < big.Height; y++)
            for (int x = 0; x < big.Width; x++)
                big[x, y] = this[x / factor, y / factor];
        return big;
    }

    /// <summary>The picture as a (3, H, W) tensor with values byte / 255.</summary>
    public Tensor<T> ToTensor<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var t = new Tensor<T>(3, Height, Width);
        var dst = t.Span;
        int plane = Width * Height;
        for (int i = 0; i < plane; i++)
            for (int k = 0; k < 3; k++)
                dst[k * plane + i] = T.CreateChecked(_pixels[3 * i + k] / 255.0);
        return t;
    }

    /// <summary>The picture encoded as PNG (lossless).</summary>
    public byte[] ToPng() => ImageIO.EncodeBytes(_pixels, Width, Height, 3, SKEncodedImageFormat.Png, 100);

    /// <summary>Writes the picture as PNG (<c>.png</c>) or JPEG (<c>.jpg</c>, <c>.jpeg</c>, quality 95).</summary>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".png" => ToPng(),
            ".jpg" or ".jpeg" => ImageIO.EncodeBytes(_pixels, Width, Height, 3, SKEncodedImageFormat.Jpeg, 95),
            _ => throw new ArgumentException($"Cannot save '{path}': the extension must be .png, .jpg or .jpeg.", nameof(path)),
        };
        File.WriteAllBytes(path, bytes);
    }

    public override string ToString() => $"RgbImage({Width} × {Height})";
}
