using System.Numerics;
using Tutorial.Engine.Layers;

namespace Tutorial.Engine.Optimizers;

/// <summary>
/// RMSprop (Hinton, Coursera lecture 6e): divides each coordinate's gradient by a moving root-mean-square of
/// its recent gradients. Exactly PyTorch's <c>torch.optim.RMSprop</c> (1.13); for each parameter θ with gradient g:
/// <code>
/// g ← g + λθ                              weight decay λ (if λ ≠ 0)
/// v ← αv + (1 − α)g²                      smoothing α; v starts at 0
/// centered:  ḡ ← αḡ + (1 − α)g,  a = √(v − ḡ²) + ε      (ḡ starts at 0; v − ḡ² estimates the variance)
/// otherwise: a = √v + ε
/// momentum μ &gt; 0:  b ← μb + g / a,  θ ← θ − ηb       (b starts at 0)
/// otherwise:       θ ← θ − η g / a
/// </code>
/// Shapes: θ, g, v, ḡ, b all have the parameter's shape. Note that ε is added outside the square root
/// (TensorFlow adds it inside).
/// </summary>
public sealed class RmsProp<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[]?[] _squareAverages;
    private readonly T[]?[] _gradientAverages;
    private readonly T[]?[] _momentumBuffers;

    /// <summary>Creates the optimizer with PyTorch's defaults (η = 0.01, α = 0.99, ε = 1e−8, no momentum, not centered).</summary>
    /// <exception cref="ArgumentOutOfRangeException">α is outside [0, 1), ε ≤ 0, or another hyperparameter is negative, NaN or infinite.</exception>
    public RmsProp(IEnumerable<Parameter<T>> parameters, double learningRate = 0.01, double alpha = 0.99, double epsilon = 1e-8,
        double weightDecay = 0, double momentum = 0, bool centered = false) : base(parameters, learningRate)
    {
        Alpha = Require(nameof(alpha), alpha, 0, 1, highInclusive: false);
        Epsilon = RequirePositive(nameof(epsilon), epsilon);
        WeightDecay = RequireNonNegative(nameof(weightDecay), weightDecay);
        Momentum = RequireNonNegative(nameof(momentum), momentum);
        Centered = centered;
        _squareAverages = new T[]?[Parameters.Count];
        _gradientAverages = new T[]?[Parameters.Count];
        _momentumBuffers = new T[]?[Parameters.Count];
    }

    /// <summary>The smoothing constant α of the moving averages.</summary>
    public double Alpha { get; }

    /// <summary>ε, added to the root mean square.</summary>
    public double Epsilon { get; }

    /// <summary>The L2 penalty λ added to the gradient as λθ.</summary>
    public double WeightDecay { get; }

    /// <summary>The momentum factor μ (0: none).</summary>
    public double Momentum { get; }

    /// <summary>True to divide by an estimate of the gradient's standard deviation instead of its root mean square.</summary>
    public bool Centered { get; }

    /// <summary>The moving average of squared gradients v of parameter <paramref name="index"/> (a copy), or null before the first step.</summary>
    public T[]? SquareAverage(int index) => (T[]?)_squareAverages[index]?.Clone();

    protected override void Update(Parameter<T> parameter, int index)
    {
        var theta = parameter.Value.Span;
        var grad = parameter.Grad.Span;
        int n = theta.Length;
        var v = _squareAverages[index] ??= new T[n];
        var gAvg = Centered ? _gradientAverages[index] ??= new T[n] : null;
        var buffer = Momentum > 0 ? _momentumBuffers[index] ??= new T[n] : null;
        T lr = T.CreateChecked(LearningRate);
        T alpha = T.CreateChecked(Alpha);
        T oneMinusAlpha = T.One - alpha;
        T eps = T.CreateChecked(Epsilon);
        T lambda = T.CreateChecked(WeightDecay);
        T mu = T.CreateChecked(Momentum);
        for (int i = 0; i < n; i++)
        {
            T g = grad[i];
            if (WeightDecay != 0) g += lambda * theta[i];
            v[i] = alpha * v[i] + oneMinusAlpha * (g * g);
            T a;
            if (gAvg is not null)
            {
                gAvg[i] = alpha * gAvg[i] + oneMinusAlpha * g;
                a = T.Sqrt(v[i] - gAvg[i] * gAvg[i]) + eps;
            }
            else a = T.Sqrt(v[i]) + eps;

            if (buffer is not null)
            {
                buffer[i] = mu * buffer[i] + g / a;
                theta[i] -= lr * buffer[i];
            }
            else theta[i] -= lr * (g / a);
        }
    }

    public override string ToString() =>
        $"RmsProp(lr: {LearningRate}, alpha: {Alpha}, eps: {Epsilon}, weight decay: {WeightDecay}, momentum: {Momentum}{(Centered ? ", centered" : "")})";
}
