using Tutorial.Data.Images;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Tests.Images;

public class ImageRenderTests
{
    private static (byte, byte, byte) Gray(byte g) => (g, g, g);
    private static readonly (byte, byte, byte) Pad = (128, 128, 128);
    private static readonly (byte, byte, byte) White = (255, 255, 255);
    private static readonly (byte, byte, byte) Blue = (0, 0, 255);
    private static readonly (byte, byte, byte) Red = (255, 0, 0);

    /// <summary>Four 2×3 images; image n is the constant n/3 (gray 0, 85, 170, 255).</summary>
    private static Tensor<double> FourConstantImages()
    {
        var x = new Tensor<double>(4, 1, 2, 3);
        for (int n = 0; n < 4; n++) x.Row(n).Fill(n / 3.0);
        return x;
    }

    [Fact]
    public void Grid_2x2_HasTheExpectedSizeAndPixels()
    {
        var picture = ImageRender.Grid(FourConstantImages(), padding: 1);
        // 2 columns of 3 pixels, 3 padding lines: 2·(3+1)+1 = 9 wide; 2·(2+1)+1 = 7 high.
        Assert.Equal(9, picture.Width);
        Assert.Equal(7, picture.Height);

        Assert.Equal(Pad, picture[0, 0]);        // border
        Assert.Equal(Pad, picture[4, 2]);        // the gap between tiles
        Assert.Equal(Gray(0), picture[1, 1]);    // image 0: top-left tile, columns 1..3, rows 1..2
        Assert.Equal(Gray(0), picture[3, 2]);
        Assert.Equal(Gray(85), picture[5, 1]);   // image 1: top-right tile, columns 5..7
        Assert.Equal(Gray(170), picture[1, 4]);  // image 2: bottom-left, rows 4..5
        Assert.Equal(Gray(255), picture[7, 5]);  // image 3: bottom-right
        Assert.Equal(Pad, picture[8, 6]);
    }

    [Fact]
    public void Grid_Upscaled_ScalesTilesButNotPadding()
    {
        var picture = ImageRender.Grid(FourConstantImages(), padding: 2, scale: 3);
        // Tiles of 9 × 6 pixels: 2·(9+2)+2 = 24 wide, 2·(6+2)+2 = 18 high.
        Assert.Equal(24, picture.Width);
        Assert.Equal(18, picture.Height);
        Assert.Equal(Gray(85), picture[13, 2]);  // image 1 starts at column 2 + 9 + 2 = 13
        Assert.Equal(Gray(85), picture[21, 7]);  // ... and ends at 13 + 8 = 21, row 2 + 5 = 7
        Assert.Equal(Pad, picture[22, 7]);
    }

    [Fact]
    public void Grid_PerImageNormalisation_StretchesEachImage()
    {
        // Two images with different ranges: [0.2, 0.4] and [10, 30].
        var x = Tensor<float>.FromDoubles([0.2, 0.3, 0.4, 10, 20, 30], 2, 1, 1, 3);
        var picture = ImageRender.Grid(x, columns: 2, padding: 0, perImage: true);
        Assert.Equal(6, picture.Width);
        Assert.Equal(1, picture.Height);
        Assert.Equal([Gray(0), Gray(128), Gray(255), Gray(0), Gray(128), Gray(255)],
            Enumerable.Range(0, 6).Select(i => picture[i, 0]).ToArray());

        var shared = ImageRender.Grid(x, columns: 2, padding: 0, normalization: Normalization.MinMax);
        Assert.Equal(Gray(0), shared[0, 0]);     // 0.2 is the smallest of all
        Assert.Equal(Gray(255), shared[5, 0]);   // 30 the largest
        Assert.Equal(Gray(2), shared[2, 0]);     // 0.4 is near the bottom of [0.2, 30]: 255·0.2/29.8 = 1.7
    }

