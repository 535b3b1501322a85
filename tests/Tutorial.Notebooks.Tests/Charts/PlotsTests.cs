using System.Text.Json.Nodes;
using Plotly.NET;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Metrics;
using Tutorial.Engine.Tensors;
using Tutorial.Notebooks.Charts;

namespace Tutorial.Notebooks.Tests.Charts;

public class PlotsTests
{
    private static JsonArray Traces(GenericChart chart) => ChartHtml.Figure(chart)["data"]!.AsArray();

    private static JsonObject Layout(GenericChart chart) => ChartHtml.Figure(chart)["layout"]!.AsObject();

    private static double[] Numbers(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<double>()).ToArray();

    [Fact]
    public void Functions_DrawsEachFunctionOverTheRange_WithALegend()
    {
        var chart = Plots.Functions(-2, 2, ("x²", x => x * x), ("2x", x => 2 * x));
        var traces = Traces(chart);
        Assert.Equal(["x²", "2x"], traces.Select(t => t!["name"]!.GetValue<string>()));
        var x = Numbers(traces[0]!["x"]);
        Assert.Equal(Plots.FunctionPoints, x.Length);
        Assert.Equal(-2, x[0]);
        Assert.Equal(2, x[^1]);
        Assert.Equal(x.Select(v => 2 * v), Numbers(traces[1]!["y"]));
        Assert.NotEqual(traces[0]!["line"]!["color"]!.ToJsonString(), traces[1]!["line"]!["color"]!.ToJsonString());
    }

    [Fact]
    public void FunctionAndDerivative_OverlaysTheNumericalDerivative()
    {
        var chart = Plots.FunctionAndDerivative(Math.Tanh, -3, 3, x => 1 - Math.Tanh(x) * Math.Tanh(x), name: "tanh");
        var traces = Traces(chart);
        Assert.Equal(["tanh(x)", "tanh'(x)", "tanh'(x) numerical"], traces.Select(t => t!["name"]!.GetValue<string>()));
        var analytic = Numbers(traces[1]!["y"]);
        var numeric = Numbers(traces[2]!["y"]);
        for (int i = 0; i < analytic.Length; i++) Assert.Equal(analytic[i], numeric[i], 1e-8);
        Assert.Equal("dot", traces[2]!["line"]!["dash"]!.GetValue<string>());
        // Without a hand-written derivative only the numerical one is drawn.
        Assert.Equal(2, Traces(Plots.FunctionAndDerivative(Math.Sin, 0, 1)).Count);
    }

    [Fact]
    public void DecisionBoundary_ColoursTheGridByPredictedClass_AndThePointsByLabel()
    {
        // Class 1 right of x₁ = 0: scores (−x₁, x₁).
        var points = Tensor<double>.FromArray([-1, 0, -2, 1, 1, 0, 2, -1], 4, 2);
        var labels = Tensor<double>.FromArray([0, 0, 1, 1], 4);
        Tensor<double> Predict(Tensor<double> p)
        {
            var s = new Tensor<double>(p.Rows, 2);
            for (int i = 0; i < p.Rows; i++) (s[i, 0], s[i, 1]) = (-p[i, 0], p[i, 0]);
            return s;
        }
        var chart = Plots.DecisionBoundary(Predict, points, labels, ["left", "right"], resolution: 21);
        var traces = Traces(chart);
        Assert.Equal(["heatmap", "scatter", "scatter"], traces.Select(t => t!["type"]!.GetValue<string>()));
        var regions = traces[0]!;
        var gx = Numbers(regions["x"]);
        Assert.Equal(21, gx.Length);
        Assert.Equal(-2.4, gx[0], 12); // the points' range [−2, 2] widened by 10 %
        var z = regions["z"]!.AsArray().Select(Numbers).ToArray();
        Assert.Equal(21, z.Length);
        for (int i = 0; i < 21; i++) Assert.Equal(gx[i] > 0 ? 1 : 0, z[7][i]);
        Assert.Equal(-0.5, regions["zmin"]!.GetValue<double>());
        Assert.Equal(1.5, regions["zmax"]!.GetValue<double>());
        Assert.Equal(["left", "right"], traces.Skip(1).Select(t => t!["name"]!.GetValue<string>()));
        Assert.Equal([-1.0, -2.0], Numbers(traces[1]!["x"]));
        Assert.Equal([1.0, 2.0], Numbers(traces[2]!["x"]));
    }

