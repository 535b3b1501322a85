using Tutorial.Data.Loaders;

namespace Tutorial.Data.Tests.Loaders;

public class DigitsLoaderTests
{
    [Fact]
    public void Load_ShippedDigits_ScaledFlatPixelsAndLabels()
    {
        var digits = DigitsLoader.Load<double>(ShippedData.PathOf("digits", "digits.csv.gz"));
        Assert.Equal([1797, 64], digits.X.Shape.Dims);
        Assert.Equal(0, digits.Labels[0]);
        Assert.Equal([178, 182, 177, 183, 181, 182, 181, 179, 174, 180], digits.ClassCounts());
        Assert.Equal(294.0 / 16, digits.X.Row(0).ToArray().Sum(), 1e-12);
        Assert.Equal(561_718.0 / 16, digits.X.ToArray().Sum(), 1e-6);
        Assert.Equal(0.0, digits.X.ToArray().Min());
        Assert.Equal(1.0, digits.X.ToArray().Max());
    }

    [Fact]
    public void Load_ShippedDigits_Nchw_KeepsImageRows()
    {
        var digits = DigitsLoader.Load<float>(ShippedData.PathOf("digits", "digits.csv.gz"), ImageLayout.Nchw);
        Assert.Equal([1797, 1, 8, 8], digits.X.Shape.Dims);
        // Row 3 of the first image is 0 4 12 0 0 8 8 0 (a zero's two strokes).
        float[] row3 = Enumerable.Range(0, 8).Select(w => digits.X[0, 0, 3, w] * 16).ToArray();
        Assert.Equal([0f, 4f, 12f, 0f, 0f, 8f, 8f, 0f], row3);
    }

    [Fact]
    public void Load_PixelAbove16_FailsNamingLineAndColumn()
    {
        using var dir = new TempFolder();
        string row = string.Join(",", Enumerable.Repeat("0", 63)) + ",17,3";
        string path = dir.WriteText("digits.csv", row + "\n");
        var e = Assert.Throws<DataFormatException>(() => DigitsLoader.Load<float>(path));
        Assert.Contains("line 1, column 64: pixel 17 is outside 0 … 16", e.Message);
    }

    [Fact]
    public void Load_WrongColumnCount_Fails()
    {
        using var dir = new TempFolder();
        string path = dir.WriteText("digits.csv", "1,2,3\n");
        Assert.Contains("rows have 3 columns", Assert.Throws<DataFormatException>(() => DigitsLoader.Load<float>(path)).Message);
    }
}
