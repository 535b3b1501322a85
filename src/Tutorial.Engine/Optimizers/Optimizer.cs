using System.Numerics;
using Tutorial.Engine.Layers;

namespace Tutorial.Engine.Optimizers;

/// <summary>
/// Updates parameters from their gradients. Sees only <see cref="Parameter{T}"/>s, never layer types.
/// Call <see cref="ZeroGrad"/> before each backward pass and <see cref="Step"/> after it.
/// Hyperparameters are checked when the optimizer is built; a bad one throws an
/// <see cref="ArgumentOutOfRangeException"/> naming the optimizer, the hyperparameter and the value.
/// </summary>
public abstract class Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private double _learningRate;

    protected Optimizer(IEnumerable<Parameter<T>> parameters, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters.ToArray();
        LearningRate = learningRate;
    }

    /// <summary>The parameters this optimizer updates, in order.</summary>
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>
    /// The step size η; schedules change it between steps. Must be finite and zero or positive
    /// (zero is allowed so a schedule may anneal to, or warm up from, η = 0).
    /// </summary>
    public double LearningRate
    {
        get => _learningRate;
        set
        {
            if (!(value >= 0) || double.IsInfinity(value))
                throw new ArgumentOutOfRangeException(nameof(LearningRate), value, $"{Name}: the learning rate must be zero or positive and finite, got {value}.");
            _learningRate = value;
        }
    }

    /// <summary>Number of steps taken so far.</summary>
    public int StepCount { get; private set; }

    /// <summary>Sets every parameter's gradient to zero.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters) p.ZeroGrad();
    }

    /// <summary>Applies one update to every parameter.</summary>
    public void Step()
    {
        StepCount++;
        for (int i = 0; i < Parameters.Count; i++) Update(Parameters[i], i);
    }

    /// <summary>Updates parameter number <paramref name="index"/> from its gradient (state may be kept per index).</summary>
    protected abstract void Update(Parameter<T> parameter, int index);

    /// <summary>The type's name without the generic suffix, e.g. <c>Adam</c> (safe to use in constructors, unlike ToString).</summary>
    public string Name
    {
        get
        {
            string n = GetType().Name;
            int tick = n.IndexOf('`');
            return tick < 0 ? n : n[..tick];
        }
    }

    /// <summary>The type's name; optimizers override it to list their hyperparameters.</summary>
    public override string ToString() => Name;

    /// <summary>Throws unless <paramref name="low"/> ≤ <paramref name="value"/> (≤ or &lt;) <paramref name="high"/>; NaN always fails.</summary>
    protected double Require(string hyperparameter, double value, double low, double high, bool highInclusive = true)
    {
        bool ok = value >= low && (highInclusive ? value <= high : value < high);
        if (!ok)
        {
            string range = $"in [{low}, {high}{(highInclusive ? "]" : ")")}";
            throw new ArgumentOutOfRangeException(hyperparameter, value, $"{Name}: {hyperparameter} must be {range} and not NaN, got {value}.");
        }
        return value;
    }

    /// <summary>Throws unless <paramref name="value"/> is zero or positive and finite.</summary>
    protected double RequireNonNegative(string hyperparameter, double value)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(hyperparameter, value, $"{Name}: {hyperparameter} must be zero or positive and finite, got {value}.");
        return value;
    }

    /// <summary>Throws unless <paramref name="value"/> is positive and finite.</summary>
    protected double RequirePositive(string hyperparameter, double value)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(hyperparameter, value, $"{Name}: {hyperparameter} must be positive and finite, got {value}.");
        return value;
    }
}
