using Tutorial.Engine.Tensors;
using Tutorial.Notebooks.Formatting;

namespace Tutorial.Notebooks.Tests.Formatting;

public class TensorFormatterTests
{
    private static Tensor<double> Range(params int[] shape)
    {
        var t = new Tensor<double>(shape);
        for (int i = 0; i < t.Length; i++) t[i] = i + 1;
        return t;
    }

    [Fact]
    public void Html_2x3_ShowsSixValuesUnderTheCaption()
    {
        string html = TensorFormatter.ToHtml(Range(2, 3));
        // The title Tensor<Double> (2, 3), HTML-escaped, above the table.
        Assert.Contains("<div class=\"tutorial-title\"", html);
        Assert.Contains("Tensor&lt;Double&gt; (2, 3)</div><table", html);
        Assert.Equal(["1", "2", "3", "4", "5", "6"], Html.Cells(html));
        Assert.Contains("min 1 · max 6 · mean 3.5", html);
        Assert.DoesNotContain("…", html);
    }

    [Fact]
    public void Text_2x3_IsNumpyStyle() =>
        Assert.Equal("Tensor<Double> (2, 3)\n[[1, 2, 3],\n [4, 5, 6]]", TensorFormatter.ToText(Range(2, 3)));

    [Fact]
    public void Html_100x100_IsElidedToTheCorners()
    {
        string html = TensorFormatter.ToHtml(Range(100, 100));
        var cells = Html.Cells(html);
        // 5 + 5 rows and columns of values, plus one "…" column in each of those rows and one "⋮" row of 11 cells.
        Assert.Equal(11 * 11, cells.Count);
        Assert.Equal(100, cells.Count(c => int.TryParse(c, out _)));
        Assert.Contains("…", html);
        Assert.Contains("⋮", html);
        Assert.Equal(["1", "2", "3", "4", "5", "…", "96", "97", "98", "99", "100"], cells.Take(11));
        Assert.Equal("10000", cells[^1]);
        Assert.Contains("10,000 elements, the first and last shown", html);
    }

    [Fact]
    public void Text_100x100_IsElided()
    {
        var lines = TensorFormatter.ToText(Range(100, 100)).Split('\n');
        Assert.Equal(1 + 11, lines.Length);
        Assert.Equal("[[    1,     2,     3,     4,     5,     …,    96,    97,    98,    99,   100],", lines[1]);
        Assert.Equal(" …,", lines[6]);
    }

    [Fact]
    public void Vector_IsOneRow()
    {
        var v = Tensor<float>.FromArray([0.5f, 0.25f, 1f], 3);
        Assert.Equal("Tensor<Single> (3,)\n[0.50, 0.25, 1.00]", TensorFormatter.ToText(v));
        string html = TensorFormatter.ToHtml(v);
        Assert.Contains("Tensor&lt;Single&gt; (3,)", html);
        Assert.Equal(["0.50", "0.25", "1.00"], Html.Cells(html));
    }

    [Fact]
    public void Scalar_IsOneCell()
    {
        var s = new Tensor<double>(new Shape());
        s.Span[0] = 3.5;
        Assert.Equal("Tensor<Double> ()\n3.5", TensorFormatter.ToText(s));
        Assert.Equal(["3.5"], Html.Cells(TensorFormatter.ToHtml(s)));
    }

    [Fact]
    public void Rank3_ShowsOneGridPerSlice()
    {
        string html = TensorFormatter.ToHtml(Range(2, 2, 3));
        Assert.Contains("[0, :, :]", html);
        Assert.Contains("[1, :, :]", html);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => i.ToString()), Html.Cells(html));
        Assert.Equal("Tensor<Double> (2, 2, 3)\n[0, :, :] =\n[[ 1,  2,  3],\n [ 4,  5,  6]]\n[1, :, :] =\n[[ 7,  8,  9],\n [10, 11, 12]]",
            TensorFormatter.ToText(Range(2, 2, 3)));
    }

    [Fact]
    public void Rank4_WithManySlices_ShowsTheFirstAndLastThree()
    {
        string html = TensorFormatter.ToHtml(Range(10, 3, 2, 2));
        Assert.Contains("[0, 0, :, :]", html);
        Assert.Contains("[0, 2, :, :]", html);
        Assert.DoesNotContain("[1, 0, :, :]", html);
        Assert.Contains("[9, 2, :, :]", html);
        Assert.Contains("… 24 more slices …", html);
        Assert.Equal(6 * 4, Html.Cells(html).Count);
    }

    [Fact]
    public void NanAndInfinity_AreCountedInRed()
    {
        var t = Tensor<double>.FromArray([1, double.NaN, double.PositiveInfinity, 2], 2, 2);
        string html = TensorFormatter.ToHtml(t);
        Assert.Contains("1 NaN, 1 infinite", html);
        Assert.Contains(HtmlStyle.RedText, html);
        Assert.Equal(["1", "nan", "inf", "2"], Html.Cells(html));
    }

    [Fact]
    public void Options_ControlTheElision()
    {
        var options = new TensorFormatOptions { MaxRows = 4, MaxColumns = 4, EdgeItems = 1 };
        var cells = Html.Cells(TensorFormatter.ToHtml(Range(6, 6), options));
        Assert.Equal(["1", "…", "6", "⋮", "⋱", "⋮", "31", "…", "36"], cells);
    }

    [Fact]
    public void Shape_ShowsRankAndElementCount()
    {
        string html = ShapeFormatter.ToHtml(new Shape(64, 785));
        Assert.Contains("(64, 785)", html);
        Assert.Contains("rank 2 · 50,240 elements", html);
        Assert.Equal("(64, 785)", ShapeFormatter.ToText(new Shape(64, 785)));
    }
}
