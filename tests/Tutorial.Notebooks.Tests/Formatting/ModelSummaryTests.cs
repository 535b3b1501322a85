using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;
using Tutorial.Notebooks.Display;
using Tutorial.Notebooks.Formatting;

namespace Tutorial.Notebooks.Tests.Formatting;

public class ModelSummaryTests
{
    private static Sequential<float> Mlp()
    {
        var rng = new Rng(1);
        return new Sequential<float>(new Linear<float>(784, 128, rng), new ReLU<float>(), new Linear<float>(128, 10, rng));
    }

    [Fact]
    public void Of_GivesOutputShapesAndParameterCounts()
    {
        var s = ModelSummary.Of(Mlp(), 64, 784);
        Assert.Equal(["0", "1", "2"], s.Rows.Select(r => r.Path));
        Assert.Equal([new Shape(64, 128), new Shape(64, 128), new Shape(64, 10)], s.Rows.Select(r => r.OutputShape!));
        Assert.Equal([784 * 128 + 128, 0, 128 * 10 + 10], s.Rows.Select(r => r.Parameters));
        Assert.Equal(101_770, s.TotalParameters);
        Assert.Equal(101_770 * 4, s.ParameterBytes);
        Assert.Equal(new Shape(64, 10), s.OutputShape);
        Assert.Equal(["weight (128, 784)", "bias (128,)"], s.Rows[0].ParameterShapes);
        Assert.Null(s.Error);
    }

    [Fact]
    public void Html_ListsLayersAndTotals()
    {
        string html = ModelSummaryFormatter.ToHtml(ModelSummary.Of(Mlp(), 64, 784));
        Assert.Contains("Model summary: Sequential (Single), input (64, 784)", html);
        Assert.Contains("Linear(in: 784, out: 128)", html);
        Assert.Contains("(64, 10)", html);
        Assert.Contains(">100,480<", html);
        Assert.Contains(">101,770<", html);
        Assert.Contains("397.5 KiB as Single", html);
    }

    [Fact]
    public void Text_IsATable()
    {
        string text = ModelSummary.Of(Mlp(), 64, 784).ToString();
        Assert.Contains("0  Linear(in: 784, out: 128)  (64, 128)        100,480\n", text);
        Assert.EndsWith("Total parameters: 101,770 (397.5 KiB as Single)", text);
    }

    [Fact]
    public void ShapeError_IsShownInTheLayersRow()
    {
        var rng = new Rng(2);
        // Linear.OutputShape only replaces the last dimension, so break the chain with a layer that checks its input.
        var model = new Sequential<double>(new Linear<double>(4, 3, rng), new Picky(5), new Linear<double>(3, 2, rng));
        var s = ModelSummary.Of(model, 8, 4);
        Assert.Null(s.Rows[0].Error);
        Assert.NotNull(s.Rows[1].Error);
        Assert.Null(s.Rows[2].OutputShape);
        Assert.Null(s.OutputShape);
        string html = ModelSummaryFormatter.ToHtml(s);
        var rows = Html.Rows(html);
        Assert.Contains(HtmlStyle.RedBackground, rows[3]); // header, input, row 0, row 1
        Assert.Contains("shape error", rows[3]);
        Assert.Contains("Shape error: Picky expects 5 features", html);
    }

    [Fact]
    public void Cnn_ShapesFollowConvolutionsPoolingAndFlatten()
    {
        var rng = new Rng(4);
        var cnn = new Sequential<float>(
            new Conv2D<float>(1, 8, 3, rng), new ReLU<float>(), new MaxPool2D<float>(2),
            new Flatten<float>(), new Linear<float>(8 * 13 * 13, 10, rng));
        var s = ModelSummary.Of(cnn, 32, 1, 28, 28);
        Assert.Equal([new Shape(32, 8, 26, 26), new Shape(32, 8, 26, 26), new Shape(32, 8, 13, 13), new Shape(32, 8 * 13 * 13), new Shape(32, 10)],
            s.Rows.Select(r => r.OutputShape!));
        Assert.Equal(8 * 9 + 8, s.Rows[0].Parameters);
        Assert.Equal(8 * 9 + 8 + 1352 * 10 + 10, s.TotalParameters);
        // An image smaller than the 3 × 3 kernel stops the shapes at the convolution, whose error names it.
        var tooSmall = ModelSummary.Of(cnn, 32, 1, 2, 2);
        Assert.NotNull(tooSmall.Rows[0].Error);
        Assert.Contains("Conv2D", tooSmall.Error);
    }

    [Fact]
    public void NestedSequential_IsOpened_WithDottedPaths()
    {
        var rng = new Rng(3);
        var model = new Sequential<double>(new Linear<double>(2, 4, rng), new Sequential<double>(new ReLU<double>(), new Linear<double>(4, 1, rng)));
        var s = ModelSummary.Of(model, 10, 2);
        Assert.Equal(["0", "1.0", "1.1"], s.Rows.Select(r => r.Path));
        Assert.Equal(new Shape(10, 1), s.OutputShape);
    }

    [Fact]
    public void DisplayingALayer_ShowsItsSummaryWithoutShapes()
    {
        KitFormatters.EnsureRegistered();
        var bundle = Formatters.Format(new Linear<double>(3, 2, new Rng(4)));
        string html = bundle.Get("text/html")!;
        Assert.Contains("Model summary: Linear(in: 3, out: 2) (Double)", html);
        Assert.Contains("weight (2, 3) · bias (2,)", html);
        Assert.DoesNotContain("output shape", html);
        Assert.Contains("Total parameters: 8", bundle.Get("text/plain"));
    }

    /// <summary>A layer that accepts only (N, features) inputs, to provoke a shape error.</summary>
    private sealed class Picky(int features) : Layer<double>
    {
        public override Tensor<double> Forward(Tensor<double> x) => x;
        public override Tensor<double> Backward(Tensor<double> dY) => dY;
        public override Shape OutputShape(Shape input) =>
            input[-1] == features ? input : throw new ShapeMismatchException($"Picky expects {features} features, got {input}.");
    }
}
