using System.Text.Json.Nodes;
using Tutorial.Data.Images;
using Tutorial.Notebooks.Execution;
using Tutorial.Notebooks.Ipynb;

namespace Tutorial.Notebooks.Tests.Formatting;

/// <summary>The formatters, charts and images as a notebook run by the kit's runner sees them.</summary>
public class NotebookDisplayTests
{
    private static NotebookDocument Notebook(params string[] cells)
    {
        var doc = NotebookDocument.Create();
        foreach (var c in cells) doc.AddCell("code", c);
        return doc;
    }

    private static string Data(JsonObject output, string mime) => output["data"]![mime] switch
    {
        JsonArray a => string.Concat(a.Select(n => n!.GetValue<string>())),
        JsonValue v => v.GetValue<string>(),
        _ => throw new InvalidOperationException($"No {mime} in {output.ToJsonString()}"),
    };

    [Fact]
    public async Task ChartsTensorsAndImages_BecomeRichOutputs()
    {
        var doc = Notebook(
            "using Tutorial.Engine.Tensors;\nusing Tutorial.Notebooks.Charts;\nusing Tutorial.Notebooks.Images;",
            "display(Plots.Line(new double[] { 1, 2, 3 }, new double[] { 1, 4, 9 }, \"squares\"));",
            "var t = Tensor<double>.FromArray(new double[] { 1, 2, 3, 4, 5, 6 }, 2, 3);\ndisplay(t);",
            "display(TensorImages.Digits(Tensor<double>.Zeros(4, 8, 8)));",
            "t");
        var result = await NotebookRunner.RunAsync(doc);
        Assert.True(result.Succeeded, string.Join("\n", result.Failures.Select(f => f.Error!.Message)));

        var chart = doc.Cells[1].Outputs.Single();
        Assert.Equal("display_data", chart["output_type"]!.GetValue<string>());
        string chartHtml = Data(chart, "text/html");
        Assert.Contains("<div id=\"tutorial-plot-", chartHtml);
        Assert.Contains("<script", chartHtml);
        Assert.DoesNotContain("https://", chartHtml);
        Assert.Equal("Plotly chart (scatter)", Data(chart, "text/plain"));

        var tensor = doc.Cells[2].Outputs.Single();
        Assert.Equal("display_data", tensor["output_type"]!.GetValue<string>());
        Assert.Contains("Tensor&lt;Double&gt; (2, 3)", Data(tensor, "text/html"));
        Assert.Equal(["1", "2", "3", "4", "5", "6"], Html.Cells(Data(tensor, "text/html")));

        var image = doc.Cells[3].Outputs.Single();
        var pixels = ImageIO.Decode<float>(Convert.FromBase64String(Data(image, "image/png")));
        Assert.Equal(2 * 81 + 1, pixels.Shape[1]);
        Assert.Equal(2 * 81 + 1, pixels.Shape[2]);

        var value = doc.Cells[4].Outputs.Single();
        Assert.Equal("execute_result", value["output_type"]!.GetValue<string>());
        Assert.Contains("Tensor&lt;Double&gt; (2, 3)", Data(value, "text/html"));

        // Plotly.NET brings FSharp.Core; the runner must not load it twice.
        Assert.Equal(1, AppDomain.CurrentDomain.GetAssemblies().Count(a => a.GetName().Name == "FSharp.Core"));

        // The outputs are valid nbformat (Jupyter's own validator).
        string file = Path.Combine(Directory.CreateTempSubdirectory("tutorial-display-").FullName, "display.ipynb");
        doc.Save(file);
        Assert.Null(Tutorial.Notebooks.Tests.Support.Nbformat.Validate(file));
    }

    [Fact]
    public async Task LiveTrainingChart_IsUpdatedInPlace()
    {
        var doc = Notebook(
            "using Tutorial.Notebooks.Charts;\nvar curves = new TrainingChart(\"hand loop\");\nvar shown = display(curves);",
            "for (int epoch = 1; epoch <= 3; epoch++) { curves.Add(epoch, 1.0 / epoch); shown.Update(curves); }");
        var result = await NotebookRunner.RunAsync(doc);
        Assert.True(result.Succeeded, string.Join("\n", result.Failures.Select(f => f.Error!.Message)));
        var output = doc.Cells[0].Outputs.Single();
        Assert.Contains("hand loop: epoch 3", Data(output, "text/html"));
        Assert.Equal("hand loop: 3 epochs, last loss 0.3333", Data(output, "text/plain"));
        Assert.Empty(doc.Cells[1].Outputs);
    }

    [Fact]
    public async Task GradientCheck_AndModelSummary_ShowAsTables()
    {
        var doc = Notebook(
            "using Tutorial.Engine.Gradients;\nusing Tutorial.Engine.Layers;\nusing Tutorial.Engine.Tensors;\nusing Tutorial.Notebooks.Formatting;",
            "var layer = new Linear<double>(3, 2, new Rng(1));\nGradientChecker.Check(layer, Tensor<double>.Normal(new Rng(2), 0, 1, 4, 3))",
            "ModelSummary.Of(new Sequential<double>(layer, new ReLU<double>()), 4, 3)");
        var result = await NotebookRunner.RunAsync(doc);
        Assert.True(result.Succeeded, string.Join("\n", result.Failures.Select(f => f.Error!.Message)));
        string check = Data(doc.Cells[1].Outputs.Single(), "text/html");
        Assert.Equal(3, Html.Count(check, ">PASS<"));
        string summary = Data(doc.Cells[2].Outputs.Single(), "text/html");
        Assert.Contains("Model summary: Sequential (Double), input (4, 3)", summary);
        Assert.Contains(">8<", summary);
    }
}
