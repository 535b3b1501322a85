namespace Tutorial.Engine.Optimizers.Schedules;

/// <summary>
/// Linear warmup (PyTorch's <c>LinearLR</c>): the rate grows linearly from f₀·η₀ to f₁·η₀ over W steps and then stays,
/// or hands over to another schedule. Large early steps, while Adam's moment estimates and batch-norm statistics
/// are still poor, can wreck training; a warmup avoids them.
/// <code>
/// η_t = η₀ · (f₀ + (f₁ − f₀) · min(t, W) / W)          alone
/// η_t = next(t − W)                         for t ≥ W, when followed by a schedule 'next' (then η₀ = next's base, f₁ = 1)
/// </code>
/// PyTorch's defaults are f₀ = 1/3 and f₁ = 1; f₀ = 0 starts from a zero rate.
/// </summary>
public sealed class LinearWarmup : LearningRateSchedule
{
    /// <summary>A warmup over <paramref name="warmupSteps"/> steps from <paramref name="startFactor"/>·η₀ to <paramref name="endFactor"/>·η₀, then constant.</summary>
    public LinearWarmup(double baseLearningRate, int warmupSteps, double startFactor = 1.0 / 3, double endFactor = 1.0)
        : base(baseLearningRate)
    {
        if (warmupSteps <= 0) throw new ArgumentOutOfRangeException(nameof(warmupSteps), warmupSteps, $"LinearWarmup: the number of warmup steps must be positive, got {warmupSteps}.");
        if (!(startFactor >= 0 && startFactor <= 1)) throw new ArgumentOutOfRangeException(nameof(startFactor), startFactor, $"LinearWarmup: the start factor must be in [0, 1], got {startFactor}.");
        if (!(endFactor >= 0 && endFactor <= 1)) throw new ArgumentOutOfRangeException(nameof(endFactor), endFactor, $"LinearWarmup: the end factor must be in [0, 1], got {endFactor}.");
        WarmupSteps = warmupSteps;
        StartFactor = startFactor;
        EndFactor = endFactor;
    }

    /// <summary>A warmup over <paramref name="warmupSteps"/> steps from <paramref name="startFactor"/>·η₀ up to η₀ = <paramref name="next"/>'s base rate, then <paramref name="next"/> from its step 0.</summary>
    public LinearWarmup(int warmupSteps, LearningRateSchedule next, double startFactor = 1.0 / 3)
        : this((next ?? throw new ArgumentNullException(nameof(next))).BaseLearningRate, warmupSteps, startFactor, 1.0)
    {
        Next = next;
    }

    /// <summary>W, the number of warmup steps.</summary>
    public int WarmupSteps { get; }

    /// <summary>f₀: η_0 = f₀·η₀.</summary>
    public double StartFactor { get; }

    /// <summary>f₁: η_W = f₁·η₀.</summary>
    public double EndFactor { get; }

    /// <summary>The schedule that takes over after the warmup, or null to hold f₁·η₀.</summary>
    public LearningRateSchedule? Next { get; }

    protected override double Compute(int step)
    {
        if (Next is not null && step >= WarmupSteps) return Next.LearningRateAt(step - WarmupSteps);
        return BaseLearningRate * (StartFactor + (EndFactor - StartFactor) * Math.Min(step, WarmupSteps) / WarmupSteps);
    }

    public override string ToString() =>
        $"LinearWarmup(lr: {BaseLearningRate}, steps: {WarmupSteps}, start factor: {StartFactor}, end factor: {EndFactor}{(Next is null ? "" : $", then {Next}")})";
}
