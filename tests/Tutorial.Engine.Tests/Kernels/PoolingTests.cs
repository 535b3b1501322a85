using Tutorial.Engine.Kernels;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Tests.Kernels;

public class PoolingTests
{
    /// <summary>Values from a small set, so windows have ties, with a few NaNs.</summary>
    private static float[] Data(int length, ulong seed, bool nans)
    {
        var rng = new Rng(seed);
        var data = new float[length];
        for (int i = 0; i < length; i++) data[i] = rng.NextInt(5) - 2;
        if (nans)
            for (int i = 0; i < length; i += 7) data[i] = float.NaN;
        return data;
    }

    [Theory]
    [InlineData(2, 2, false)]
    [InlineData(5, 7, false)]
    [InlineData(8, 8, true)]
    [InlineData(24, 24, false)]
    [InlineData(9, 6, true)]
    [InlineData(24, 24, true)]    // widths of at least Vector<float>.Count + 1 take the vector loop for part of each row
    [InlineData(12, 21, true)]
    [InlineData(6, 40, true)]
    public void MaxForward2x2_MatchesTheReference_TiesAndNaNsIncluded(int height, int width, bool nans)
    {
        const int planes = 3;
        var g = new ConvGeometry(1, height, width, 2, 2, 0, 1);
        int outLength = planes * g.OutHeight * g.OutWidth;
        var x = Data(planes * height * width, (ulong)(height * 31 + width), nans);
        var (y, arg) = (new float[outLength], new int[outLength]);
        var (yRef, argRef) = (new float[outLength], new int[outLength]);
        Pooling.MaxForward2x2<float>(x, y, arg, planes, height, width);
        PoolingReference.MaxForward<float>(x, yRef, argRef, planes, g);
        Assert.Equal(argRef, arg);
        Assert.Equal(yRef, y);
        if (nans) Assert.Contains(y, float.IsNaN);
    }

    [Theory]
    [InlineData(24, 24)]
    [InlineData(7, 19)]
    public void MaxForward2x2_Double_MatchesTheReference_TiesAndNaNsIncluded(int height, int width)
    {
        const int planes = 2;
        var g = new ConvGeometry(1, height, width, 2, 2, 0, 1);
        int outLength = planes * g.OutHeight * g.OutWidth;
        var x = Array.ConvertAll(Data(planes * height * width, (ulong)(height * 17 + width), nans: true), v => (double)v);
        var (y, arg) = (new double[outLength], new int[outLength]);
        var (yRef, argRef) = (new double[outLength], new int[outLength]);
        Pooling.MaxForward2x2<double>(x, y, arg, planes, height, width);
        PoolingReference.MaxForward<double>(x, yRef, argRef, planes, g);
        Assert.Equal(argRef, arg);
        Assert.Equal(yRef, y);
        Assert.Contains(y, double.IsNaN);
    }

    [Fact]
    public void MaxForward_TakesTheFastPathOnlyFor2x2Stride2()
    {
        // 3 × 3 windows with stride 2 and padding 1 go through the reference: same results as calling it directly.
        var g = new ConvGeometry(1, 7, 7, 3, 2, 1, 1);
        var x = Data(2 * 49, 9, nans: false);
        int outLength = 2 * g.OutHeight * g.OutWidth;
        var (y, arg, yRef, argRef) = (new double[outLength], new int[outLength], new double[outLength], new int[outLength]);
        var xd = x.Select(v => (double)v).ToArray();
        Pooling.MaxForward<double>(xd, y, arg, 2, g);
        PoolingReference.MaxForward<double>(xd, yRef, argRef, 2, g);
        Assert.Equal(argRef, arg);
        Assert.Equal(yRef, y);
        Assert.Equal(16, g.OutHeight * g.OutWidth);
    }
}
