using Tutorial.Engine.Kernels;
using Tutorial.Engine.Tests.Layers;

namespace Tutorial.Engine.Tests.Kernels;

public class ConvGeometryTests
{
    /// <summary>H_out = ⌊(H + 2p − d(k − 1) − 1)/s⌋ + 1, worked by hand.</summary>
    [Theory]
    [InlineData(28, 5, 1, 0, 1, 24)]      // LeNet conv1: 28 − 5 + 1
    [InlineData(12, 5, 1, 0, 1, 8)]       // LeNet conv2
    [InlineData(28, 5, 1, 2, 1, 28)]      // "same" padding for an odd kernel: p = (k − 1)/2
    [InlineData(24, 2, 2, 0, 1, 12)]      // 2×2 pooling halves
    [InlineData(7, 3, 2, 0, 1, 3)]        // ⌊4/2⌋ + 1
    [InlineData(8, 3, 2, 0, 1, 3)]        // ⌊5/2⌋ + 1: the last row is never a window start
    [InlineData(32, 3, 2, 1, 1, 16)]      // ⌊31/2⌋ + 1
    [InlineData(10, 3, 1, 2, 2, 10)]      // dilation 2 covers 5 pixels; p = 2 keeps the size
    [InlineData(224, 7, 2, 3, 1, 112)]    // ResNet stem
    [InlineData(5, 5, 1, 0, 1, 1)]        // the kernel exactly fits
    [InlineData(4, 5, 1, 0, 1, 0)]        // too small: no output
    [InlineData(1, 3, 1, 0, 2, -3)]       // ⌊(1 − 4 − 1)/1⌋ + 1: floor, not truncation
    [InlineData(2, 4, 3, 0, 1, 0)]        // ⌊−2/3⌋ + 1 = −1 + 1
    public void OutputSize_FollowsTheFormula(int size, int kernel, int stride, int padding, int dilation, int expected) =>
        Assert.Equal(expected, ConvGeometry.OutputSize(size, kernel, stride, padding, dilation));

    [Fact]
    public void OutputSize_MatchesPyTorch()
    {
        foreach (var row in ConvAssert.Data.GetProperty("outputSizes").EnumerateArray())
        {
            int[] v = row.EnumerateArray().Select(e => e.GetInt32()).ToArray();
            Assert.True(ConvGeometry.OutputSize(v[0], v[1], v[2], v[3], v[4]) == v[5],
                $"size {v[0]}, k {v[1]}, s {v[2]}, p {v[3]}, d {v[4]}: PyTorch gives {v[5]}");
        }
    }

    [Fact]
    public void Geometry_DerivesTheIm2ColMatrixShape()
    {
        var g = new ConvGeometry(3, 32, 20, (3, 5), (2, 3), (1, 2), (1, 2));
        Assert.Equal(16, g.OutHeight);
        Assert.Equal(6, g.OutWidth);
        Assert.Equal(3 * 3 * 5, g.ColumnRows);
        Assert.Equal(16 * 6, g.ColumnCount);
        Assert.Equal(3 * 32 * 20, g.SampleLength);
        Assert.True(g.HasOutput);
        Assert.False(new ConvGeometry(1, 4, 4, 5, 1, 0, 1).HasOutput);
    }

    [Theory]
    [InlineData(5, 0, 1, 5)]
    [InlineData(5, 2, 1, 1)]
    [InlineData(3, 0, 2, 5)]
    [InlineData(5, 1, 2, 7)]
    public void MinimumInputSize_IsTheSmallestSizeWithOneOutput(int kernel, int padding, int dilation, int expected)
    {
        Assert.Equal(expected, ConvGeometry.MinimumInputSize(kernel, padding, dilation));
        Assert.Equal(1, ConvGeometry.OutputSize(expected, kernel, 1, padding, dilation));
        if (expected > 1) Assert.Equal(0, ConvGeometry.OutputSize(expected - 1, kernel, 1, padding, dilation));
    }
}
