namespace Tutorial.Engine.Training;

/// <summary>
/// Reported after every training batch, for progress bars and live loss plots.
/// </summary>
/// <param name="Epoch">The current epoch, 1-based.</param>
/// <param name="Epochs">The number of epochs the Fit call was asked for.</param>
/// <param name="Batch">The batch just finished within the epoch, 1-based.</param>
/// <param name="Batches">Batches per epoch.</param>
/// <param name="Step">Optimizer steps taken in this Fit call so far (including this one).</param>
/// <param name="BatchLoss">The mean loss of this batch.</param>
/// <param name="Loss">The mean loss over the epoch's samples so far.</param>
/// <param name="Accuracy">The accuracy over the epoch's samples so far, or null when accuracy is not tracked.</param>
/// <param name="Metrics">Every tracked metric over the epoch's samples so far, by name.</param>
/// <param name="Elapsed">Time since Fit started.</param>
public sealed record TrainingProgress(
    int Epoch,
    int Epochs,
    int Batch,
    int Batches,
    int Step,
    double BatchLoss,
    double Loss,
    double? Accuracy,
    IReadOnlyDictionary<string, double> Metrics,
    TimeSpan Elapsed)
{
    /// <summary>Fraction of the whole run done, in (0, 1].</summary>
    public double Fraction => ((Epoch - 1) * (double)Batches + Batch) / ((double)Epochs * Batches);

    /// <summary>E.g. <c>epoch 2/10  batch 5/8  loss 0.4312  accuracy 0.8750  1.2 s</c>.</summary>
    public override string ToString() =>
        FormattableString.Invariant($"epoch {Epoch}/{Epochs}  batch {Batch}/{Batches}  loss {Loss:0.0000}") +
        (Accuracy is double a ? FormattableString.Invariant($"  accuracy {a:0.0000}") : "") +
        FormattableString.Invariant($"  {Elapsed.TotalSeconds:0.0} s");
}
