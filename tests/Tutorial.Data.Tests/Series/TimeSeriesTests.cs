using Tutorial.Data.Series;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Tests.Series;

public class TimeSeriesTests
{
    [Fact]
    public void Sunspots_ShippedFile_YearsAndKnownValues()
    {
        var s = TimeSeries.FromCsv(ShippedData.PathOf("sunspots", "sunspots.csv"), "YEAR", "SUNACTIVITY");
        Assert.Equal(309, s.Length);
        Assert.Equal((1700.0, 5.0), (s.Times[0], s.Values[0]));
        Assert.Equal((2008.0, 2.9), (s.Times[^1], s.Values[^1]));
        Assert.Equal(80.9, s.Values[49]); // 1749
        Assert.Equal(190.2, s.Values.Max());
        Assert.Equal(1957.0, s.Times[s.Values.ToList().IndexOf(190.2)]);
        Assert.Equal(15373.4, s.Values.Sum(), 1e-9);
        Assert.Equal("sunspots", s.Name);
    }

    [Fact]
    public void Windows_PairEachStretchWithTheValueAfterIt()
    {
        var s = new TimeSeries([1, 2, 3, 4, 5, 6], [10, 20, 30, 40, 50, 60]);
        var (x, y) = s.Windows<double>(length: 3);
        Assert.Equal([3, 3, 1], x.Shape.Dims);
        Assert.Equal([3, 1], y.Shape.Dims);
        Assert.Equal([10.0, 20, 30], x.Row(0).ToArray());
        Assert.Equal([30.0, 40, 50], x.Row(2).ToArray());
        Assert.Equal([40.0, 50, 60], y.ToArray());
    }

    [Fact]
    public void Windows_WithHorizon_TargetsFurtherAhead()
    {
        var (x, y) = TimeSeries.Windows(Tensor<float>.FromArray([1f, 2f, 3f, 4f, 5f], 5), length: 2, horizon: 2);
        Assert.Equal([2, 2, 1], x.Shape.Dims);
        Assert.Equal([1f, 2f, 2f, 3f], x.ToArray());
        Assert.Equal([4f, 5f], y.ToArray());
    }

    [Fact]
    public void Windows_TooShort_Fails()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => TimeSeries.Windows(Tensor<float>.FromArray([1f, 2f], 2), 2));
        Assert.Contains("A series of 2 values has no window of 2 steps", e.Message);
    }

    [Fact]
    public void SplitAt_KeepsTimeOrder()
    {
        var s = new TimeSeries([1, 2, 3, 4], [5, 6, 7, 8], "t");
        var (before, after) = s.SplitAt(3);
        Assert.Equal([5.0, 6, 7], before.Values);
        Assert.Equal([4.0], after.Times);
    }

    [Fact]
    public void FromCsv_TimesNotIncreasing_NamesTheLine()
    {
        using var dir = new TempFolder();
        string path = dir.WriteText("ts.csv", "year,v\n2000,1\n2001,2\n2001,3\n");
        var e = Assert.Throws<DataFormatException>(() => TimeSeries.FromCsv(path, "year", "v"));
        Assert.Contains("line 4: time 2001 does not come after 2001", e.Message);
    }
}
