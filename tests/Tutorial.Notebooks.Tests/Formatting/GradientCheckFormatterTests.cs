using Tutorial.Engine.Gradients;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;
using Tutorial.Notebooks.Formatting;

namespace Tutorial.Notebooks.Tests.Formatting;

public class GradientCheckFormatterTests
{
    private static GradientCheckResult Mixed() => new("Linear(in: 3, out: 2)",
    [
        new GradientCheckEntry("x", new Shape(4, 3), 2e-10, 0, 0.5, 0.5),
        new GradientCheckEntry("weight", new Shape(2, 3), 3e-6, 4, 1.25, 1.2500037),
        new GradientCheckEntry("bias", new Shape(2), 0.25, 1, 2.0, 1.5),
    ], 1e-5);

    [Fact]
    public void Rows_AreColouredByError_AndJudgedAgainstTheTolerance()
    {
        var rows = Html.Rows(GradientCheckFormatter.ToHtml(Mixed()));
        Assert.Equal(4, rows.Count); // header + 3 tensors
        var x = rows[1];
        Assert.Contains(HtmlStyle.GreenBackground, x);
        Assert.Contains(">PASS<", x);
        Assert.Contains("2.0e-10", x);
        var weight = rows[2];
        Assert.Contains(HtmlStyle.AmberBackground, weight); // 3e-6 is amber (≥ 1e-7, < 1e-4) but within the tolerance 1e-5
        Assert.Contains(">PASS<", weight);
        Assert.Contains("[1, 1]", weight); // flat index 4 in (2, 3)
        var bias = rows[3];
        Assert.Contains(HtmlStyle.RedBackground, bias);
        Assert.Contains(">FAIL<", bias);
        Assert.Contains("2.5e-01", bias);
    }

    [Fact]
    public void Caption_AndSummary_SayWhetherItPassed()
    {
        string html = GradientCheckFormatter.ToHtml(Mixed());
        Assert.Contains("Gradient check of Linear(in: 3, out: 2): FAILED (tolerance 1.0e-05)", html);
        Assert.Contains("1 of 3 tensors exceed the tolerance", html);
        Assert.Contains("FAIL", GradientCheckFormatter.ToText(Mixed()));
    }

    [Fact]
    public void RealCheckOfLinear_IsAllGreen()
    {
        var layer = new Linear<double>(3, 2, new Rng(7));
        var x = Tensor<double>.Normal(new Rng(8), 0, 1, 4, 3);
        var result = GradientChecker.Check(layer, x);
        Assert.True(result.Passed, result.ToString());
        string html = GradientCheckFormatter.ToHtml(result);
        Assert.Equal(3, Html.Count(html, ">PASS<"));
        Assert.DoesNotContain(">FAIL<", html);
        Assert.Equal(3, Html.Count(html, HtmlStyle.GreenBackground));
        Assert.Contains("passed", html);
    }

    [Theory]
    [InlineData(1e-9, Verdict.Good)]
    [InlineData(1e-6, Verdict.Doubtful)]
    [InlineData(1e-3, Verdict.Bad)]
    [InlineData(double.PositiveInfinity, Verdict.Bad)]
    [InlineData(double.NaN, Verdict.Bad)]
    public void Judge_UsesTheRulesOfThumb(double error, Verdict expected) => Assert.Equal(expected, GradientCheckFormatter.Judge(error));

    [Fact]
    public void Names_AreEscaped()
    {
        var result = new GradientCheckResult("<script>alert(1)</script>", [new GradientCheckEntry("<b>w</b>", new Shape(1), 0, 0, 0, 0)], 1e-7);
        string html = GradientCheckFormatter.ToHtml(result);
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<b>w</b>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("&lt;b&gt;w&lt;/b&gt;", html);
    }
}
