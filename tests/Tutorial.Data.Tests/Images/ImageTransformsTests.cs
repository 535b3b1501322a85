using Tutorial.Data.Images;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Tests.Images;

public class ImageTransformsTests
{
    private static void AssertClose(Tensor<double> expected, Tensor<double> actual, double tolerance)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance,
                $"element {i}: expected {expected[i]}, got {actual[i]} (tolerance {tolerance})");
    }

    /// <summary>An image with one bright pixel at (row, col) on black.</summary>
    private static Tensor<double> Dot(int h, int w, int row, int col, int channels = 1)
    {
        var x = new Tensor<double>(channels, h, w);
        for (int c = 0; c < channels; c++) x[c, row, col] = 1;
        return x;
    }

    [Fact]
    public void FlipHorizontal_Twice_IsTheIdentity()
    {
        var x = Tensor<float>.Uniform(new Rng(1), 0, 1, 2, 3, 5, 6);
        var once = ImageTransforms.FlipHorizontal(x);
        Assert.False(once.ValueEquals(x));
        Assert.True(ImageTransforms.FlipHorizontal(once).ValueEquals(x));
    }

    [Fact]
    public void FlipHorizontal_MirrorsColumns()
    {
        var x = Tensor<double>.FromDoubles([1, 2, 3, 4, 5, 6], 1, 2, 3);
        Assert.Equal([3, 2, 1, 6, 5, 4], ImageTransforms.FlipHorizontal(x).ToArray());
        Assert.Equal([4, 5, 6, 1, 2, 3], ImageTransforms.FlipVertical(x).ToArray());
    }

    [Fact]
    public void Rotate90_MovesAKnownPixelExactly()
    {
        // Counter-clockwise by 90° on screen: the pixel at (row 1, col 4) of a 5×5 image (right of the
        // top centre) goes to (row 5−1−4 = 0, col 1).
        var x = Dot(5, 5, row: 1, col: 4);
        var y = ImageTransforms.Rotate(x, 90);
        var expected = Dot(5, 5, row: 0, col: 1);
        Assert.True(expected.ValueEquals(y));
    }

    [Fact]
    public void Rotate_ByMinus90And180_MovePixelsWhereTheyBelong()
    {
        var x = Dot(4, 4, row: 0, col: 1, channels: 3);
        Assert.True(Dot(4, 4, row: 1, col: 3, channels: 3).ValueEquals(ImageTransforms.Rotate(x, -90))); // clockwise
        Assert.True(Dot(4, 4, row: 3, col: 2, channels: 3).ValueEquals(ImageTransforms.Rotate(x, 180)));
        Assert.True(x.ValueEquals(ImageTransforms.Rotate(x, 360)));
    }

    [Fact]
    public void Rotate_FillsCornersThatComeFromOutside()
    {
        var ones = Tensor<double>.Ones(1, 9, 9);
        var y = ImageTransforms.Rotate(ones, 45, fill: 0.25);
        Assert.Equal(0.25, y[0, 0, 0], 12);  // a corner of the output comes from far outside
        Assert.Equal(1.0, y[0, 4, 4], 12);   // the centre stays
    }

    [Theory]
    [InlineData(30)]
    [InlineData(-75)]
    public void Rotate_MatchesPyTorchGridSample(int degrees)
    {
        var x = TransformsFixture.Tensor("rotate_input");
        AssertClose(TransformsFixture.Tensor($"rotate_{degrees}"), ImageTransforms.Rotate(x, degrees), 1e-12);
    }

    [Theory]
    [InlineData(2, 0)]
    [InlineData(0, 3)]
    [InlineData(-1, -2)]
    public void Shift_ByWholePixels_MovesAPixelByThatMany(int dx, int dy)
    {
        var x = Dot(8, 7, row: 3, col: 3);
        var y = ImageTransforms.Shift(x, dx, dy);
        Assert.True(Dot(8, 7, row: 3 + dy, col: 3 + dx).ValueEquals(y));
    }

    [Fact]
    public void Shift_FractionalMatchesPyTorchGridSample()
    {
        var x = TransformsFixture.Tensor("shift_input");
        AssertClose(TransformsFixture.Tensor("shift_dx1.5_dy-0.75"), ImageTransforms.Shift(x, 1.5, -0.75), 1e-12);
    }

    [Fact]
    public void Shift_HalfAPixel_AveragesNeighbours()
    {
        var x = Tensor<double>.FromDoubles([0, 1, 0, 0], 1, 1, 4);
        Assert.Equal([0, 0.5, 0.5, 0], ImageTransforms.Shift(x, 0.5, 0).ToArray());
    }

    [Fact]
    public void Crop_OfAPaddedImage_AtThePaddingOffset_IsTheOriginal()
    {
        var x = Tensor<float>.Uniform(new Rng(2), 0, 1, 3, 5, 4);
        var padded = ImageTransforms.Pad(x, 3, fill: 0.5);
        Assert.Equal(new Shape(3, 11, 10), padded.Shape);
        Assert.Equal(0.5f, padded[0, 0, 0]);
        Assert.Equal(0.5f, padded[2, 10, 9]);
        Assert.True(ImageTransforms.Crop(padded, 3, 3, 5, 4).ValueEquals(x));
    }

    [Fact]
    public void Crop_WindowOutsideTheImage_Throws()
    {
        var x = new Tensor<float>(1, 4, 4);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ImageTransforms.Crop(x, 2, 0, 3, 4));
        Assert.Contains("(1, 4, 4)", e.Message);
    }

    [Fact]
    public void Resize_ConstantImage_StaysConstant()
    {
        var x = Tensor<double>.Full(0.37, 2, 1, 5, 6);
        foreach (var (h, w) in new[] { (13, 17), (2, 3), (5, 6), (1, 1) })
        {
            var y = ImageTransforms.Resize(x, h, w);
            Assert.Equal(new Shape(2, 1, h, w), y.Shape);
            foreach (double v in y.ToArray()) Assert.Equal(0.37, v, 15);
        }
    }

    [Fact]
    public void Resize_UpThenDown_OfASmoothImage_StaysClose()
    {
        var x = new Tensor<double>(1, 16, 16);
        for (int i = 0; i < 16; i++)
            for (int j = 0; j < 16; j++)
                x[0, i, j] = 0.5 + 0.4 * Math.Sin(0.3 * i) * Math.Cos(0.25 * j);
        var back = ImageTransforms.Resize(ImageTransforms.Resize(x, 32, 32), 16, 16);
        // Doubling then halving with half-pixel centres averages each pixel with a quarter of its
        // neighbours: a mild blur, tiny on a smooth image.
        AssertClose(x, back, 0.02);
    }

    [Fact]
    public void Resize_SameSize_IsTheIdentity()
    {
        var x = Tensor<float>.Uniform(new Rng(3), 0, 1, 3, 7, 5);
        Assert.True(ImageTransforms.Resize(x, 7, 5).ValueEquals(x));
    }

    [Theory]
    [InlineData("resize_up_8x11", 8, 11)]
    [InlineData("resize_down_3x4", 3, 4)]
    public void Resize_MatchesPyTorchBilinear(string name, int h, int w)
    {
        var x = TransformsFixture.Tensor("resize_input");
        AssertClose(TransformsFixture.Tensor(name), ImageTransforms.Resize(x, h, w), 1e-12);
    }

    [Fact]
    public void Transforms_WorkOnFloatAndDoubleAlike()
    {
        var xd = TransformsFixture.Tensor("rotate_input");
        var yf = ImageTransforms.Rotate(xd.Cast<float>(), 30);
        AssertClose(TransformsFixture.Tensor("rotate_30"), yf.Cast<double>(), 1e-6);
    }

    [Fact]
    public void Transforms_RejectTensorsThatAreNotImages()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => ImageTransforms.Rotate(new Tensor<float>(28, 28), 10));
        Assert.Contains("(28, 28)", e.Message);
        Assert.Contains("Rotate", e.Message);
    }
}
