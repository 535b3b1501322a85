using System.Numerics;
using Tutorial.Engine.Kernels;
using Tutorial.Engine.Layers;

namespace Tutorial.Engine.Optimizers;

/// <summary>
/// Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight decay,
/// with exactly the update of PyTorch's <c>torch.optim.SGD</c> (1.13). For each parameter θ with gradient g:
/// <code>
/// g ← g + λθ                          weight decay λ (if λ ≠ 0)
/// if μ ≠ 0:                           momentum μ, dampening τ
///     b ← g                           on the first step
///     b ← μb + (1 − τ)g               afterwards
///     g ← g + μb   (Nesterov)   or   g ← b
/// θ ← θ − ηg
/// </code>
/// Shapes: θ, g, b all have the parameter's shape. The gradient tensor itself is not modified.
/// Note the momentum form: PyTorch folds η outside the buffer (b accumulates gradients, not steps),
/// unlike Sutskever et al.'s v ← μv − ηg; the two agree while η is constant.
/// </summary>
public sealed class Sgd<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[]?[] _momentumBuffers;

    /// <summary>Creates the optimizer; see the class comment for the update and PyTorch's defaults (all zero, no Nesterov).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is negative, NaN or infinite, dampening is above 1,
    /// or Nesterov is asked for without momentum or with dampening.</exception>
    public Sgd(IEnumerable<Parameter<T>> parameters, double learningRate, double momentum = 0, double dampening = 0,
        bool nesterov = false, double weightDecay = 0) : base(parameters, learningRate)
    {
        Momentum = RequireNonNegative(nameof(momentum), momentum);
        Dampening = Require(nameof(dampening), dampening, 0, 1);
        WeightDecay = RequireNonNegative(nameof(weightDecay), weightDecay);
        if (nesterov && (momentum <= 0 || dampening != 0))
            throw new ArgumentOutOfRangeException(nameof(nesterov), nesterov,
                $"{Name}: Nesterov momentum needs momentum > 0 and dampening = 0, got momentum {momentum} and dampening {dampening}.");
        Nesterov = nesterov;
        _momentumBuffers = new T[]?[Parameters.Count];
    }

    /// <summary>The momentum factor μ (0: plain SGD).</summary>
    public double Momentum { get; }

    /// <summary>The dampening τ: a new gradient enters the momentum buffer with weight 1 − τ (after the first step).</summary>
    public double Dampening { get; }

    /// <summary>True for Nesterov momentum: the step uses g + μb, looking one momentum step ahead.</summary>
    public bool Nesterov { get; }

    /// <summary>The L2 penalty λ added to the gradient as λθ.</summary>
    public double WeightDecay { get; }

    /// <summary>The momentum buffer b of parameter <paramref name="index"/> (a copy), or null before the first step or without momentum.</summary>
    public T[]? MomentumBuffer(int index) => (T[]?)_momentumBuffers[index]?.Clone();

    protected override void Update(Parameter<T> parameter, int index)
    {
        var theta = parameter.Value.Span;
        var grad = parameter.Grad.Span;
        if (Momentum == 0 && WeightDecay == 0)
        {
            Elementwise.AddScaled<T>(grad, T.CreateChecked(-LearningRate), theta);
            return;
        }

        bool first = _momentumBuffers[index] is null;
        var buffer = Momentum == 0 ? null : _momentumBuffers[index] ??= new T[theta.Length];
        var step = new SgdStep<T>(T.CreateChecked(LearningRate), T.CreateChecked(Momentum), T.One - T.CreateChecked(Dampening),
            T.CreateChecked(WeightDecay), first, Nesterov);
        OptimizerKernels.Sgd<T>(theta, grad, buffer, step);      // the update above, vectorised (scalar twin: OptimizerKernelsReference)
    }

    public override string ToString()
    {
        var parts = new List<string> { $"lr: {LearningRate}" };
        if (Momentum != 0) parts.Add($"momentum: {Momentum}");
        if (Dampening != 0) parts.Add($"dampening: {Dampening}");
        if (Nesterov) parts.Add("nesterov");
        if (WeightDecay != 0) parts.Add($"weight decay: {WeightDecay}");
        return $"Sgd({string.Join(", ", parts)})";
    }
}
