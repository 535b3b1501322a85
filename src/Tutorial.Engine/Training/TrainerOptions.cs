using System.Numerics;
using Tutorial.Engine.Optimizers;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Training;

/// <summary>How <see cref="Trainer{T}"/> trains: epochs, batch size, shuffling, metrics, early stopping and callbacks.</summary>
public sealed record TrainerOptions<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Passes over the training data per Fit call (≥ 1).</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Samples per mini-batch (≥ 1); the last batch of an epoch may be smaller. Use the data size for full-batch gradient descent.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Whether to visit the samples in a new random order every epoch (drawn from <see cref="Seed"/>).</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Seed of the shuffling; the same seed, model and data give bitwise-identical training.</summary>
    public ulong Seed { get; init; }

    /// <summary>Metrics to track besides the loss. Null (the default) tracks accuracy when the loss is
    /// <see cref="Losses.SoftmaxCrossEntropy{T}"/> and nothing otherwise; pass an empty list to track none.</summary>
    public IReadOnlyList<TrainingMetric<T>>? Metrics { get; init; }

    /// <summary>Early stopping, or null to always run every epoch.</summary>
    public EarlyStopping? EarlyStopping { get; init; }

    /// <summary>
    /// Called before each epoch with the 0-based epoch index (0 before the first epoch) and the optimizer, so a
    /// learning-rate schedule can set <see cref="Optimizer{T}.LearningRate"/>:
    /// <c>OnEpochStart = (epoch, opt) =&gt; opt.LearningRate = 0.1 * Math.Pow(0.5, epoch / 10)</c>.
    /// </summary>
    public Action<int, Optimizer<T>>? OnEpochStart { get; init; }

    /// <summary>Called after every training batch (progress bars, live plots).</summary>
    public Action<TrainingProgress>? OnBatchEnd { get; init; }

    /// <summary>Called after every epoch, validation included, with that epoch's record.</summary>
    public Action<EpochRecord>? OnEpochEnd { get; init; }

    /// <summary>Batch size used for validation, <see cref="Trainer{T}.Evaluate"/> and <see cref="Trainer{T}.Predict(Tensor{T})"/>
    /// (memory only; results do not depend on it beyond rounding). Null uses <see cref="BatchSize"/>.</summary>
    public int? EvaluationBatchSize { get; init; }
}
