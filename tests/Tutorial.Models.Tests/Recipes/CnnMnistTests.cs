using System.Diagnostics;
using Tutorial.Models.Recipes;
using Xunit.Abstractions;

namespace Tutorial.Models.Tests.Recipes;

[Collection(RealDataCollection.Name)]
public class CnnMnistTests(ITestOutputHelper log)
{
    /// <summary>
    /// Two epochs of the LeNet-style network on the 7,200 training digits (the CLI's full run takes five).
    /// Measured with seed 1: test accuracy 0.9635, test loss 0.124.
    /// </summary>
    [Fact]
    public void LeNet_OnShippedMnist_ReachesAtLeast95PercentTestAccuracy()
    {
        var recipe = new CnnMnist();
        var clock = Stopwatch.StartNew();
        var run = recipe.Train(recipe.Settings(epochs: 2, seed: 1));
        var c = run.Evaluation.Classification!;
        log.WriteLine($"cnn-mnist, 2 epochs: test accuracy {c.Accuracy:0.0000}, test loss {c.Loss:0.0000}, " +
            $"epoch losses {string.Join(" → ", run.History.TrainLoss.Select(l => l.ToString("0.0000")))}, {clock.Elapsed.TotalSeconds:0.0} s");

        Assert.Equal(2000, c.Samples);
        Assert.Equal(7200, run.TrainSamples);
        Assert.True(c.Accuracy >= 0.95, $"test accuracy {c.Accuracy:0.0000} < 0.95");
        Assert.True(c.Loss < 0.2, $"test loss {c.Loss:0.0000}");
        Assert.True(run.History.TrainLoss[1] < run.History.TrainLoss[0] * 0.5, "the training loss should at least halve from epoch 1 to 2");
        Assert.True(c.Confusion.MacroF1 >= 0.95, $"macro F1 {c.Confusion.MacroF1:0.0000}");
        for (int k = 0; k < 10; k++) Assert.True(c.Confusion.Recall(k) >= 0.88, $"recall of digit {k}: {c.Confusion.Recall(k):0.0000}");
    }
}
