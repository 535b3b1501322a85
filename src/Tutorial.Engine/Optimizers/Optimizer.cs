using System.Numerics;
using Tutorial.Engine.Layers;

namespace Tutorial.Engine.Optimizers;

/// <summary>
/// Updates parameters from their gradients. Sees only <see cref="Parameter{T}"/>s, never layer types.
/// Call <see cref="ZeroGrad"/> before each backward pass and <see cref="Step"/> after it.
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

    /// <summary>The step size η; schedules change it between steps. Must be positive and finite.</summary>
    public double LearningRate
    {
        get => _learningRate;
        set
        {
            if (!(value > 0) || double.IsInfinity(value))
                throw new ArgumentOutOfRangeException(nameof(LearningRate), value, $"{this}: the learning rate must be positive and finite.");
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

    /// <summary>The type's name without the generic suffix.</summary>
    public override string ToString()
    {
        string n = GetType().Name;
        int tick = n.IndexOf('`');
        return tick < 0 ? n : n[..tick];
    }
}
