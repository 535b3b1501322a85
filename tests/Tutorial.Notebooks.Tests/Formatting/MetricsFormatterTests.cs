using Tutorial.Engine.Layers;
using Tutorial.Engine.Losses;
using Tutorial.Engine.Metrics;
using Tutorial.Engine.Optimizers;
using Tutorial.Engine.Tensors;
using Tutorial.Engine.Training;
using Tutorial.Notebooks.Formatting;

namespace Tutorial.Notebooks.Tests.Formatting;

public class MetricsFormatterTests
{
    // actual:    cat cat cat dog dog bird
    // predicted: cat cat dog dog cat bird
    private static ConfusionMatrix Pets() => ConfusionMatrix.From([0, 0, 0, 1, 1, 2], [0, 0, 1, 1, 0, 2], classNames: ["cat", "dog", "<bird>"]);

    [Fact]
    public void ConfusionMatrix_IsATableShadedByRowFraction()
    {
        string html = ConfusionMatrixFormatter.ToHtml(Pets());
        Assert.Contains("Confusion matrix: 3 classes, 6 samples, accuracy 0.6667", html);
        // Counts row by row, each followed by the class's support.
        Assert.Equal(["2", "1", "0", "3", "1", "1", "0", "2", "0", "0", "1", "1"], Html.Cells(html));
        // bird is always right: a full row is the darkest blue, with white text; an empty cell is white.
        Assert.Contains(ConfusionMatrixFormatter.Shade(1.0), html);
        Assert.Equal("background: #0969da; color: #ffffff;", ConfusionMatrixFormatter.Shade(1.0));
        Assert.Equal("background: #ffffff; color: #1f2328;", ConfusionMatrixFormatter.Shade(0.0));
        Assert.Contains("title=\"actual cat, predicted dog: 1 (33.3% of cat)\"", html);
        Assert.Contains("&lt;bird&gt;", html);
        Assert.DoesNotContain("<bird>", html);
    }

    [Fact]
    public void ClassificationReport_GivesPerClassAndAveragedScores()
    {
        var report = ClassificationReport.Of(Pets());
        string html = ClassificationReportFormatter.ToHtml(report);
        var rows = Html.Rows(html);
        // cat: precision 2/3, recall 2/3; dog: 1/2, 1/2; bird: 1, 1.
        Assert.Equal(["cat", "0.6667", "0.6667", "0.6667", "3"], Html.Cells(rows[1]));
        Assert.Equal(["dog", "0.5000", "0.5000", "0.5000", "2"], Html.Cells(rows[2]));
        Assert.Equal(["<bird>", "1.0000", "1.0000", "1.0000", "1"], Html.Cells(rows[3]));
        Assert.Equal(["accuracy", "", "", "0.6667", "6"], Html.Cells(rows[4]));
        Assert.Equal(["macro avg", "0.7222", "0.7222", "0.7222", "6"], Html.Cells(rows[5]));
        Assert.Equal(["weighted avg", "0.6667", "0.6667", "0.6667", "6"], Html.Cells(rows[6]));
        Assert.Contains("linear-gradient(90deg, #ddf4ff 66.7%, transparent 66.7%)", rows[1]);
        Assert.Equal(Pets().Report(), report.ToString());
    }

    [Fact]
    public void ClassificationReport_FromScores_UsesArgMax()
    {
        var scores = Tensor<double>.FromArray([0.9, 0.1, 0.2, 0.8, 0.6, 0.4], 3, 2);
        var targets = Tensor<double>.FromArray([0, 1, 1], 3);
        var report = ClassificationReport.Of(scores, targets, ["no", "yes"]);
        Assert.Equal(2, report.Matrix.Correct);
        Assert.Equal(1, report.Matrix[1, 0]);
    }

    private static History TrainTiny(int epochs)
    {
        var rng = new Rng(11);
        var model = new Sequential<double>(new Linear<double>(2, 3, rng), new ReLU<double>(), new Linear<double>(3, 2, rng));
        var x = Tensor<double>.Normal(new Rng(12), 0, 1, 16, 2);
        var y = new Tensor<double>(16);
        for (int i = 0; i < 16; i++) y[i] = x[i, 0] > 0 ? 1 : 0;
        var trainer = new Trainer<double>(model, new SoftmaxCrossEntropy<double>(), new Sgd<double>(model.Parameters, 0.1),
            new TrainerOptions<double> { Epochs = epochs, BatchSize = 8, Seed = 3 });
        return trainer.Fit(x, y, x, y);
    }

    [Fact]
    public void History_IsATableOfEpochs()
    {
        var history = TrainTiny(3);
        string html = HistoryFormatter.ToHtml(history);
        Assert.Contains("Training history: 3 epochs", html);
        foreach (var h in new[] { ">epoch<", ">loss<", ">accuracy<", ">val_loss<", ">val_accuracy<", ">learning rate<" }) Assert.Contains(h, html);
        var rows = Html.Rows(html);
        Assert.Equal(4, rows.Count);
        var first = Html.Cells(rows[1]);
        Assert.Equal("1", first[0]);
        Assert.Equal(history.Epochs[0].TrainLoss.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture), first[1]);
        Assert.Equal("0.1", first[5]);
        Assert.Equal(history.ToString(), HistoryFormatter.ToText(history));
    }

    [Fact]
    public void LongHistory_ShowsTheFirstAndLastEpochs()
    {
        string html = HistoryFormatter.ToHtml(TrainTiny(35));
        Assert.Contains("… 15 epochs …", html);
        Assert.Equal(1 + 10 + 1 + 10, Html.Rows(html).Count);
    }

    [Fact]
    public void Evaluation_IsOneRow()
    {
        var e = new Evaluation(0.25, new Dictionary<string, double> { ["accuracy"] = 0.875 }, 64);
        string html = EvaluationFormatter.ToHtml(e);
        Assert.Contains("Evaluation on 64 samples", html);
        Assert.Equal(["0.2500", "0.8750"], Html.Cells(html));
        Assert.Equal("Evaluation on 64 samples: loss 0.2500, accuracy 0.8750", EvaluationFormatter.ToText(e));
    }
}
