using System.Text.Json.Nodes;
using Plotly.NET;
using Tutorial.Notebooks.Charts;

namespace Tutorial.Notebooks.Tests.Charts;

public class ChartHtmlTests
{
    private static GenericChart Squares(string title = "Squares") =>
        Plots.Line([1.0, 2, 3], [1.0, 4, 9], "squares", title: title);

    [Fact]
    public void Html_IsADivAndAScriptThatDrawsWithPlotly()
    {
        string html = ChartHtml.ToHtml(Squares());
        Assert.StartsWith("<div id=\"tutorial-plot-", html);
        Assert.Contains("class=\"tutorial-plot\" style=\"width: 640px; max-width: 100%; height: 420px;\"></div>", html);
        Assert.Contains("<script type=\"text/javascript\">", html);
        Assert.EndsWith("</script>", html);
        Assert.Contains("window.Plotly.newPlot(el, figure.data, figure.layout, figure.config)", html);
        Assert.Contains("if (window.Plotly) { draw(); return; }", html);
    }

    [Fact]
    public void Html_NeverLoadsPlotlyFromTheNetwork()
    {
        string html = ChartHtml.ToHtml(Squares());
        Assert.DoesNotContain("cdn", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotContain("http://", html);
        // The local copies it tries instead.
        Assert.Contains("[\"plotly.min.js\",\"assets/plotly.min.js\"]", html);
        Assert.Contains("\"../vendor/plotly.js/plotly.min.js\"", html);
        Assert.Contains("\"/files/\"", html);
    }

    [Fact]
    public void Html_CarriesTheFigure()
    {
        string html = ChartHtml.ToHtml(Squares());
        int start = html.IndexOf("var figure = ", StringComparison.Ordinal) + "var figure = ".Length;
        int end = html.IndexOf(";\n  var cs", start, StringComparison.Ordinal);
        var figure = JsonNode.Parse(html[start..end])!;
        var trace = figure["data"]![0]!;
        Assert.Equal("scatter", trace["type"]!.GetValue<string>());
        Assert.Equal("squares", trace["name"]!.GetValue<string>());
        Assert.Equal([1.0, 4.0, 9.0], trace["y"]!.AsArray().Select(n => n!.GetValue<double>()));
        Assert.Equal("Squares", figure["layout"]!["title"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Html_IsTheSameEveryTime_AndDiffersBetweenCharts()
    {
        Assert.Equal(ChartHtml.ToHtml(Squares()), ChartHtml.ToHtml(Squares()));
        string a = ChartHtml.ToHtml(Squares("a")), b = ChartHtml.ToHtml(Squares("b"));
        Assert.NotEqual(a[..40], b[..40]); // different element ids
    }

    [Fact]
    public void MarkupInTitles_CannotEndTheScript()
    {
        string html = ChartHtml.ToHtml(Squares("</script><img src=x onerror=alert(1)>"));
        Assert.Equal(1, Tutorial.Notebooks.Tests.Formatting.Html.Count(html, "</script>"));
        Assert.DoesNotContain("<img", html);
        Assert.Contains("\\u003C/script\\u003E", html);
    }

    [Fact]
    public void Text_NamesTitleAndTraces()
    {
        Assert.Equal("Plotly chart \"Squares\" (scatter)", ChartHtml.ToText(Squares()));
        var two = Plots.Lines([0.0, 1], ("a", [0.0, 1]), ("b", [1.0, 0]));
        Assert.Equal("Plotly chart (scatter × 2)", ChartHtml.ToText(two));
    }

    [Fact]
    public void CompactNumbers_RoundsFractionsToFiveSignificantDigits_AndKeepsIntegersAndText()
    {
        var node = JsonNode.Parse("""{"x":[1,2,123456789],"y":[0.123456789,-98765.4321,1e-7,3.14159265358979],"name":"a 0.123456789"}""");
        var compact = ChartHtml.CompactNumbers(node)!;
        Assert.Equal("""{"x":[1,2,123456789],"y":[0.12346,-98765,1E-07,3.1416],"name":"a 0.123456789"}""", compact.ToJsonString());
        Assert.Equal(0.123456789, node!["y"]![0]!.GetValue<double>());     // the input is not changed
    }

    [Fact]
    public void Html_OfAContour_CarriesRoundedGridValues()
    {
        string html = ChartHtml.ToHtml(Plots.Contour((x, y) => Math.Sin(x) * Math.Cos(y) / 3, (-1, 1), (-1, 1)));
        Assert.DoesNotContain("0.0333333333", html);
        Assert.True(html.Length < 90_000, $"contour HTML is {html.Length} characters");
    }
}
