using System.Numerics;
using Tutorial.Engine.Layers;

namespace Tutorial.Engine.Optimizers;

/// <summary>
/// Adagrad (Duchi, Hazan and Singer, 2011): each coordinate's step shrinks with the sum of its squared
/// gradients so far, so frequently updated coordinates slow down. Exactly PyTorch's <c>torch.optim.Adagrad</c> (1.13);
/// for step t = 1, 2, … and each parameter θ with gradient g:
/// <code>
/// g ← g + λθ                      weight decay λ (if λ ≠ 0)
/// η_t = η / (1 + (t − 1)·d)        learning-rate decay d
/// s ← s + g²                      s starts at the initial accumulator value s₀
/// θ ← θ − η_t · g / (√s + ε)
/// </code>
/// Shapes: θ, g, s all have the parameter's shape. Because s only grows, the effective step only shrinks —
/// the reason RMSprop and Adam replace the sum by a moving average.
/// </summary>
public sealed class Adagrad<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[]?[] _sums;

    /// <summary>Creates the optimizer with PyTorch's defaults (η = 0.01, ε = 1e−10, everything else 0).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is negative, NaN or infinite, or ε ≤ 0.</exception>
    public Adagrad(IEnumerable<Parameter<T>> parameters, double learningRate = 0.01, double learningRateDecay = 0,
        double weightDecay = 0, double initialAccumulator = 0, double epsilon = 1e-10) : base(parameters, learningRate)
    {
        LearningRateDecay = RequireNonNegative(nameof(learningRateDecay), learningRateDecay);
        WeightDecay = RequireNonNegative(nameof(weightDecay), weightDecay);
        InitialAccumulator = RequireNonNegative(nameof(initialAccumulator), initialAccumulator);
        Epsilon = RequirePositive(nameof(epsilon), epsilon);
        _sums = new T[]?[Parameters.Count];
    }

    /// <summary>The learning-rate decay d: η_t = η / (1 + (t − 1)·d).</summary>
    public double LearningRateDecay { get; }

    /// <summary>The L2 penalty λ added to the gradient as λθ.</summary>
    public double WeightDecay { get; }

    /// <summary>The starting value s₀ of every sum of squared gradients.</summary>
    public double InitialAccumulator { get; }

    /// <summary>ε, added to √s to avoid dividing by zero.</summary>
    public double Epsilon { get; }

    /// <summary>The sum of squared gradients s of parameter <paramref name="index"/> (a copy), or null before the first step.</summary>
    public T[]? SumOfSquares(int index) => (T[]?)_sums[index]?.Clone();

    protected override void Update(Parameter<T> parameter, int index)
    {
        var theta = parameter.Value.Span;
        var grad = parameter.Grad.Span;
        var sum = _sums[index] ??= Enumerable.Repeat(T.CreateChecked(InitialAccumulator), theta.Length).ToArray();
        T clr = T.CreateChecked(LearningRate / (1 + (StepCount - 1) * LearningRateDecay));
        T lambda = T.CreateChecked(WeightDecay);
        T eps = T.CreateChecked(Epsilon);
        for (int i = 0; i < theta.Length; i++)
        {
            T g = grad[i];
            if (WeightDecay != 0) g += lambda * theta[i];
            sum[i] += g * g;
            theta[i] -= clr * (g / (T.Sqrt(sum[i]) + eps));
        }
    }

    public override string ToString() =>
        $"Adagrad(lr: {LearningRate}, lr decay: {LearningRateDecay}, weight decay: {WeightDecay}, initial accumulator: {InitialAccumulator}, eps: {Epsilon})";
}
