namespace Tutorial.Engine.Optimizers.Schedules;

/// <summary>
/// Step decay (PyTorch's <c>StepLR</c>): multiply the rate by γ every <see cref="StepSize"/> steps.
/// <code>
/// η_t = η₀ · γ^⌊t / s⌋
/// </code>
/// E.g. η₀ = 0.1, s = 30, γ = 0.1: 0.1 for epochs 0–29, 0.01 for 30–59, 0.001 for 60–89, …
/// </summary>
public sealed class StepDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule; <paramref name="stepSize"/> must be positive and <paramref name="gamma"/> positive and finite.</summary>
    public StepDecay(double baseLearningRate, int stepSize, double gamma = 0.1) : base(baseLearningRate)
    {
        if (stepSize <= 0) throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, $"StepDecay: the step size must be positive, got {stepSize}.");
        if (!(gamma > 0) || double.IsInfinity(gamma)) throw new ArgumentOutOfRangeException(nameof(gamma), gamma, $"StepDecay: gamma must be positive and finite, got {gamma}.");
        StepSize = stepSize;
        Gamma = gamma;
    }

    /// <summary>s, the number of steps between decays.</summary>
    public int StepSize { get; }

    /// <summary>γ, the factor applied at each decay.</summary>
    public double Gamma { get; }

    protected override double Compute(int step) => BaseLearningRate * Math.Pow(Gamma, step / StepSize);

    public override string ToString() => $"StepDecay(lr: {BaseLearningRate}, step size: {StepSize}, gamma: {Gamma})";
}
