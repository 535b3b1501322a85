using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Tests.Tensors;

public class TensorTests
{
    [Fact]
    public void Indexer_IsRowMajor()
    {
        var t = Tensor<double>.FromDoubles([0, 1, 2, 3, 4, 5], 2, 3);
        Assert.Equal(5.0, t[1, 2]);
        Assert.Equal(3.0, t[1, 0]);
        Assert.Equal(2, t.Rows);
        Assert.Equal(3, t.Cols);
    }

    [Fact]
    public void Reshape_IsAViewSharingStorage()
    {
        var t = Tensor<float>.Zeros(2, 3);
        var r = t.Reshape(3, -1);
        Assert.Equal(new Shape(3, 2), r.Shape);
        r[2, 1] = 7f;
        Assert.Equal(7f, t[1, 2]);
    }

    [Fact]
    public void SliceRows_IsAViewOfTheBatch()
    {
        var t = Tensor<double>.FromDoubles([0, 1, 2, 3, 4, 5, 6, 7], 4, 2);
        var s = t.SliceRows(1, 2);
        Assert.Equal(new Shape(2, 2), s.Shape);
        Assert.Equal(new[] { 2.0, 3, 4, 5 }, s.ToArray());
        s[0, 0] = -1;
        Assert.Equal(-1.0, t[1, 0]);
    }

    [Fact]
    public void Reshape_WrongCount_NamesBothShapes()
    {
        var t = Tensor<float>.Zeros(2, 3);
        var e = Assert.Throws<ArgumentException>(() => t.Reshape(4, 2));
        Assert.Contains("6 elements", e.Message);
        Assert.Contains("(4, 2)", e.Message);
    }

    [Fact]
    public void Index_OutOfRange_NamesShape()
    {
        var t = Tensor<float>.Zeros(2, 3);
        var e = Assert.Throws<IndexOutOfRangeException>(() => t[2, 0]);
        Assert.Contains("(2, 3)", e.Message);
    }

    [Fact]
    public void Shape_PrintsLikePython()
    {
        Assert.Equal("(64, 785)", new Shape(64, 785).ToString());
        Assert.Equal("(3,)", new Shape(3).ToString());
        Assert.Equal("()", new Shape().ToString());
    }

    [Fact]
    public void Rng_SameSeed_SameSequence_DifferentSeed_DifferentSequence()
    {
        var a = new Rng(42);
        var b = new Rng(42);
        var c = new Rng(43);
        var xa = Enumerable.Range(0, 5).Select(_ => a.NextUInt64()).ToArray();
        var xb = Enumerable.Range(0, 5).Select(_ => b.NextUInt64()).ToArray();
        var xc = Enumerable.Range(0, 5).Select(_ => c.NextUInt64()).ToArray();
        Assert.Equal(xa, xb);
        Assert.NotEqual(xa, xc);
    }

    [Fact]
    public void Rng_Normal_HasUnitMomentsOnALargeSample()
    {
        var rng = new Rng(7);
        var xs = Enumerable.Range(0, 200_000).Select(_ => rng.Normal()).ToArray();
        double mean = xs.Average();
        double variance = xs.Select(x => (x - mean) * (x - mean)).Average();
        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(variance, 0.98, 1.02);
    }
}