    [Fact]
    public void DecisionBoundary_OfALayer_RunsItInEvaluationMode_AndRestoresTheMode()
    {
        var model = new Sequential<double>(new Linear<double>(2, 3, new Rng(5)));
        var points = Tensor<double>.Normal(new Rng(6), 0, 1, 10, 2);
        var labels = Tensor<double>.FromArray([0, 1, 2, 0, 1, 2, 0, 1, 2, 0], 10);
        var chart = Plots.DecisionBoundary(model, points, labels, resolution: 10);
        Assert.True(model.Training);
        var traces = Traces(chart);
        Assert.Equal(4, traces.Count);
        Assert.Equal(2.5, traces[0]!["zmax"]!.GetValue<double>());
    }

    [Fact]
    public void DecisionBoundary_WithOneOutputColumn_ThresholdsIt()
    {
        var points = Tensor<double>.FromArray([0, 0, 1, 1], 2, 2);
        var labels = Tensor<double>.FromArray([0, 1], 2);
        var chart = Plots.DecisionBoundary(p =>
        {
            var s = new Tensor<double>(p.Rows, 1);
            for (int i = 0; i < p.Rows; i++) s[i, 0] = p[i, 0] + p[i, 1] > 1 ? 0.9 : 0.1;
            return s;
        }, points, labels, resolution: 5);
        var z = Traces(chart)[0]!["z"]!.AsArray().Select(Numbers).ToArray();
        Assert.Equal(0, z[0][0]);
        Assert.Equal(1, z[4][4]);
    }

    [Fact]
    public void ScatterByClass_MakesOneTracePerClass()
    {
        var points = Tensor<float>.FromArray([0f, 0f, 1f, 1f, 2f, 2f], 3, 2);
        var labels = Tensor<float>.FromArray([1f, 0f, 1f], 3);
        var traces = Traces(Plots.Scatter(points, labels, ["zero", "one"]));
        Assert.Equal(["zero", "one"], traces.Select(t => t!["name"]!.GetValue<string>()));
        Assert.Equal([0.0, 2.0], Numbers(traces[1]!["x"]));
        Assert.Equal("markers", traces[0]!["mode"]!.GetValue<string>());
    }

    [Fact]
    public void OptimizerPaths_DrawsAContourAndEachPath()
    {
        IReadOnlyList<(double X, double Y)> sgd = [(1.5, 1.5), (1.0, 0.8), (0.4, 0.2)];
        IReadOnlyList<(double X, double Y)> adam = [(-1.5, 1.0), (-0.5, 0.2)];
        var chart = Plots.OptimizerPaths((x, y) => x * x + 3 * y * y, (-2, 2), (-2, 2), ("SGD", sgd), ("Adam", adam));
        var traces = Traces(chart);
        Assert.Equal("contour", traces[0]!["type"]!.GetValue<string>());
        var z = traces[0]!["z"]!.AsArray();
        Assert.Equal(Plots.SurfaceResolution, z.Count);
        Assert.Equal(4 + 3 * 4, z[0]![0]!.GetValue<double>(), 12); // f(−2, −2)
        Assert.Equal(1 + 2 * 2, traces.Count);
        Assert.Equal("SGD", traces[1]!["name"]!.GetValue<string>());
        Assert.Equal([1.5, 1.0, 0.4], Numbers(traces[1]!["x"]));
        Assert.Equal("lines+markers", traces[1]!["mode"]!.GetValue<string>());
        Assert.Equal([1.5, 0.4], Numbers(traces[2]!["x"])); // start and end markers
        Assert.Equal([-1.5, -0.5], Numbers(traces[4]!["x"]));
        Assert.Equal("h", Layout(chart)["legend"]!["orientation"]!.GetValue<string>()); // above the plot, clear of the colour bar
    }

    [Fact]
    public void Contour_WithLogLevels_TakesTheLogOfTheShiftedValues()
    {
        var traces = Traces(Plots.Contour((x, y) => x * x + y * y + 5, (-1, 1), (-1, 1), logLevels: true));
        var z = traces[0]!["z"]!.AsArray();
        double h = 1.0 / (Plots.SurfaceResolution - 1);   // the grid point nearest the minimum is (±h, ±h)
        Assert.Equal(Math.Log10(2 - 2 * h * h + 1e-12), z[0]![0]!.GetValue<double>(), 9);
    }

