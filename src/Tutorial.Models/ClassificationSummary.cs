using Tutorial.Engine.Metrics;

namespace Tutorial.Models;

/// <summary>How a classifier did on held-out test data.</summary>
/// <param name="Samples">Number of test samples.</param>
/// <param name="Loss">Mean softmax cross-entropy on the test data.</param>
/// <param name="Confusion">Counts of (actual, predicted) pairs, with per-class precision, recall and F1.</param>
public sealed record ClassificationSummary(int Samples, double Loss, ConfusionMatrix Confusion)
{
    /// <summary>The fraction of test samples classified correctly.</summary>
    public double Accuracy => Confusion.Accuracy;
}
