using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Metrics;

/// <summary>
/// Classification measures from label arrays or straight from network outputs. Per-class and averaged
/// precision, recall and F1 live on <see cref="ConfusionMatrix"/>, which these build.
/// </summary>
public static class ClassificationMetrics
{
    /// <summary>The fraction of positions where <paramref name="predicted"/> equals <paramref name="actual"/>.</summary>
    public static double Accuracy(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted)
    {
        if (actual.Length != predicted.Length)
            throw new ArgumentException($"{actual.Length} actual labels but {predicted.Length} predicted labels; they must pair up.");
        if (actual.Length == 0) throw new ArgumentException("Accuracy needs at least one sample.");
        int correct = 0;
        for (int i = 0; i < actual.Length; i++) if (actual[i] == predicted[i]) correct++;
        return correct / (double)actual.Length;
    }

    /// <summary>Accuracy of scores (N, K) (arg max per row) against class targets (N).</summary>
    public static double Accuracy<T>(Tensor<T> scores, Tensor<T> targets, double threshold = 0.5) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var predicted = Predictions.ArgMax(scores, threshold);
        var actual = Predictions.Labels(targets);
        if (predicted.Length != actual.Length)
            throw new ShapeMismatchException($"Accuracy got scores of shape {scores.Shape} and targets of shape {targets.Shape}; the sample counts differ.");
        return Accuracy(actual, predicted);
    }

    /// <summary>The confusion matrix of scores (N, K) against class targets (N).</summary>
    public static ConfusionMatrix ConfusionMatrix<T>(Tensor<T> scores, Tensor<T> targets, IReadOnlyList<string>? classNames = null)
        where T : unmanaged, IFloatingPointIeee754<T> => Metrics.ConfusionMatrix.From(scores, targets, classNames);
}
