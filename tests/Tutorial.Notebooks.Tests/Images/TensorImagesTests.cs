using Tutorial.Data.Images;
using Tutorial.Engine.Tensors;
using Tutorial.Notebooks.Display;
using Tutorial.Notebooks.Images;

namespace Tutorial.Notebooks.Tests.Images;

public class TensorImagesTests
{
    /// <summary>Decodes the PNG and returns its size (the tensor is (C, H, W)).</summary>
    private static (int Width, int Height) SizeOf(PngImage png)
    {
        var t = ImageIO.Decode<float>(png.Bytes);
        return (t.Shape[2], t.Shape[1]);
    }

    [Fact]
    public void Digits_8x8_AreUpscaled10x_InASquareGrid()
    {
        var digits = Tensor<double>.Uniform(new Rng(1), 0, 16, 6, 8, 8);
        var png = TensorImages.Digits(digits);
        // ⌈√6⌉ = 3 columns, 2 rows of 80-pixel tiles with 1 pixel of padding around and between.
        Assert.Equal((3 * 81 + 1, 2 * 81 + 1), SizeOf(png));
        Assert.StartsWith("6 images of 8 × 8", png.AltText);
    }

    [Fact]
    public void Digits_Flattened_AreReshapedToSquares()
    {
        var flat = Tensor<float>.Uniform(new Rng(2), 0, 1, 4, 784);
        Assert.Equal((2 * (28 * 3 + 1) + 1, 2 * (28 * 3 + 1) + 1), SizeOf(TensorImages.Digits(flat)));
        Assert.Equal((4 * (28 * 2 + 1) + 1, 28 * 2 + 2), SizeOf(TensorImages.Digits(flat, columns: 4, scale: 2)));
        var e = Assert.Throws<ShapeMismatchException>(() => TensorImages.Digits(Tensor<float>.Zeros(4, 50)));
        Assert.Contains("(4, 50)", e.Message);
    }

    [Fact]
    public void Digits_AreDrawnFromTheirValues()
    {
        // One digit: left half 0, right half 1 → black then white after min–max stretching.
        var d = new Tensor<double>(1, 2, 2);
        d[0, 0, 1] = 1;
        d[0, 1, 1] = 1;
        var pixels = ImageIO.Decode<double>(TensorImages.Digits(d, scale: 1).Bytes);
        Assert.Equal(new Shape(3, 4, 4), pixels.Shape); // 2 × 2 plus padding
        Assert.Equal(0, pixels[0, 1, 1]);
        Assert.Equal(1, pixels[0, 1, 2]);
    }

    [Fact]
    public void Image_IsOneTileWithoutPadding()
    {
        var img = Tensor<double>.Zeros(28, 28);
        Assert.Equal((84, 84), SizeOf(TensorImages.Image(img)));
        Assert.Equal((56, 56), SizeOf(TensorImages.Image(img, scale: 2)));
    }

    [Fact]
    public void Filters_3x3_AreCappedAt16x()
    {
        var w = Tensor<double>.Normal(new Rng(3), 0, 1, 4, 1, 3, 3);
        Assert.Equal((2 * 49 + 1, 2 * 49 + 1), SizeOf(TensorImages.Filters(w)));
        // Two input channels: one row per filter, one column per channel.
        var w2 = Tensor<double>.Normal(new Rng(4), 0, 1, 3, 2, 3, 3);
        Assert.Equal((2 * 25 + 1, 3 * 25 + 1), SizeOf(TensorImages.Filters(w2, scale: 8)));
    }

    [Fact]
    public void FeatureMaps_OnePerChannel()
    {
        var maps = Tensor<float>.Normal(new Rng(5), 0, 1, 1, 3, 5, 5);
        Assert.Equal((2 * 81 + 1, 2 * 81 + 1), SizeOf(TensorImages.FeatureMaps(maps)));
    }

    [Fact]
    public void Images_DisplayAsPng()
    {
        Tutorial.Notebooks.Formatting.KitFormatters.EnsureRegistered();
        var png = TensorImages.Image(Tensor<double>.Ones(2, 3), scale: 1);
        var bundle = Formatters.Format(png);
        Assert.Equal(Convert.ToBase64String(png.Bytes), bundle.Get("image/png"));
    }

    [Theory]
    [InlineData(8, 8, 10)]
    [InlineData(28, 28, 3)]
    [InlineData(3, 3, 16)]
    [InlineData(200, 100, 1)]
    public void AutoScale_AimsAtAboutEightyFourPixels(int h, int w, int expected) => Assert.Equal(expected, TensorImages.Scale(0, h, w));
}
