using System.Numerics;
using Tutorial.Engine.Kernels;
using Tutorial.Engine.Layers;

namespace Tutorial.Engine.Optimizers;

/// <summary>
/// The update shared by <see cref="Adam{T}"/> and <see cref="AdamW{T}"/>, which differ only in how weight decay enters.
/// For step t = 1, 2, … and each parameter θ with gradient g (PyTorch 1.13's single-tensor code):
/// <code>
/// Adam:   g ← g + λθ                        (L2 penalty through the gradient)
/// AdamW:  θ ← θ (1 − ηλ)                     (decoupled: shrink the weights directly)
/// m ← β₁m + (1 − β₁)g                      first moment, starts at 0
/// v ← β₂v + (1 − β₂)g²                     second moment, starts at 0
/// v̂ ← max(v̂, v) if AMSGrad, else v̂ = v     (v̂ starts at 0)
/// θ ← θ − (η / (1 − β₁ᵗ)) · m / (√v̂ / √(1 − β₂ᵗ) + ε)
/// </code>
/// Shapes: θ, g, m, v, v̂ all have the parameter's shape. The factors 1 − βᵗ undo the bias of moments that start at 0.
/// </summary>
public abstract class AdamBase<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[]?[] _firstMoments;
    private readonly T[]?[] _secondMoments;
    private readonly T[]?[] _maxSecondMoments;
    private readonly bool _decoupled;

    private protected AdamBase(IEnumerable<Parameter<T>> parameters, double learningRate, double beta1, double beta2,
        double epsilon, double weightDecay, bool amsGrad, bool decoupledWeightDecay) : base(parameters, learningRate)
    {
        Beta1 = Require(nameof(beta1), beta1, 0, 1, highInclusive: false);
        Beta2 = Require(nameof(beta2), beta2, 0, 1, highInclusive: false);
        Epsilon = RequirePositive(nameof(epsilon), epsilon);
        WeightDecay = RequireNonNegative(nameof(weightDecay), weightDecay);
        AmsGrad = amsGrad;
        _decoupled = decoupledWeightDecay;
        _firstMoments = new T[]?[Parameters.Count];
        _secondMoments = new T[]?[Parameters.Count];
        _maxSecondMoments = new T[]?[Parameters.Count];
    }

    /// <summary>β₁, the decay of the first-moment (mean) estimate.</summary>
    public double Beta1 { get; }

    /// <summary>β₂, the decay of the second-moment (uncentered variance) estimate.</summary>
    public double Beta2 { get; }

    /// <summary>ε, added to the denominator.</summary>
    public double Epsilon { get; }

    /// <summary>The weight decay λ (L2 through the gradient for Adam, decoupled for AdamW).</summary>
    public double WeightDecay { get; }

    /// <summary>True for the AMSGrad variant (Reddi et al., 2018): divide by the largest second moment seen so far.</summary>
    public bool AmsGrad { get; }

    /// <summary>The first moment m of parameter <paramref name="index"/> (a copy), or null before the first step.</summary>
    public T[]? FirstMoment(int index) => (T[]?)_firstMoments[index]?.Clone();

    /// <summary>The second moment v of parameter <paramref name="index"/> (a copy), or null before the first step.</summary>
    public T[]? SecondMoment(int index) => (T[]?)_secondMoments[index]?.Clone();

    protected sealed override void Update(Parameter<T> parameter, int index)
    {
        var theta = parameter.Value.Span;
        var grad = parameter.Grad.Span;
        int n = theta.Length;
        var m = _firstMoments[index] ??= new T[n];
        var v = _secondMoments[index] ??= new T[n];
        var vMax = AmsGrad ? _maxSecondMoments[index] ??= new T[n] : null;

        double biasCorrection1 = 1 - Math.Pow(Beta1, StepCount);
        double biasCorrection2 = 1 - Math.Pow(Beta2, StepCount);
        T stepSize = T.CreateChecked(LearningRate / biasCorrection1);
        T sqrtBias2 = T.CreateChecked(Math.Sqrt(biasCorrection2));
        var step = new AdamStep<T>(stepSize, sqrtBias2, T.CreateChecked(Beta1), T.CreateChecked(Beta2), T.CreateChecked(Epsilon),
            T.CreateChecked(WeightDecay), T.CreateChecked(1 - LearningRate * WeightDecay), _decoupled);
        OptimizerKernels.Adam<T>(theta, grad, m, v, vMax, step);   // vectorised; scalar twin: OptimizerKernelsReference.Adam
    }

    public override string ToString() =>
        $"{Name}(lr: {LearningRate}, betas: ({Beta1}, {Beta2}), eps: {Epsilon}, weight decay: {WeightDecay}{(AmsGrad ? ", amsgrad" : "")})";
}
