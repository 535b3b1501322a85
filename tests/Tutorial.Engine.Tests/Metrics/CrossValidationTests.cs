using Tutorial.Engine.Data;
using Tutorial.Engine.Losses;
using Tutorial.Engine.Metrics;
using Tutorial.Engine.Optimizers;
using Tutorial.Engine.Tests.Training;
using Tutorial.Engine.Training;

namespace Tutorial.Engine.Tests.Metrics;

public class CrossValidationTests
{
    private static readonly double[,] Centres = { { -2, 0 }, { 2, 0 }, { 0, 2.5 } };

    [Fact]
    public void KFold_HoldsOutEverySampleExactlyOnce_InNearlyEqualFolds()
    {
        var folds = CrossValidation.KFold(10, 3, seed: 4);
        Assert.Equal([4, 3, 3], folds.Select(f => f.TestIndices.Length));
        Assert.Equal(Enumerable.Range(0, 10), folds.SelectMany(f => f.TestIndices).Order());
        foreach (var f in folds)
        {
            Assert.Empty(f.TrainIndices.Intersect(f.TestIndices));
            Assert.Equal(Enumerable.Range(0, 10), f.TrainIndices.Concat(f.TestIndices).Order());
            Assert.Equal(f.TestIndices.Order(), f.TestIndices);
        }
        Assert.Equal([0, 1, 2], folds.Select(f => f.Index));
    }

    [Fact]
    public void KFold_IsSeeded()
    {
        var a = CrossValidation.KFold(20, 4, seed: 1);
        var b = CrossValidation.KFold(20, 4, seed: 1);
        var c = CrossValidation.KFold(20, 4, seed: 2);
        Assert.Equal(a.Select(f => f.TestIndices), b.Select(f => f.TestIndices));
        Assert.NotEqual(a.Select(f => f.TestIndices), c.Select(f => f.TestIndices));
        var unshuffled = CrossValidation.KFold(6, 3, seed: 9, shuffle: false);
        Assert.Equal([[0, 1], [2, 3], [4, 5]], unshuffled.Select(f => f.TestIndices));
        Assert.Throws<ArgumentOutOfRangeException>(() => CrossValidation.KFold(2, 3, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => CrossValidation.KFold(10, 1, 0));
    }

    private static Trainer<double> MakeTrainer(double learningRate, int hidden, int fold)
    {
        var model = TestModels.Mlp<double>(2, hidden, 3, (ulong)(100 + fold));
        return new Trainer<double>(model, new SoftmaxCrossEntropy<double>(), new Sgd<double>(model.Parameters, learningRate),
            new TrainerOptions<double> { Epochs = 10, BatchSize = 8, Seed = (ulong)fold });
    }

    [Fact]
    public void Run_ScoresEachFoldOnItsHeldOutSamples_WithMeanAndStd()
    {
        var (x, y) = ToyDatasets.Blobs<double>(Centres, 20, 0.5, seed: 3);
        var folds = new List<int>();
        var result = CrossValidation.Run(x, y, 5, fold => { folds.Add(fold); return MakeTrainer(0.1, 8, fold); }, Scorer<double>.Accuracy, seed: 7);

        Assert.Equal([0, 1, 2, 3, 4], folds);
        Assert.Equal(5, result.Scores.Count);
        Assert.Equal("accuracy", result.Metric);
        Assert.All(result.Folds, f => Assert.Equal(12, f.Fold.TestIndices.Length));
        Assert.All(result.Folds, f => Assert.Equal(10, f.History.Epochs.Count));
        Assert.True(result.Mean > 0.9, result.ToString());
        double mean = result.Scores.Average();
        Assert.Equal(mean, result.Mean, 14);
        Assert.Equal(Math.Sqrt(result.Scores.Select(s => (s - mean) * (s - mean)).Average()), result.Std, 14);
        Assert.StartsWith("accuracy: ", result.ToString());

        // Each fold's score is the accuracy on exactly its held-out samples: recompute fold 0 by hand.
        var f0 = result.Folds[0].Fold;
        var trainer = MakeTrainer(0.1, 8, 0);
        trainer.Fit(Batches.Gather(x, f0.TrainIndices), Batches.Gather(y, f0.TrainIndices));
        double score = ClassificationMetrics.Accuracy(trainer.Predict(Batches.Gather(x, f0.TestIndices)), Batches.Gather(y, f0.TestIndices));
        Assert.Equal(score, result.Scores[0]);

        var again = CrossValidation.Run(x, y, 5, fold => MakeTrainer(0.1, 8, fold), Scorer<double>.Accuracy, seed: 7);
        Assert.Equal(result.Scores, again.Scores);
    }

    [Fact]
    public void GridSearch_OverLearningRatesAndHiddenSizes_ReturnsAllResultsSortedWithTheBestFirst()
    {
        var (x, y) = ToyDatasets.Blobs<double>(Centres, 12, 0.5, seed: 5);
        var grid = GridSearch.Product(new[] { 0.0001, 0.1 }, new[] { 2, 8 }).ToList();
        Assert.Equal([(0.0001, 2), (0.0001, 8), (0.1, 2), (0.1, 8)], grid);

        var result = GridSearch.Run(grid, p => CrossValidation.Run(x, y, 3, fold => MakeTrainer(p.Item1, p.Item2, fold), Scorer<double>.Accuracy, seed: 1));

        Assert.Equal(4, result.Results.Count);
        Assert.Equal([1, 2, 3, 4], result.Results.Select(r => r.Rank));
        Assert.True(result.Results.Zip(result.Results.Skip(1)).All(p => p.First.Score >= p.Second.Score), result.ToString());
        Assert.All(result.Results, r => Assert.NotNull(r.Std));
        Assert.Equal(result.Results.Max(r => r.Score), result.Best.Score);
        // A learning rate of 1e-4 barely moves the weights in 10 epochs; 0.1 learns the blobs.
        Assert.Equal(0.1, result.Best.Parameters.Item1);
        Assert.True(result.Best.Score > 0.9, result.ToString());
        Assert.Contains("(0.1, ", result.ToString());
    }

    [Fact]
    public void GridSearch_RanksByDirection_KeepsTiesInOrder_AndPutsNaNLast()
    {
        var higher = GridSearch.Run(new[] { 1, 2, 3, 4, 5 }, p => -(p - 3.0) * (p - 3.0));
        Assert.Equal([3, 2, 4, 1, 5], higher.Results.Select(r => r.Parameters));
        Assert.Equal(3, higher.Best.Parameters);
        Assert.Null(higher.Best.Std);

        var lower = GridSearch.Run(new[] { "a", "b", "c", "d" }, p => p switch { "a" => 2.0, "b" => double.NaN, "c" => 1.0, _ => 2.0 }, higherIsBetter: false);
        Assert.Equal(["c", "a", "d", "b"], lower.Results.Select(r => r.Parameters));
        Assert.Throws<ArgumentException>(() => GridSearch.Run(Array.Empty<int>(), p => p));
    }
}
