using Tutorial.Notebooks.Formatting;

namespace Tutorial.Notebooks.Tests.Formatting;

public class NumberFormatTests
{
    private static string[] Apply(params double[] values)
    {
        var f = NumberFormat.For(values);
        return values.Select(f).ToArray();
    }

    [Fact]
    public void For_Integers_HaveNoDecimals() => Assert.Equal(["1", "-2", "30"], Apply(1, -2, 30));

    [Fact]
    public void For_Fractions_ShareTheLargestNeededDecimals() => Assert.Equal(["0.50", "0.25", "1.00"], Apply(0.5, 0.25, 1));

    [Fact]
    public void For_Fractions_RoundToFourDecimals() => Assert.Equal(["0.3333", "0.6667"], Apply(1.0 / 3, 2.0 / 3));

    [Fact]
    public void For_TinyOrWideRangingValues_AreScientific()
    {
        Assert.Equal(["1.0e-05", "1.0e+00"], Apply(1e-5, 1));
        Assert.Equal(["1.2346e+09", "2.0000e+00"], Apply(1234567890, 2.5 - 0.5));
    }

    [Fact]
    public void For_NanAndInfinity_AreSpelledOut() => Assert.Equal(["nan", "inf", "-inf", "0.5"], Apply(double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.5));

    [Fact]
    public void Compact_ShortensSingleNumbers()
    {
        Assert.Equal("0.1235", NumberFormat.Compact(0.123456));
        Assert.Equal("12", NumberFormat.Compact(12));
        Assert.Equal("3.2e-09", NumberFormat.Compact(3.2e-9));
        Assert.Equal("1.5e+06", NumberFormat.Compact(1.5e6));
        Assert.Equal("0", NumberFormat.Compact(0));
    }

    [Fact]
    public void CountAndBytes_AreReadable()
    {
        Assert.Equal("101,770", NumberFormat.Count(101770));
        Assert.Equal("397.5 KiB", NumberFormat.Bytes(407040));
        Assert.Equal("12 bytes", NumberFormat.Bytes(12));
    }
}
