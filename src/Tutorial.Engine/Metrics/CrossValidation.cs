using System.Numerics;
using Tutorial.Engine.Tensors;
using Tutorial.Engine.Training;

namespace Tutorial.Engine.Metrics;

/// <summary>
/// k-fold cross-validation: shuffle the sample indices with a seed, cut them into k folds of nearly equal size
/// (the first N mod k folds get one sample more), and for each fold train a fresh model on the other k − 1 folds
/// and score it on the held-out fold. The mean and spread of the k scores estimate how well the recipe
/// (architecture + hyperparameters) generalises, using every sample for testing exactly once.
/// </summary>
public static class CrossValidation
{
    /// <summary>The k folds of <paramref name="count"/> samples, each sample held out exactly once.</summary>
    public static IReadOnlyList<Fold> KFold(int count, int k, ulong seed, bool shuffle = true)
    {
        if (k < 2) throw new ArgumentOutOfRangeException(nameof(k), $"k-fold cross-validation needs k ≥ 2, got {k}.");
        if (count < k) throw new ArgumentOutOfRangeException(nameof(count), $"Cannot cut {count} samples into {k} folds.");
        int[] order = shuffle ? new Rng(seed).Permutation(count) : Enumerable.Range(0, count).ToArray();
        var folds = new List<Fold>(k);
        int start = 0;
        for (int f = 0; f < k; f++)
        {
            int size = count / k + (f < count % k ? 1 : 0);
            var test = order.AsSpan(start, size).ToArray();
            Array.Sort(test);
            var inTest = new bool[count];
            foreach (int i in test) inTest[i] = true;
            var train = Enumerable.Range(0, count).Where(i => !inTest[i]).ToArray();
            folds.Add(new Fold(f, train, test));
            start += size;
        }
        return folds;
    }

    /// <summary>
    /// Runs k-fold cross-validation. For fold f, <paramref name="trainerFactory"/>(f) must build a fresh model, loss,
    /// optimizer and trainer (seed it with f for varied but reproducible initialisations); the trainer is fitted on
    /// the training folds and its predictions on the held-out fold are scored by <paramref name="scorer"/>.
    /// <code>x: (N, …)  y: (N, …)</code>
    /// </summary>
    public static CrossValidationResult Run<T>(Tensor<T> x, Tensor<T> y, int k, Func<int, Trainer<T>> trainerFactory,
        Scorer<T> scorer, ulong seed = 0) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(trainerFactory);
        ArgumentNullException.ThrowIfNull(scorer);
        if (x.Rank == 0 || y.Rank == 0 || x.Shape[0] != y.Shape[0])
            throw new ShapeMismatchException($"Cross-validation needs as many inputs as targets: x has shape {x.Shape}, y has shape {y.Shape}.");
        var results = new List<FoldResult>(k);
        foreach (var fold in KFold(x.Shape[0], k, seed))
        {
            var trainer = trainerFactory(fold.Index) ?? throw new InvalidOperationException($"The trainer factory returned null for fold {fold.Index}.");
            var history = trainer.Fit(Batches.Gather(x, fold.TrainIndices), Batches.Gather(y, fold.TrainIndices));
            var predictions = trainer.Predict(Batches.Gather(x, fold.TestIndices));
            double score = scorer.Compute(predictions, Batches.Gather(y, fold.TestIndices));
            results.Add(new FoldResult(fold, score, history));
        }
        return new CrossValidationResult(scorer.Name, scorer.HigherIsBetter, results);
    }
}
