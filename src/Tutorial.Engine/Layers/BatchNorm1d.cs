using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Layers;

/// <summary>
/// Batch normalisation of features (Ioffe &amp; Szegedy 2015), as torch.nn.BatchNorm1d on (N, D) inputs.
/// <code>
/// x: (N, D) -> y: (N, D)        γ = weight, β = bias, running_mean, running_var: (D)
///
/// training:  μ  = (1/N) Σₙ x[n, :]            σ² = (1/N) Σₙ (x[n, :] − μ)²      (biased variance normalises)
///            x̂  = (x − μ) / √(σ² + ε)          y  = γ ⊙ x̂ + β
///            running_mean ← (1 − m)·running_mean + m·μ
///            running_var  ← (1 − m)·running_var  + m·σ²·N/(N − 1)             (unbiased variance is tracked)
///            dX = γ / (N√(σ² + ε)) ⊙ (N·dY − Σₙ dY − x̂ ⊙ Σₙ(dY ⊙ x̂))          (μ and σ² depend on x, too)
/// eval:      x̂  = (x − running_mean) / √(running_var + ε),   y = γ ⊙ x̂ + β
///            dX = dY ⊙ γ / √(running_var + ε)                                   (an affine map: constants only)
/// both:      dγ += Σₙ dY ⊙ x̂        dβ += Σₙ dY
/// </code>
/// Sums over n run down the batch, one value per feature. Training needs N ≥ 2 (a single sample has no batch
/// variance; PyTorch refuses it too). The running statistics start at 0 and 1; they are buffers
/// (<see cref="Layer{T}.NamedBuffers"/>), saved with the model but not trained. Only (N, D) inputs are handled,
/// not PyTorch's (N, C, L).
/// </summary>
public sealed class BatchNorm1d<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T>[] _parameters;
    private readonly T _eps, _momentum;
    private Tensor<T>? _xHat;          // x̂ of the last Forward, (N, D)
    private T[]? _invStd;              // 1/√(σ² + ε) per feature, of the statistics the last Forward used
    private bool _batchStatistics;     // whether the last Forward normalised with batch (training) statistics

    /// <summary>
    /// Creates the layer for <paramref name="numFeatures"/> features. ε must be positive (PyTorch's default 1e-5),
    /// the momentum m in [0, 1] (default 0.1); <paramref name="affine"/> adds the learned γ and β.
    /// </summary>
    public BatchNorm1d(int numFeatures, double eps = 1e-5, double momentum = 0.1, bool affine = true)
    {
        if (numFeatures <= 0)
            throw new ArgumentOutOfRangeException(nameof(numFeatures), numFeatures, $"BatchNorm1d needs a positive number of features, got {numFeatures}.");
        if (!(eps > 0) || !double.IsFinite(eps))
            throw new ArgumentOutOfRangeException(nameof(eps), eps, $"BatchNorm1d needs a positive, finite eps, got {eps}.");
        if (!(momentum >= 0 && momentum <= 1))
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, $"BatchNorm1d needs a momentum in [0, 1], got {momentum}.");
        Features = numFeatures;
        Eps = eps;
        Momentum = momentum;
        _eps = T.CreateChecked(eps);
        _momentum = T.CreateChecked(momentum);
        Weight = affine ? new Parameter<T>("weight", Tensor<T>.Ones(numFeatures)) : null;
        Bias = affine ? new Parameter<T>("bias", new Tensor<T>(numFeatures)) : null;
        _parameters = affine ? [Weight!, Bias!] : [];
        RunningMean = new Tensor<T>(numFeatures);
        RunningVar = Tensor<T>.Ones(numFeatures);
    }

    /// <summary>D, the number of features.</summary>
    public int Features { get; }

    /// <summary>ε, added to the variance before the square root.</summary>
    public double Eps { get; }

    /// <summary>m, the weight of the new batch in the running statistics.</summary>
    public double Momentum { get; }

    /// <summary>γ: (D), initially ones; null without affine.</summary>
    public Parameter<T>? Weight { get; }

    /// <summary>β: (D), initially zeros; null without affine.</summary>
    public Parameter<T>? Bias { get; }

    /// <summary>Running mean of the features: (D), used in eval mode.</summary>
    public Tensor<T> RunningMean { get; }

    /// <summary>Running (unbiased) variance of the features: (D), used in eval mode.</summary>
    public Tensor<T> RunningVar { get; }

    public override IReadOnlyList<Parameter<T>> Parameters => _parameters;

    public override IEnumerable<(string Name, Tensor<T> Buffer)> NamedBuffers() =>
        [("running_mean", RunningMean), ("running_var", RunningVar)];

    public override Tensor<T> Forward(Tensor<T> x)
    {
        if (x.Rank != 2 || x.Dim(1) != Features) throw ShapeError("x", x.Shape, $"(N, {Features})");
        int n = x.Rows, d = Features;
        if (Training && n < 2) throw ShapeError("x", x.Shape, $"(N, {Features}) with N ≥ 2 in training mode (batch statistics need more than one sample)");
        var xs = x.Span;
        var mean = new T[d];
        var invStd = new T[d];
        if (Training)
        {
            var variance = new T[d];
            T invN = T.One / T.CreateChecked(n);
            for (int i = 0; i < n; i++)
                for (int j = 0; j < d; j++) mean[j] += xs[i * d + j];
            for (int j = 0; j < d; j++) mean[j] *= invN;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < d; j++)
                {
                    T c = xs[i * d + j] - mean[j];
                    variance[j] += c * c;
                }
            T unbias = T.CreateChecked(n) / T.CreateChecked(n - 1);
            var rm = RunningMean.Span;
            var rv = RunningVar.Span;
            for (int j = 0; j < d; j++)
            {
                variance[j] *= invN;
                invStd[j] = T.One / T.Sqrt(variance[j] + _eps);
                rm[j] = (T.One - _momentum) * rm[j] + _momentum * mean[j];
                rv[j] = (T.One - _momentum) * rv[j] + _momentum * variance[j] * unbias;
            }
        }
        else
        {
            RunningMean.Span.CopyTo(mean);
            var rv = RunningVar.Span;
            for (int j = 0; j < d; j++) invStd[j] = T.One / T.Sqrt(rv[j] + _eps);
        }

        var xHat = new Tensor<T>(n, d);
        var y = new Tensor<T>(n, d);
        var hs = xHat.Span;
        var ys = y.Span;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++)
            {
                T h = (xs[i * d + j] - mean[j]) * invStd[j];
                hs[i * d + j] = h;
                ys[i * d + j] = Weight is null ? h : Weight.Value[j] * h + Bias!.Value[j];
            }
        _xHat = xHat;
        _invStd = invStd;
        _batchStatistics = Training;
        return y;
    }

    public override Tensor<T> Backward(Tensor<T> dY)
    {
        var xHat = RequireForward(_xHat);
        var invStd = _invStd!;
        CheckGradientShape(dY, xHat.Shape);
        int n = xHat.Rows, d = Features;
        var gs = dY.Span;
        var hs = xHat.Span;
        var sumDy = new T[d];
        var sumDyXHat = new T[d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++)
            {
                sumDy[j] += gs[i * d + j];
                sumDyXHat[j] += gs[i * d + j] * hs[i * d + j];
            }
        if (Weight is not null)
        {
            var dGamma = Weight.Grad.Span;
            var dBeta = Bias!.Grad.Span;
            for (int j = 0; j < d; j++)
            {
                dGamma[j] += sumDyXHat[j];
                dBeta[j] += sumDy[j];
            }
        }

        var dX = new Tensor<T>(n, d);
        var ds = dX.Span;
        var scale = new T[d];
        for (int j = 0; j < d; j++) scale[j] = (Weight is null ? T.One : Weight.Value[j]) * invStd[j];
        if (_batchStatistics)
        {
            T nT = T.CreateChecked(n), invN = T.One / nT;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < d; j++)
                    ds[i * d + j] = scale[j] * invN * (nT * gs[i * d + j] - sumDy[j] - hs[i * d + j] * sumDyXHat[j]);
        }
        else
        {
            for (int i = 0; i < n; i++)
                for (int j = 0; j < d; j++) ds[i * d + j] = scale[j] * gs[i * d + j];
        }
        return dX;
    }

    public override string ToString() =>
        $"BatchNorm1d(features: {Features}, eps: {Eps}, momentum: {Momentum}{(Weight is null ? ", affine: false" : "")})";
}
