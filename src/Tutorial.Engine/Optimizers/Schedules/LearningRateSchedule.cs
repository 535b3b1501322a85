using System.Numerics;

namespace Tutorial.Engine.Optimizers.Schedules;

/// <summary>
/// A learning-rate schedule: a function t ↦ η_t of the step counter t = 0, 1, 2, … (an epoch or an iteration,
/// whichever the training loop counts), in closed form, so any η_t can be computed, plotted or resumed directly.
/// <see cref="Apply{T}"/> writes η_t into <see cref="Optimizer{T}.LearningRate"/>:
/// <code>
/// for (int epoch = 0; epoch &lt; epochs; epoch++)
/// {
///     schedule.Apply(optimizer, epoch);     // η for this epoch
///     ... ZeroGrad, Forward, Backward, Step for each batch ...
/// }
/// </code>
/// This matches PyTorch's convention: after constructing a scheduler and calling <c>scheduler.step()</c> t times,
/// the optimizer's rate is η_t.
/// </summary>
public abstract class LearningRateSchedule
{
    protected LearningRateSchedule(double baseLearningRate)
    {
        if (!(baseLearningRate >= 0) || double.IsInfinity(baseLearningRate))
            throw new ArgumentOutOfRangeException(nameof(baseLearningRate), baseLearningRate,
                $"{Name}: the base learning rate must be zero or positive and finite, got {baseLearningRate}.");
        BaseLearningRate = baseLearningRate;
    }

    /// <summary>η₀, the rate the schedule starts from (and scales).</summary>
    public double BaseLearningRate { get; }

    /// <summary>η_t for step <paramref name="step"/> ≥ 0.</summary>
    public double LearningRateAt(int step)
    {
        if (step < 0) throw new ArgumentOutOfRangeException(nameof(step), step, $"{Name}: the step must be zero or positive, got {step}.");
        return Compute(step);
    }

    /// <summary>The closed form η_t; <paramref name="step"/> is already checked to be ≥ 0.</summary>
    protected abstract double Compute(int step);

    /// <summary>Sets <paramref name="optimizer"/>'s learning rate to η at <paramref name="step"/> and returns it.</summary>
    public double Apply<T>(Optimizer<T> optimizer, int step) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        double lr = LearningRateAt(step);
        optimizer.LearningRate = lr;
        return lr;
    }

    /// <summary>η₀ … η_{count−1}, e.g. to plot the schedule.</summary>
    public double[] Values(int count) => Enumerable.Range(0, count).Select(LearningRateAt).ToArray();

    /// <summary>The type's name (safe to use in constructors, unlike ToString).</summary>
    public string Name => GetType().Name;
}
