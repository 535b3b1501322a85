using System.Numerics;
using Tutorial.Engine.Metrics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Training;

/// <summary>
/// Classification accuracy: the fraction of samples with arg max(prediction) = target.
/// <code>prediction: (N, K) scores or (N, 1) probabilities   target: (N) or (N, 1) class indices</code>
/// With one column the predicted class is [score &gt; threshold] (0.5 for sigmoid outputs, 0 for logits).
/// </summary>
public sealed class AccuracyMetric<T>(double threshold = 0.5) : TrainingMetric<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The decision threshold for single-column predictions.</summary>
    public double Threshold { get; } = threshold;

    public override string Name => "accuracy";

    public override bool HigherIsBetter => true;

    public override (double Sum, int Count) Measure(Tensor<T> prediction, Tensor<T> target)
    {
        var predicted = Predictions.ArgMax(prediction, Threshold);
        var actual = Predictions.Labels(target);
        if (predicted.Length != actual.Length)
            throw new ShapeMismatchException($"accuracy got predictions of shape {prediction.Shape} and targets of shape {target.Shape}; the sample counts differ.");
        int correct = 0;
        for (int i = 0; i < actual.Length; i++)
            if (predicted[i] == actual[i]) correct++;
        return (correct, actual.Length);
    }
}
