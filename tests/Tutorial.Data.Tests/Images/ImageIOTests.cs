using Tutorial.Data.Images;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Tests.Images;

public class ImageIOTests
{
    /// <summary>An image whose values are multiples of 1/255 (what 8-bit files can hold).</summary>
    private static Tensor<T> Quantized<T>(ulong seed, params int[] shape) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var rng = new Rng(seed);
        var t = new Tensor<T>(shape);
        var s = t.Span;
        for (int i = 0; i < s.Length; i++) s[i] = T.CreateChecked(rng.NextInt(256) / 255.0);
        return t;
    }

    [Fact]
    public void PngRoundTrip_Gray_ReproducesValuesAndBytesExactly()
    {
        var image = Quantized<float>(1, 1, 5, 7);
        byte[] png = ImageIO.EncodePng(image);
        Assert.Equal(0, png[25]); // IHDR colour type 0: an 8-bit grayscale PNG
        var back = ImageIO.Decode<float>(png);
        Assert.Equal(image.Shape, back.Shape);
        Assert.Equal(image.ToArray(), back.ToArray());
        Assert.Equal(png, ImageIO.EncodePng(back));
    }

    [Fact]
    public void PngRoundTrip_Colour_ReproducesValuesAndBytesExactly()
    {
        var image = Quantized<double>(2, 3, 6, 4);
        byte[] png = ImageIO.EncodePng(image);
        Assert.Equal(2, png[25]); // IHDR colour type 2: truecolour RGB without alpha
        var back = ImageIO.Decode<double>(png);
        Assert.Equal(new Shape(3, 6, 4), back.Shape);
        Assert.Equal(image.ToArray(), back.ToArray());
        Assert.Equal(png, ImageIO.EncodePng(back));
    }

    [Fact]
    public void Png_QuantizesToNearestOf255Levels_AndClamps()
    {
        var image = Tensor<double>.FromDoubles([0.0, 0.5, 1.0, -0.3, 1.7, 100.4 / 255, 100.6 / 255, double.NaN], 1, 2, 4);
        var back = ImageIO.Decode<double>(ImageIO.EncodePng(image));
        double[] expected = [0, 128 / 255.0, 1, 0, 1, 100 / 255.0, 101 / 255.0, 0];
        Assert.Equal(expected, back.ToArray());
    }

    [Fact]
    public void Png_TwoDimensionalTensor_IsSavedAsOneChannel()
    {
        var image = Quantized<float>(3, 4, 5);
        var back = ImageIO.Decode<float>(ImageIO.EncodePng(image));
        Assert.Equal(new Shape(1, 4, 5), back.Shape);
        Assert.Equal(image.ToArray(), back.ToArray());
    }

    [Fact]
    public void SaveAndLoad_PngFile_RoundTrips()
    {
        using var dir = new TempFolder();
        var image = Quantized<float>(4, 3, 8, 9);
        string path = dir.File("colour.png");
        ImageIO.Save(image, path);
        var back = ImageIO.Load<float>(path);
        Assert.True(image.ValueEquals(back));
    }

    [Fact]
    public void Load_ColorModes_ConvertBetweenGrayAndRgb()
    {
        using var dir = new TempFolder();
        // One pixel each: pure red, pure green, pure blue, gray 0.4.
        var rgb = Tensor<double>.FromDoubles(
            [1, 0, 0, 102 / 255.0,
             0, 1, 0, 102 / 255.0,
             0, 0, 1, 102 / 255.0], 3, 1, 4);
        string path = dir.File("rgb.png");
        ImageIO.Save(rgb, path);

        var gray = ImageIO.Load<double>(path, ImageColorMode.Grayscale);
        Assert.Equal(new Shape(1, 1, 4), gray.Shape);
        double[] luma = [0.299, 0.587, 0.114, 102 / 255.0];
        for (int i = 0; i < 4; i++) Assert.Equal(luma[i], gray[i], 1e-12);

        string grayPath = dir.File("gray.png");
        ImageIO.Save(Tensor<double>.FromDoubles([0, 51 / 255.0, 1], 1, 1, 3), grayPath);
        Assert.Equal(new Shape(1, 1, 3), ImageIO.Load<double>(grayPath).Shape);
        var asRgb = ImageIO.Load<double>(grayPath, ImageColorMode.Rgb);
        Assert.Equal(new Shape(3, 1, 3), asRgb.Shape);
        Assert.Equal([0, 51 / 255.0, 1, 0, 51 / 255.0, 1, 0, 51 / 255.0, 1], asRgb.ToArray());
    }

    /// <summary>A smooth colour image (JPEG compresses smooth content well).</summary>
    private static Tensor<double> Smooth(int c, int h, int w)
    {
        var t = new Tensor<double>(c, h, w);
        for (int k = 0; k < c; k++)
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                    t[k, y, x] = 0.5 + 0.3 * Math.Sin(0.2 * x + 0.5 * k) * Math.Cos(0.15 * y);
        return t;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void SaveAndLoad_JpegFile_GivesTheImageBackApproximately(int channels)
    {
        using var dir = new TempFolder();
        var image = Smooth(channels, 24, 32);
        string path = dir.File("smooth.jpg");
        ImageIO.Save(image, path, jpegQuality: 95);

        byte[] head = File.ReadAllBytes(path)[..3];
        Assert.Equal(new byte[] { 0xFF, 0xD8, 0xFF }, head); // the JPEG start-of-image marker

        var back = ImageIO.Load<double>(path);
        Assert.Equal(image.Shape, back.Shape);
        double maxError = 0;
        for (int i = 0; i < image.Length; i++) maxError = Math.Max(maxError, Math.Abs(image[i] - back[i]));
        Assert.InRange(maxError, 0, 0.05);
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFoundNamingTheFile()
    {
        using var dir = new TempFolder();
        string path = dir.File("nowhere.png");
        var e = Assert.Throws<FileNotFoundException>(() => ImageIO.Load<float>(path));
        Assert.Contains(path, e.Message);
        Assert.Equal(path, e.FileName);
    }

    [Fact]
    public void Load_CorruptPng_ThrowsInvalidDataNamingTheFile()
    {
        using var dir = new TempFolder();
        byte[] png = ImageIO.EncodePng(Quantized<float>(5, 3, 16, 16));
        // Keep the signature and header chunk, then garble everything after them.
        var corrupt = (byte[])png.Clone();
        for (int i = 40; i < corrupt.Length; i++) corrupt[i] = (byte)(i * 37);
        string path = dir.File("corrupt.png");
        File.WriteAllBytes(path, corrupt);

        var e = Assert.Throws<InvalidDataException>(() => ImageIO.Load<float>(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("corrupt", e.Message);
    }

    [Fact]
    public void Load_TruncatedPng_ThrowsInvalidDataNamingTheFile()
    {
        using var dir = new TempFolder();
        byte[] png = ImageIO.EncodePng(Quantized<float>(6, 3, 16, 16));
        string path = dir.File("truncated.png");
        File.WriteAllBytes(path, png[..(png.Length / 2)]);

        var e = Assert.Throws<InvalidDataException>(() => ImageIO.Load<float>(path));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Load_NotAnImage_ThrowsInvalidDataNamingTheFile()
    {
        using var dir = new TempFolder();
        string path = dir.File("notes.png");
        File.WriteAllText(path, "this is text, not a picture");
        var e = Assert.Throws<InvalidDataException>(() => ImageIO.Load<float>(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("not a PNG or JPEG", e.Message);
    }

    [Fact]
    public void Load_EmptyFile_ThrowsInvalidDataNamingTheFile()
    {
        using var dir = new TempFolder();
        string path = dir.File("empty.png");
        File.WriteAllBytes(path, []);
        var e = Assert.Throws<InvalidDataException>(() => ImageIO.Load<float>(path));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Save_UnknownExtension_Throws()
    {
        using var dir = new TempFolder();
        var e = Assert.Throws<ArgumentException>(() => ImageIO.Save(Quantized<float>(7, 1, 2, 2), dir.File("x.bmp")));
        Assert.Contains("x.bmp", e.Message);
    }

    [Fact]
    public void EncodePng_TwoChannels_ThrowsNamingTheShape()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => ImageIO.EncodePng(new Tensor<float>(2, 4, 4)));
        Assert.Contains("(2, 4, 4)", e.Message);
    }
}
