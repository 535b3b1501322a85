namespace Tutorial.Engine.Optimizers.Schedules;

/// <summary>
/// Exponential decay (PyTorch's <c>ExponentialLR</c>): multiply the rate by γ every step.
/// <code>
/// η_t = η₀ · γ^t
/// </code>
/// The rate halves every ln 2 / ln(1/γ) steps (γ = 0.95: about every 13.5 steps).
/// </summary>
public sealed class ExponentialDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule; <paramref name="gamma"/> must be positive and finite.</summary>
    public ExponentialDecay(double baseLearningRate, double gamma) : base(baseLearningRate)
    {
        if (!(gamma > 0) || double.IsInfinity(gamma)) throw new ArgumentOutOfRangeException(nameof(gamma), gamma, $"ExponentialDecay: gamma must be positive and finite, got {gamma}.");
        Gamma = gamma;
    }

    /// <summary>γ, the factor per step.</summary>
    public double Gamma { get; }

    protected override double Compute(int step) => BaseLearningRate * Math.Pow(Gamma, step);

    public override string ToString() => $"ExponentialDecay(lr: {BaseLearningRate}, gamma: {Gamma})";
}
