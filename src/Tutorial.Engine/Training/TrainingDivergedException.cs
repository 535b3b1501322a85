namespace Tutorial.Engine.Training;

/// <summary>
/// Thrown by <see cref="Trainer{T}.Fit"/> when a batch's loss is NaN or infinite. The optimizer did not take a
/// step for that batch, so the weights are those that produced the non-finite loss.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    public TrainingDivergedException(int epoch, int batch, int batches, int step, double loss, double learningRate)
        : base(FormattableString.Invariant(
            $"Training diverged: the loss became {Describe(loss)} at epoch {epoch}, batch {batch} of {batches} (step {step}). ") +
            FormattableString.Invariant(
            $"Hint: the learning rate ({learningRate}) may be too high; try one 3 to 10 times smaller. ") +
            "Unscaled inputs, a bad weight initialisation or a log of 0 in a custom loss do this too.")
    {
        Epoch = epoch;
        Batch = batch;
        Step = step;
        Loss = loss;
        LearningRate = learningRate;
    }

    /// <summary>The epoch (1-based) in which the loss became non-finite.</summary>
    public int Epoch { get; }

    /// <summary>The batch within the epoch (1-based).</summary>
    public int Batch { get; }

    /// <summary>The optimizer step number (1-based) this batch would have been.</summary>
    public int Step { get; }

    /// <summary>The non-finite loss (NaN, +∞ or −∞).</summary>
    public double Loss { get; }

    /// <summary>The learning rate at the time.</summary>
    public double LearningRate { get; }

    private static string Describe(double loss) =>
        double.IsNaN(loss) ? "NaN" : double.IsPositiveInfinity(loss) ? "+infinity" : "-infinity";
}
