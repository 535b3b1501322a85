using Tutorial.Engine.Data;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Losses;
using Tutorial.Engine.Metrics;
using Tutorial.Engine.Optimizers;
using Tutorial.Engine.Serialization;
using Tutorial.Engine.Tensors;
using Tutorial.Engine.Training;

namespace Tutorial.Engine.Tests.EndToEnd;

/// <summary>
/// Whole-pipeline checks: generate data, build an MLP, train it with the Trainer, measure it, save and load it.
/// Chosen settings were checked over 9 weight seeds (spiral: training accuracy 0.99–0.993 each time; XOR: every
/// seed 4/4 with loss 0.002–0.005), so the asserted bounds leave room for rounding changes in faster kernels.
/// </summary>
public sealed class ToyProblemTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tutorial-e2e-tests-" + Guid.NewGuid().ToString("N"));

    public ToyProblemTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Sequential<float> SpiralModel(ulong seed)
    {
        var rng = new Rng(seed);
        return new Sequential<float>(new Linear<float>(2, 64, rng), new ReLU<float>(), new Linear<float>(64, 3, rng));
    }

    /// <summary>SGD with batches of 16 and a step schedule (halve the learning rate every 100 epochs) through the epoch-start hook.</summary>
    private static (Trainer<float> Trainer, History History) TrainSpiral(ulong seed, int epochs = 300)
    {
        var (x, y) = ToyDatasets.Spiral<float>(pointsPerClass: 100, classes: 3, noise: 0.2, seed: 0);
        var model = SpiralModel(seed);
        var trainer = new Trainer<float>(model, new SoftmaxCrossEntropy<float>(), new Sgd<float>(model.Parameters, 0.5),
            new TrainerOptions<float>
            {
                Epochs = epochs, BatchSize = 16, Seed = seed,
                OnEpochStart = (epoch, optimizer) => optimizer.LearningRate = 0.5 * Math.Pow(0.5, epoch / 100),
            });
        return (trainer, trainer.Fit(x, y));
    }

    [Fact]
    public void Spiral_ThreeClasses_MlpReachesAtLeast97PercentTrainingAccuracy()
    {
        var (x, y) = ToyDatasets.Spiral<float>(100, 3, 0.2, seed: 0);
        // A linear classifier cannot do this: the data set is only worth learning if it is not linearly separable.
        var linear = new Linear<float>(2, 3, new Rng(1));
        var linearTrainer = new Trainer<float>(linear, new SoftmaxCrossEntropy<float>(), new Sgd<float>(linear.Parameters, 0.5),
            new TrainerOptions<float> { Epochs = 100, BatchSize = 16, Seed = 1 });
        linearTrainer.Fit(x, y);
        Assert.True(linearTrainer.Evaluate(x, y).Accuracy < 0.65);

        var (trainer, history) = TrainSpiral(seed: 7);
        var evaluation = trainer.Evaluate(x, y);
        Assert.True(evaluation.Accuracy >= 0.97, $"accuracy {evaluation.Accuracy}\n{history}");
        Assert.True(evaluation.Loss < 0.1, $"loss {evaluation.Loss}");
        Assert.True(history.TrainLoss[^1] < history.TrainLoss[0] / 10, history.ToString());
        Assert.Equal(0.125, history.Last.LearningRate);

        var cm = ConfusionMatrix.From(trainer.Predict(x), y);
        Assert.Equal(evaluation.Accuracy!.Value, cm.Accuracy, 12);
        Assert.All(cm.Recalls, r => Assert.True(r >= 0.95, cm.Report()));
    }

    [Fact]
    public void Xor_IsLearned_AllFourCorrect_AndLossBelowTwoHundredths()
    {
        var (x, y) = ToyDatasets.Xor<float>();
        var rng = new Rng(3);
        var model = new Sequential<float>(new Linear<float>(2, 8, rng), new ReLU<float>(), new Linear<float>(8, 2, rng));
        var trainer = new Trainer<float>(model, new SoftmaxCrossEntropy<float>(), new Sgd<float>(model.Parameters, 0.5),
            new TrainerOptions<float> { Epochs = 500, BatchSize = 4, Seed = 3 });
        var history = trainer.Fit(x, y);

        Assert.Equal([0, 1, 1, 0], Predictions.ArgMax(trainer.Predict(x)));
        var evaluation = trainer.Evaluate(x, y);
        Assert.Equal(1.0, evaluation.Accuracy);
        Assert.True(evaluation.Loss < 0.02, $"loss {evaluation.Loss}");
        Assert.True(history.TrainLoss[0] > 0.5, history.TrainLoss[0].ToString()); // it started near ln 2 ≈ 0.69
    }

    [Fact]
    public void SameSeed_TrainedTwice_GivesBitwiseIdenticalWeights()
    {
        var (a, historyA) = TrainSpiral(seed: 11, epochs: 40);
        var (b, historyB) = TrainSpiral(seed: 11, epochs: 40);
        var wa = a.Model.Parameters.SelectMany(p => p.Value.ToArray()).ToArray();
        var wb = b.Model.Parameters.SelectMany(p => p.Value.ToArray()).ToArray();
        Assert.Equal(wa.Length, wb.Length);
        for (int i = 0; i < wa.Length; i++)
            Assert.Equal(BitConverter.SingleToInt32Bits(wa[i]), BitConverter.SingleToInt32Bits(wb[i]));
        Assert.Equal(historyA.TrainLoss, historyB.TrainLoss);

        var (c, _) = TrainSpiral(seed: 12, epochs: 40);
        Assert.NotEqual(wa, c.Model.Parameters.SelectMany(p => p.Value.ToArray()).ToArray());
    }

    [Fact]
    public void TrainedSpiralModel_SavedThenLoaded_GivesIdenticalPredictions()
    {
        var (x, y) = ToyDatasets.Spiral<float>(100, 3, 0.2, seed: 0);
        var (trainer, _) = TrainSpiral(seed: 5, epochs: 100);
        string path = Path.Combine(_dir, "spiral" + ModelFile.Extension);
        ModelFile.Save(trainer.Model, path);

        var loaded = SpiralModel(seed: 999);
        ModelFile.Load(loaded, path);
        var expected = trainer.Predict(x);
        var actual = Trainer<float>.Predict(loaded, x);
        Assert.Equal(expected.Shape, actual.Shape);
        Assert.Equal(expected.ToArray(), actual.ToArray());
        Assert.Equal(ClassificationMetrics.Accuracy(expected, y), ClassificationMetrics.Accuracy(actual, y));
    }
}