    [Fact]
    public void Grid_ColumnsDefaultToCeilSqrtN_AndEmptyCellsArePadding()
    {
        var x = Tensor<double>.Ones(5, 1, 2, 2);
        var picture = ImageRender.Grid(x, padding: 1);
        Assert.Equal(3 * 3 + 1, picture.Width);  // ⌈√5⌉ = 3 columns
        Assert.Equal(2 * 3 + 1, picture.Height); // 2 rows
        Assert.Equal(White, picture[4, 4]);      // image 4 (row 1, column 1)
        Assert.Equal(Pad, picture[7, 4]);        // the sixth cell is empty
    }

    [Fact]
    public void Image_Gray_UpscalesByNearestNeighbour()
    {
        var x = Tensor<double>.FromDoubles([0, 1, 1, 0.5], 2, 2);
        var picture = ImageRender.Image(x, scale: 3);
        Assert.Equal(6, picture.Width);
        Assert.Equal(6, picture.Height);
        for (int y = 0; y < 6; y++)
            for (int xx = 0; xx < 6; xx++)
            {
                double v = x[y / 3, xx / 3];
                Assert.Equal(Gray((byte)Math.Round(v * 255, MidpointRounding.AwayFromZero)), picture[xx, y]);
            }
    }

    [Fact]
    public void Image_Colour_KeepsChannels()
    {
        var x = Tensor<double>.FromDoubles([1, 0, 0, 1, 0, 0], 3, 1, 2); // (R, G, B) planes: red, then green
        var picture = ImageRender.Image(x);
        Assert.Equal(Red, picture[0, 0]);
        Assert.Equal(((byte)0, (byte)255, (byte)0), picture[1, 0]);
    }

    [Fact]
    public void FeatureMaps_Symmetric_UseBlueWhiteRed()
    {
        var maps = Tensor<double>.FromDoubles([-2, 0, 1, 2], 1, 1, 4);
        var picture = ImageRender.FeatureMaps(maps, Normalization.Symmetric, padding: 0);
        Assert.Equal(Blue, picture[0, 0]);                                 // −max
        Assert.Equal(White, picture[1, 0]);                                // 0
        Assert.Equal(((byte)255, (byte)128, (byte)128), picture[2, 0]);    // +max/2: half-way to red
        Assert.Equal(Red, picture[3, 0]);                                  // +max
    }

    [Fact]
    public void FeatureMaps_MinMaxPerMap_UsesEachMapsOwnRange()
    {
        var maps = new Tensor<double>(5, 3, 3);
        for (int c = 0; c < 5; c++)
            for (int k = 0; k < 9; k++)
                maps[c, k / 3, k % 3] = c * 100 + k; // map c ranges over [100c, 100c + 8]
        var picture = ImageRender.FeatureMaps(maps, padding: 1, scale: 2);
        // ⌈√5⌉ = 3 columns, 2 rows of 6 × 6 tiles: 3·7+1 = 22 wide, 2·7+1 = 15 high.
        Assert.Equal(22, picture.Width);
        Assert.Equal(15, picture.Height);
        for (int c = 0; c < 5; c++)
        {
            int x0 = 1 + (c % 3) * 7, y0 = 1 + (c / 3) * 7;
            Assert.Equal(Gray(0), picture[x0, y0]);             // k = 0: the map's minimum
            Assert.Equal(Gray(255), picture[x0 + 5, y0 + 5]);   // k = 8: its maximum
        }
        Assert.Equal(Pad, picture[15, 8]); // the sixth cell is empty
    }

    [Fact]
    public void FeatureMaps_AcceptABatchOfOne()
    {
        var maps = Tensor<float>.Uniform(new Rng(1), -1, 1, 1, 4, 5, 5);
        var a = ImageRender.FeatureMaps(maps);
        var b = ImageRender.FeatureMaps(maps.Row(0));
        Assert.True(a.Pixels.SequenceEqual(b.Pixels));
    }

