namespace Tutorial.Engine.Training;

/// <summary>
/// Stops training when a monitored quantity has not improved for <see cref="Patience"/> epochs.
/// <para>An epoch improves on the best so far when its value is better by more than <see cref="MinDelta"/>
/// (lower for losses and errors, higher for accuracy): value &lt; best − MinDelta, or value &gt; best + MinDelta.
/// After <see cref="Patience"/> epochs in a row without improvement, training stops.</para>
/// <para>With <see cref="RestoreBestWeights"/> the model ends Fit with the weights (and buffers) of the best epoch,
/// whether training stopped early or ran out of epochs. Without it, the model keeps the last epoch's weights.</para>
/// </summary>
public sealed record EarlyStopping
{
    /// <summary><c>val_loss</c> (the default), <c>loss</c>, a metric name such as <c>accuracy</c>, or <c>val_</c> + a metric name.</summary>
    public string Monitor { get; init; } = "val_loss";

    /// <summary>Epochs without improvement to tolerate before stopping (≥ 1).</summary>
    public int Patience { get; init; } = 5;

    /// <summary>The smallest change that counts as an improvement (≥ 0).</summary>
    public double MinDelta { get; init; }

    /// <summary>Whether to put the best epoch's weights back at the end of Fit.</summary>
    public bool RestoreBestWeights { get; init; } = true;

    /// <summary>Whether larger values are better; null infers it (losses: lower; metrics: the metric's own direction).</summary>
    public bool? HigherIsBetter { get; init; }
}