    [Fact]
    public void Histograms_OfAModel_HaveOnePanelPerParameter()
    {
        var model = new Sequential<double>(new Linear<double>(4, 3, new Rng(1)), new ReLU<double>(), new Linear<double>(3, 2, new Rng(2)));
        var chart = Plots.WeightHistograms(model);
        var traces = Traces(chart);
        Assert.Equal(4, traces.Count);
        Assert.All(traces, t => Assert.Equal("histogram", t!["type"]!.GetValue<string>()));
        Assert.Equal(12, traces[0]!["x"]!.AsArray().Count);
        var titles = Layout(chart)["annotations"]!.AsArray().Select(a => a!["text"]!.GetValue<string>());
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], titles);
        Assert.All(traces, t => Assert.False(t!["showlegend"]!.GetValue<bool>()));
        var gradients = Traces(Plots.GradientHistograms(model));
        Assert.All(gradients[0]!["x"]!.AsArray(), v => Assert.Equal(0, v!.GetValue<double>()));
    }

    [Fact]
    public void Histograms_AreOverlaid()
    {
        var chart = Plots.Histograms(("a", [1.0, 2, 2]), ("b", [3.0, 3]));
        Assert.Equal("overlay", Layout(chart)["barmode"]!.GetValue<string>());
        Assert.Equal(2, Traces(chart).Count);
        Assert.Equal(40, Traces(Plots.Histogram([1.0, 2, 3]))[0]!["nbinsx"]!.GetValue<int>());
    }

    [Fact]
    public void Heatmap_Symmetric_CentresZeroOnWhite()
    {
        var m = Tensor<double>.FromArray([-2, 1, 0.5, 0], 2, 2);
        var trace = Traces(Plots.Heatmap(m, "weights", symmetric: true))[0]!;
        Assert.Equal("heatmap", trace["type"]!.GetValue<string>());
        Assert.Equal(-2, trace["zmin"]!.GetValue<double>());
        Assert.Equal(2, trace["zmax"]!.GetValue<double>());
        Assert.Equal([-2.0, 1.0], Numbers(trace["z"]![0]));
        Assert.Equal([0.0, 1.0], Numbers(trace["x"])); // row and column indices without labels
        Assert.Equal("reversed", Layout(Plots.Heatmap(m))["yaxis"]!["autorange"]!.GetValue<string>());
        var labelled = Traces(Plots.Heatmap(new double[,] { { 1, 2 } }, rowLabels: ["r"], columnLabels: ["a", "b"]))[0]!;
        Assert.Equal(["a", "b"], labelled["x"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public void ConfusionMatrixChart_WritesTheCountsInTheCells()
    {
        var cm = ConfusionMatrix.From([0, 0, 1, 1, 1], [0, 1, 1, 1, 0], classNames: ["no", "yes"]);
        var chart = Plots.ConfusionMatrix(cm);
        var trace = Traces(chart)[0]!;
        Assert.Equal("heatmap", trace["type"]!.GetValue<string>());
        Assert.Equal([0.5, 0.5], Numbers(trace["z"]![0]));
        Assert.Equal([1.0 / 3, 2.0 / 3], Numbers(trace["z"]![1]));
        var text = trace["text"]!.AsArray().Select(r => r!.AsArray().Select(c => c!.GetValue<string>()).ToArray()).ToArray();
        Assert.Equal(["1", "1"], text[0]);
        Assert.Equal(["1", "2"], text[1]);
        Assert.Equal("%{text}", trace["texttemplate"]!.GetValue<string>());
        Assert.Equal(["no", "yes"], trace["y"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("reversed", Layout(chart)["yaxis"]!["autorange"]!.GetValue<string>());
        Assert.Contains("accuracy 0.600", Layout(chart)["title"]!["text"]!.GetValue<string>());
        // Counts instead of fractions.
        Assert.Equal([1.0, 2.0], Numbers(Traces(Plots.ConfusionMatrix(cm, normalize: false))[0]!["z"]![1]));
    }

    [Fact]
    public void MismatchedLengths_AreReported()
    {
        var e = Assert.Throws<ArgumentException>(() => Plots.Line([1.0, 2], [1.0]));
        Assert.Contains("x has 2 values but y has 1", e.Message);
        Assert.Throws<ShapeMismatchException>(() => Plots.Scatter(Tensor<double>.Zeros(3, 3), Tensor<double>.Zeros(3)));
    }
}
