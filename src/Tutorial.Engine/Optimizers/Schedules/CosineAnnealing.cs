namespace Tutorial.Engine.Optimizers.Schedules;

/// <summary>
/// Cosine annealing (Loshchilov and Hutter's SGDR without restarts; the closed form of PyTorch's <c>CosineAnnealingLR</c>):
/// the rate follows half a cosine from η₀ down to η_min over T_max steps.
/// <code>
/// η_t = η_min + (η₀ − η_min) · (1 + cos(π t / T_max)) / 2
/// </code>
/// η_0 = η₀, η_{T_max} = η_min. Past T_max the formula (like PyTorch's scheduler) keeps following the cosine,
/// rising back towards η₀ at 2·T_max; train for T_max steps to end at η_min.
/// </summary>
public sealed class CosineAnnealing : LearningRateSchedule
{
    /// <summary>Creates the schedule; <paramref name="tMax"/> must be positive and <paramref name="etaMin"/> zero or positive and finite.</summary>
    public CosineAnnealing(double baseLearningRate, int tMax, double etaMin = 0) : base(baseLearningRate)
    {
        if (tMax <= 0) throw new ArgumentOutOfRangeException(nameof(tMax), tMax, $"CosineAnnealing: T_max must be positive, got {tMax}.");
        if (!(etaMin >= 0) || double.IsInfinity(etaMin))
            throw new ArgumentOutOfRangeException(nameof(etaMin), etaMin, $"CosineAnnealing: eta_min must be zero or positive and finite, got {etaMin}.");
        TMax = tMax;
        EtaMin = etaMin;
    }

    /// <summary>T_max, the number of steps from η₀ down to η_min.</summary>
    public int TMax { get; }

    /// <summary>η_min, the rate reached at step T_max.</summary>
    public double EtaMin { get; }

    protected override double Compute(int step) =>
        EtaMin + (BaseLearningRate - EtaMin) * (1 + Math.Cos(Math.PI * step / TMax)) / 2;

    public override string ToString() => $"CosineAnnealing(lr: {BaseLearningRate}, T_max: {TMax}, eta_min: {EtaMin})";
}
