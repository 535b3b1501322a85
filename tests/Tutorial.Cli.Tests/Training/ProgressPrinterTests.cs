using Tutorial.Cli.Training;
using Tutorial.Engine.Training;

namespace Tutorial.Cli.Tests.Training;

public class ProgressPrinterTests
{
    private static TrainingProgress Progress(int epoch, int batch, double seconds, double? accuracy = 0.5) =>
        new(epoch, 2, batch, 4, (epoch - 1) * 4 + batch, 0.9, 0.75, accuracy, new Dictionary<string, double>(), TimeSpan.FromSeconds(seconds));

    private static EpochRecord Epoch(int epoch, double seconds) =>
        new(epoch, 0.75, new Dictionary<string, double> { ["accuracy"] = 0.5 }, 0.8, new Dictionary<string, double> { ["accuracy"] = 0.45 },
            0.001, 4, TimeSpan.FromSeconds(seconds));

    [Fact]
    public void Line_ShowsTheBarEpochBatchLossAccuracyAndTimeLeft()
    {
        string line = ProgressPrinter.Line(Progress(2, 2, 60), bar: true);
        // 6 of 8 batches done: 75 %, 18 of 24 bar cells; 60 s for 6/8 leaves 20 s.
        Assert.Equal("[##################......]   75%  epoch 2/2  batch 2/4  loss 0.7500  accuracy 0.5000  1:00 elapsed, ~0:20 left", line);
        Assert.Equal(" 75%  epoch 2/2  batch 2/4  loss 0.7500  1:00 elapsed, ~0:20 left", ProgressPrinter.Line(Progress(2, 2, 60, null), bar: false));
    }

    [Fact]
    public void Live_RedrawsOneLineInPlace_AndEndsEachEpochWithItsOwnLine()
    {
        var output = new StringWriter();
        var printer = new ProgressPrinter(output, live: true);
        printer.OnBatch(Progress(1, 1, 0.0));
        printer.OnBatch(Progress(1, 2, 0.05));   // within 0.1 s of the last drawing: skipped
        printer.OnBatch(Progress(1, 3, 0.2));
        printer.OnEpoch(Epoch(1, 0.3), 2);
        string text = output.ToString();
        Assert.StartsWith("\r[", text);
        Assert.Equal(2, text.Split("batch ").Length - 1);
        Assert.Contains("batch 1/4", text);
        Assert.DoesNotContain("batch 2/4", text);
        Assert.Contains("batch 3/4", text);
        Assert.EndsWith("\repoch 1/2  loss 0.7500  accuracy 0.5000  val_loss 0.8000  val_accuracy 0.4500  0:00" + Environment.NewLine, text);
    }

    [Fact]
    public void Plain_WritesALineEveryTenSeconds_WithoutCarriageReturns()
    {
        var output = new StringWriter();
        var printer = new ProgressPrinter(output, live: false);
        printer.OnBatch(Progress(1, 1, 3));
        printer.OnBatch(Progress(1, 2, 11));
        printer.OnBatch(Progress(1, 3, 15));
        printer.OnBatch(Progress(1, 4, 22));
        printer.OnEpoch(Epoch(1, 23), 2);
        string[] lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain('\r', output.ToString());
        Assert.Equal(3, lines.Length);
        Assert.Contains("batch 2/4", lines[0]);
        Assert.Contains("batch 4/4", lines[1]);
        Assert.StartsWith("epoch 1/2  loss 0.7500", lines[2]);
    }

    [Theory]
    [InlineData(0, "0:00")]
    [InlineData(59.9, "0:59")]
    [InlineData(125, "2:05")]
    [InlineData(3725, "1:02:05")]
    public void Duration_IsMinutesAndSeconds(double seconds, string expected) =>
        Assert.Equal(expected, ProgressPrinter.Duration(TimeSpan.FromSeconds(seconds)));
}