    [Fact]
    public void Filters_LayOutOutputsAsRowsAndInputsAsColumns()
    {
        // (out 2, in 3, 2, 2): filter o, channel i is the constant (o·3 + i − 2.5), from −2.5 to 2.5.
        var w = new Tensor<double>(2, 3, 2, 2);
        for (int o = 0; o < 2; o++)
            for (int i = 0; i < 3; i++)
                w.Row(o).Row(i).Fill(o * 3 + i - 2.5);
        var picture = ImageRender.Filters(w, padding: 1);
        Assert.Equal(3 * 3 + 1, picture.Width);
        Assert.Equal(2 * 3 + 1, picture.Height);
        Assert.Equal(Blue, picture[1, 1]);     // o = 0, i = 0: −2.5 = −max
        Assert.Equal(Red, picture[8, 5]);      // o = 1, i = 2: +2.5 = +max
        // o = 0, i = 2: −0.5 → t = −0.2 → (204, 204, 255)
        Assert.Equal(((byte)204, (byte)204, (byte)255), picture[7, 1]);
    }

    [Fact]
    public void Filters_SingleInputChannel_FormASquareGrid()
    {
        var w = Tensor<float>.Uniform(new Rng(2), -1, 1, 8, 1, 3, 3);
        var picture = ImageRender.Filters(w, padding: 1, scale: 4);
        Assert.Equal(3 * 13 + 1, picture.Width);   // ⌈√8⌉ = 3 columns of 12-pixel tiles
        Assert.Equal(3 * 13 + 1, picture.Height);
    }

    [Fact]
    public void Filters_Rgb_DrawsEachFilterInColour()
    {
        var w = new Tensor<double>(1, 3, 1, 1);
        w[0, 0, 0, 0] = 1;   // R = +max -> 255
        w[0, 1, 0, 0] = -1;  // G = −max -> 0
        w[0, 2, 0, 0] = 0;   // B = 0    -> 128
        var picture = ImageRender.Filters(w, rgb: true, padding: 0);
        Assert.Equal(((byte)255, (byte)0, (byte)128), picture[0, 0]);
    }

    [Fact]
    public void ToPng_DecodesToTheSamePixels()
    {
        var picture = ImageRender.Grid(Tensor<float>.Uniform(new Rng(3), 0, 1, 6, 1, 5, 4), scale: 2);
        var decoded = ImageIO.Decode<double>(picture.ToPng(), ImageColorMode.Rgb);
        Assert.True(picture.ToTensor<double>().ValueEquals(decoded));
    }

    [Fact]
    public void Save_WritesAPngFile()
    {
        using var dir = new TempFolder();
        var picture = ImageRender.Image(Tensor<double>.FromDoubles([0, 0.5, 1, 0.25], 1, 2, 2), scale: 2);
        string path = dir.File("digit.png");
        picture.Save(path);
        var loaded = ImageIO.Load<double>(path, ImageColorMode.Rgb);
        Assert.Equal(new Shape(3, 4, 4), loaded.Shape);
        Assert.True(picture.ToTensor<double>().ValueEquals(loaded));
    }

    [Fact]
    public void Grid_WrongShape_ThrowsNamingTheShape()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => ImageRender.Grid(new Tensor<float>(4, 2, 3, 3)));
        Assert.Contains("(4, 2, 3, 3)", e.Message);
    }

    [Fact]
    public void ColorMap_BlueWhiteRed_EndsAndMiddle()
    {
        Assert.Equal(Blue, ColorMap.BlueWhiteRed(-1));
        Assert.Equal(White, ColorMap.BlueWhiteRed(0));
        Assert.Equal(Red, ColorMap.BlueWhiteRed(1));
        Assert.Equal(Red, ColorMap.BlueWhiteRed(7));          // clamped
        Assert.Equal(((byte)64, (byte)64, (byte)255), ColorMap.BlueWhiteRed(-0.75));
    }
}
