using System.Text.Json.Nodes;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Losses;
using Tutorial.Engine.Optimizers;
using Tutorial.Engine.Tensors;
using Tutorial.Engine.Training;
using Tutorial.Notebooks.Charts;
using Tutorial.Notebooks.Display;

namespace Tutorial.Notebooks.Tests.Charts;

public class TrainingChartTests
{
    /// <summary>Records what a display handle sends.</summary>
    private sealed class RecordingSink : IOutputSink
    {
        public List<(MimeBundle Data, string Id)> Updates { get; } = [];
        public void Stream(string name, string text) { }
        public void Display(MimeBundle data, string displayId) { }
        public void UpdateDisplay(MimeBundle data, string displayId) => Updates.Add((data, displayId));
    }

    private static JsonArray Traces(TrainingChart chart) => ChartHtml.Figure(chart.ToChart())["data"]!.AsArray();

    [Fact]
    public void Empty_IsAWaitingLossChart()
    {
        var chart = new TrainingChart("MLP");
        var figure = ChartHtml.Figure(chart.ToChart());
        Assert.Equal("MLP: waiting for the first epoch", figure["layout"]!["title"]!["text"]!.GetValue<string>());
        Assert.Single(figure["data"]!.AsArray());
    }

    [Fact]
    public void HandAddedEpochs_GiveLossAndMetricPanels()
    {
        var chart = new TrainingChart();
        chart.Add(1, 0.9, 1.0, new Dictionary<string, double> { ["accuracy"] = 0.5 }, new Dictionary<string, double> { ["accuracy"] = 0.4 });
        chart.Add(2, 0.5, 0.7, new Dictionary<string, double> { ["accuracy"] = 0.8 }, new Dictionary<string, double> { ["accuracy"] = 0.7 });
        var traces = Traces(chart);
        Assert.Equal(["loss", "val_loss", "accuracy", "val_accuracy"], traces.Select(t => t!["name"]!.GetValue<string>()));
        Assert.Equal([0.9, 0.5], traces[0]!["y"]!.AsArray().Select(n => n!.GetValue<double>()));
        Assert.Equal([0.4, 0.7], traces[3]!["y"]!.AsArray().Select(n => n!.GetValue<double>()));
        Assert.Equal("x2", traces[2]!["xaxis"]!.GetValue<string>()); // the metrics are in the second panel
        Assert.Equal("Training: 2 epochs, last loss 0.5000", chart.ToString());
    }

    [Fact]
    public void Follow_UpdatesTheDisplayAfterEveryEpoch_AndKeepsTheEarlierCallback()
    {
        var rng = new Rng(21);
        var model = new Sequential<double>(new Linear<double>(2, 4, rng), new ReLU<double>(), new Linear<double>(4, 2, rng));
        var x = Tensor<double>.Normal(new Rng(22), 0, 1, 32, 2);
        var y = new Tensor<double>(32);
        for (int i = 0; i < 32; i++) y[i] = x[i, 1] > 0 ? 1 : 0;

        Tutorial.Notebooks.Formatting.KitFormatters.EnsureRegistered();
        var sink = new RecordingSink();
        var handle = new DisplayHandle("live-1", () => sink);
        var curves = new TrainingChart("live");
        int earlier = 0;
        var options = curves.Follow(new TrainerOptions<double> { Epochs = 4, BatchSize = 8, Seed = 1, OnEpochEnd = _ => earlier++ }, handle);
        var history = new Trainer<double>(model, new SoftmaxCrossEntropy<double>(), new Sgd<double>(model.Parameters, 0.2), options).Fit(x, y);

        Assert.Equal(4, earlier);
        Assert.Equal(4, sink.Updates.Count);
        Assert.All(sink.Updates, u => Assert.Equal("live-1", u.Id));
        Assert.Contains("live: epoch 4", sink.Updates[^1].Data.Get("text/html"));
        Assert.Contains("tutorial-plot-", sink.Updates[0].Data.Get("text/html"));
        Assert.Equal(history.TrainLoss, curves.Epochs.Select(e => e.TrainLoss));
        Assert.Equal(history.TrainLoss, Traces(curves)[0]!["y"]!.AsArray().Select(n => n!.GetValue<double>()));
        // Plots.Training draws the same curves from the finished history.
        Assert.Equal(Traces(curves).ToJsonString(), ChartHtml.Figure(Plots.Training(history, "live"))["data"]!.ToJsonString());
    }
}
