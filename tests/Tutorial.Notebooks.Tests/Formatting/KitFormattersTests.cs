using Plotly.NET;
using Tutorial.Data.Images;
using Tutorial.Engine.Gradients;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Metrics;
using Tutorial.Engine.Tensors;
using Tutorial.Notebooks.Charts;
using Tutorial.Notebooks.Display;
using Tutorial.Notebooks.Formatting;
using DniFormatter = Microsoft.DotNet.Interactive.Formatting.Formatter;

namespace Tutorial.Notebooks.Tests.Formatting;

/// <summary>One implementation, two registrations: the kit's registry and .NET Interactive's give the same output.</summary>
public class KitFormattersTests
{
    public KitFormattersTests() => KitFormatters.EnsureRegistered();

    private static Tensor<double> Small() => Tensor<double>.FromArray([1, 2, 3, 4, 5, 6], 2, 3);

    [Fact]
    public void KitRegistry_GivesHtmlAndText_ForTensorsOfEveryElementType()
    {
        var bundle = Formatters.Format(Small());
        Assert.Equal(["text/html", "text/plain"], bundle.Items.Select(kv => kv.Key));
        Assert.Equal(TensorFormatter.ToHtml(Small()), bundle.Get("text/html"));
        Assert.Equal("Tensor<Double> (2, 3)\n[[1, 2, 3],\n [4, 5, 6]]", bundle.Get("text/plain"));
        Assert.Contains("Tensor&lt;Single&gt; (2, 3)", Formatters.Format(Small().Cast<float>()).Get("text/html"));
    }

    [Fact]
    public void DotNetInteractive_GivesTheSameHtmlAndText()
    {
        Assert.Equal(TensorFormatter.ToHtml(Small()), DniFormatter.ToDisplayString(Small(), "text/html"));
        Assert.Equal(TensorFormatter.ToText(Small()), DniFormatter.ToDisplayString(Small(), "text/plain"));
        var f = Small().Cast<float>();
        Assert.Equal(TensorFormatter.ToHtml(f), DniFormatter.ToDisplayString(f, "text/html"));
    }

    [Fact]
    public void DotNetInteractive_KnowsEveryKitType()
    {
        var shape = new Shape(2, 3);
        Assert.Equal(ShapeFormatter.ToHtml(shape), DniFormatter.ToDisplayString(shape, "text/html"));

        var check = new GradientCheckResult("f", [new GradientCheckEntry("x", new Shape(1), 0.5, 0, 1, 2)], 1e-7);
        Assert.Equal(GradientCheckFormatter.ToHtml(check), DniFormatter.ToDisplayString(check, "text/html"));

        var cm = ConfusionMatrix.From([0, 1], [0, 0]);
        Assert.Equal(ConfusionMatrixFormatter.ToHtml(cm), DniFormatter.ToDisplayString(cm, "text/html"));
        Assert.Equal(ClassificationReportFormatter.ToHtml(ClassificationReport.Of(cm)), DniFormatter.ToDisplayString(ClassificationReport.Of(cm), "text/html"));

        // A layer of any type and element type is shown as its summary (registered once, for Layer<>).
        var layer = new Linear<float>(3, 2, new Rng(1));
        Assert.Equal(ModelSummaryFormatter.ToHtml(ModelSummary.Of(layer)), DniFormatter.ToDisplayString(layer, "text/html"));
        var model = new Sequential<double>(new ReLU<double>());
        Assert.Contains("Model summary: Sequential (Double)", DniFormatter.ToDisplayString(model, "text/html"));
    }

    [Fact]
    public void DotNetInteractive_DrawsChartsAndImages()
    {
        var chart = Plots.Line([1.0, 2, 3], [1.0, 4, 9], "squares");
        string html = DniFormatter.ToDisplayString(chart, "text/html");
        Assert.Equal(ChartHtml.ToHtml(chart), html);
        Assert.StartsWith("<div id=\"tutorial-plot-", html);

        var picture = new RgbImage(3, 2);
        string img = DniFormatter.ToDisplayString(picture, "text/html");
        Assert.StartsWith("<img src=\"data:image/png;base64,", img);
        Assert.Equal(Convert.ToBase64String(picture.ToPng()), img.Split("base64,")[1].Split('"')[0]);
    }

    [Fact]
    public void KitRegistry_ShowsChartsAsHtml_AndPicturesAsPng()
    {
        var chart = Plots.Line([1.0, 2], [3.0, 4]);
        var bundle = Formatters.Format(chart);
        Assert.Equal(ChartHtml.ToHtml(chart), bundle.Get("text/html"));
        Assert.Equal("Plotly chart (scatter)", bundle.Get("text/plain"));

        var picture = new RgbImage(4, 5);
        var png = Formatters.Format(picture);
        Assert.Equal(Convert.ToBase64String(picture.ToPng()), png.Get("image/png"));
        Assert.Equal("RgbImage(4 × 5)", png.Get("text/plain"));
    }

    [Fact]
    public void EnsureRegistered_IsIdempotent()
    {
        KitFormatters.EnsureRegistered();
        KitFormatters.EnsureRegistered();
        Assert.Equal(TensorFormatter.ToHtml(Small()), Formatters.Format(Small()).Get("text/html"));
    }
}
