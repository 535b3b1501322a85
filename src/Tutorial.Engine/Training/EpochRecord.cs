namespace Tutorial.Engine.Training;

/// <summary>
/// What one epoch of <see cref="Trainer{T}.Fit"/> measured.
/// </summary>
/// <param name="Epoch">1 for the first epoch of the Fit call.</param>
/// <param name="TrainLoss">Mean training loss over the epoch's samples, measured batch by batch while the weights changed
/// (each batch's mean loss weighted by its size), as Keras reports it.</param>
/// <param name="TrainMetrics">The tracked metrics over the epoch's training batches, by name (e.g. <c>accuracy</c>).</param>
/// <param name="ValidationLoss">Mean loss on the validation data after the epoch (evaluation mode), or null without validation data.</param>
/// <param name="ValidationMetrics">The tracked metrics on the validation data, by name; empty without validation data.</param>
/// <param name="LearningRate">The optimizer's learning rate during the epoch (after the epoch-start hook ran).</param>
/// <param name="Steps">Optimizer steps taken in the epoch (the number of batches).</param>
/// <param name="Elapsed">Time since Fit started, at the end of this epoch.</param>
public sealed record EpochRecord(
    int Epoch,
    double TrainLoss,
    IReadOnlyDictionary<string, double> TrainMetrics,
    double? ValidationLoss,
    IReadOnlyDictionary<string, double> ValidationMetrics,
    double LearningRate,
    int Steps,
    TimeSpan Elapsed)
{
    /// <summary>The value of a monitored quantity: <c>loss</c>, <c>val_loss</c>, a metric name, or <c>val_</c> + a metric name; null if not measured.</summary>
    public double? Get(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key == "loss") return TrainLoss;
        if (key == "val_loss") return ValidationLoss;
        if (key.StartsWith("val_", StringComparison.Ordinal))
            return ValidationMetrics.TryGetValue(key[4..], out var v) ? v : null;
        return TrainMetrics.TryGetValue(key, out var t) ? t : null;
    }
}
