using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Training;

/// <summary>
/// A quantity the <see cref="Trainer{T}"/> tracks per batch and per epoch besides the loss, such as accuracy.
/// <see cref="Measure"/> returns the sum of a per-sample score and the number of samples, so the trainer can
/// report the exact mean over all samples seen so far (Σ sums / Σ counts), whatever the batch sizes.
/// </summary>
public abstract class TrainingMetric<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The key in <see cref="EpochRecord"/> dictionaries, e.g. <c>accuracy</c>; validation values use the same key.</summary>
    public abstract string Name { get; }

    /// <summary>True when larger is better (accuracy), false when smaller is (an error). Early stopping uses it.</summary>
    public abstract bool HigherIsBetter { get; }

    /// <summary>The sum of the per-sample score over the batch, and the number of samples.</summary>
    public abstract (double Sum, int Count) Measure(Tensor<T> prediction, Tensor<T> target);

    /// <summary>Fraction of samples whose predicted class (arg max, or score &gt; <paramref name="threshold"/> for one column) equals the target.</summary>
    public static TrainingMetric<T> Accuracy(double threshold = 0.5) => new AccuracyMetric<T>(threshold);

    /// <summary>Mean absolute error |prediction − target| over every element (for regression).</summary>
    public static TrainingMetric<T> MeanAbsoluteError() => new MeanAbsoluteErrorMetric<T>();

    public override string ToString() => Name;
}
