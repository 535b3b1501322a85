using System.Numerics;
using SkiaSharp;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Images;

/// <summary>
/// Reads and writes PNG and JPEG files as image tensors (SkiaSharp does the decoding and encoding).
/// <para>An image tensor is (1, H, W) for grayscale or (3, H, W) for colour (channels R, G, B),
/// row-major, with values in [0, 1]: a stored byte b becomes b / 255, and a value v is stored as
/// round(clamp(v, 0, 1) · 255). So a tensor whose values are already multiples of 1/255 survives a
/// PNG round trip exactly; JPEG is lossy and only gives the values back approximately.
/// Alpha is dropped (pixels keep their un-premultiplied colour).</para>
/// </summary>
public static class ImageIO
{
    /// <summary>Decodes a PNG or JPEG file into a (1, H, W) or (3, H, W) tensor with values in [0, 1].</summary>
    /// <exception cref="FileNotFoundException">The file does not exist (the message names it).</exception>
    /// <exception cref="InvalidDataException">The file is not a decodable image, or is corrupt or truncated (the message names it).</exception>
    public static Tensor<T> Load<T>(string path, ImageColorMode mode = ImageColorMode.Auto)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Image file '{path}' does not exist.", path);
        return Decode<T>(File.ReadAllBytes(path), mode, path);
    }

    /// <summary>
    /// Decodes PNG or JPEG bytes. <paramref name="name"/> (a file name, a URL, an archive entry) is
    /// only used in error messages.
    /// </summary>
    public static Tensor<T> Decode<T>(byte[] bytes, ImageColorMode mode = ImageColorMode.Auto, string name = "image data")
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length == 0)
            throw new InvalidDataException($"Cannot decode '{name}': it is empty (0 bytes).");

        using var stream = new MemoryStream(bytes, writable: false);
        using var codec = SKCodec.Create(stream, out SKCodecResult created);
        if (codec is null)
            throw new InvalidDataException(
                $"Cannot decode '{name}' ({bytes.Length} bytes): not a PNG or JPEG image, or its header is corrupt (SkiaSharp: {created}).");

        int width = codec.Info.Width, height = codec.Info.Height;
        bool grayFile = codec.Info.ColorType == SKColorType.Gray8;
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var rgba = new byte[info.BytesSize];
        SKCodecResult result;
        unsafe
        {
            fixed (byte* p = rgba) result = codec.GetPixels(info, (IntPtr)p);
        }
        if (result != SKCodecResult.Success)
            throw new InvalidDataException(
                $"Cannot decode '{name}' ({bytes.Length} bytes, {codec.EncodedFormat} {width}x{height}): the pixel data is corrupt or truncated (SkiaSharp: {result}).");

        bool gray = mode switch
        {
            ImageColorMode.Grayscale => true,
            ImageColorMode.Rgb => false,
            _ => grayFile,
        };
        int plane = width * height;
        var tensor = new Tensor<T>(gray ? 1 : 3, height, width);
        var dst = tensor.Span;
        for (int i = 0; i < plane; i++)
        {
            byte r = rgba[4 * i], g = rgba[4 * i + 1], b = rgba[4 * i + 2];
            if (gray)
            {
                // A gray file decodes to R = G = B, so its byte comes back unchanged.
                double y = grayFile ? r : 0.299 * r + 0.587 * g + 0.114 * b;
                dst[i] = T.CreateChecked(y / 255.0);
            }
            else
            {
                dst[i] = T.CreateChecked(r / 255.0);
                dst[plane + i] = T.CreateChecked(g / 255.0);
                dst[2 * plane + i] = T.CreateChecked(b / 255.0);
            }
        }
        return tensor;
    }

    /// <summary>Encodes an image (H, W), (1, H, W) or (3, H, W) with values in [0, 1] as PNG (lossless; grayscale stays 8-bit gray).</summary>
    public static byte[] EncodePng<T>(Tensor<T> image) where T : unmanaged, IFloatingPointIeee754<T> =>
        Encode(image, SKEncodedImageFormat.Png, 100, "EncodePng");

    /// <summary>Encodes an image (H, W), (1, H, W) or (3, H, W) with values in [0, 1] as JPEG of the given quality (1–100).</summary>
    public static byte[] EncodeJpeg<T>(Tensor<T> image, int quality = 95) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (quality is < 1 or > 100)
            throw new ArgumentOutOfRangeException(nameof(quality), $"JPEG quality must be in 1..100, got {quality}.");
        return Encode(image, SKEncodedImageFormat.Jpeg, quality, "EncodeJpeg");
    }

    /// <summary>
    /// Writes an image (H, W), (1, H, W) or (3, H, W) to <paramref name="path"/>; the extension
    /// chooses the format: <c>.png</c>, or <c>.jpg</c> / <c>.jpeg</c> (with <paramref name="jpegQuality"/>).
    /// </summary>
    public static void Save<T>(Tensor<T> image, string path, int jpegQuality = 95)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(path);
        string ext = Path.GetExtension(path).ToLowerInvariant();
        byte[] bytes = ext switch
        {
            ".png" => EncodePng(image),
            ".jpg" or ".jpeg" => EncodeJpeg(image, jpegQuality),
            _ => throw new ArgumentException($"Cannot save '{path}': the extension must be .png, .jpg or .jpeg.", nameof(path)),
        };
        File.WriteAllBytes(path, bytes);
    }

    private static byte[] Encode<T>(Tensor<T> image, SKEncodedImageFormat format, int quality, string what)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var chw = ImageShape.WithChannels(image, what);
        int c = chw.Shape[0], h = chw.Shape[1], w = chw.Shape[2];
        if (c != 1 && c != 3)
            throw new ShapeMismatchException($"{what}: an image needs 1 (gray) or 3 (RGB) channels, got shape {image.Shape}.");
        if (h == 0 || w == 0)
            throw new ShapeMismatchException($"{what}: cannot encode an empty image of shape {image.Shape}.");

        // Planar (C, H, W) values -> interleaved bytes (gray: one per pixel; colour: R, G, B).
        var src = chw.Span;
        int plane = h * w;
        var bytes = new byte[plane * c];
        for (int i = 0; i < plane; i++)
            for (int k = 0; k < c; k++)
                bytes[i * c + k] = ImageShape.Quantize(double.CreateChecked(src[k * plane + i]));
        return EncodeBytes(bytes, w, h, c, format, quality);
    }

    /// <summary>Encodes interleaved 8-bit pixels (1 byte gray or 3 bytes R, G, B per pixel, row-major).</summary>
    internal static byte[] EncodeBytes(ReadOnlySpan<byte> pixels, int width, int height, int channels, SKEncodedImageFormat format, int quality)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height,
            channels == 1 ? SKColorType.Gray8 : SKColorType.Rgba8888, SKAlphaType.Opaque));
        var dst = bitmap.GetPixelSpan();
        int rowBytes = bitmap.RowBytes;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int i = y * width + x;
                if (channels == 1)
                {
                    dst[y * rowBytes + x] = pixels[i];
                }
                else
                {
                    int o = y * rowBytes + 4 * x;
                    dst[o] = pixels[3 * i];
                    dst[o + 1] = pixels[3 * i + 1];
                    dst[o + 2] = pixels[3 * i + 2];
                    dst[o + 3] = 255;
                }
            }
        }
        using var encoded = bitmap.Encode(format, quality)
            ?? throw new InvalidOperationException($"SkiaSharp could not encode a {width}x{height} image as {format}.");
        return encoded.ToArray();
    }
}
