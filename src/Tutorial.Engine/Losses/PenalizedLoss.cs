using System.Numerics;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Losses;

/// <summary>
/// A data loss plus L1 and L2 penalties on chosen parameters (usually the weights, not the biases):
/// <code>
/// L  = L_data(prediction, target) + λ₁ Σ |θ| + (λ₂/2) Σ θ²          sums over every element of every penalised θ
/// ∂L/∂prediction = ∂L_data/∂prediction                                 (what Backward returns)
/// ∂L/∂θ         += λ₁ sign(θ) + λ₂ θ                                   (what Backward adds into each θ.Grad; sign(0) = 0)
/// </code>
/// The L2 term's gradient λ₂θ is exactly what <see cref="Optimizers.Sgd{T}"/>'s <c>weightDecay: λ₂</c> adds, so
/// <c>PenalizedLoss(l2: λ)</c> with plain SGD takes the same steps as <c>Sgd(weightDecay: λ)</c>.
/// <para>Backward writes into the parameters' gradients, so call it after zeroing them and before the model's
/// Backward adds the data gradient, as <see cref="Training.Trainer{T}"/> does
/// (<c>ZeroGrad(); model.Backward(loss.Backward())</c>).</para>
/// </summary>
public sealed class PenalizedLoss<T> : Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T>[] _penalised;
    private readonly T _l1, _l2;
    private bool _forwardRan;

    /// <summary>
    /// Wraps <paramref name="dataLoss"/>; <paramref name="parameters"/> are the penalised parameters, λ₁ = <paramref name="l1"/>
    /// and λ₂ = <paramref name="l2"/> must be zero or positive and finite.
    /// </summary>
    public PenalizedLoss(Loss<T> dataLoss, IEnumerable<Parameter<T>> parameters, double l1 = 0, double l2 = 0)
    {
        DataLoss = dataLoss ?? throw new ArgumentNullException(nameof(dataLoss));
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(l1 >= 0) || double.IsInfinity(l1)) throw new ArgumentOutOfRangeException(nameof(l1), l1, $"PenalizedLoss needs λ₁ ≥ 0 and finite, got {l1}.");
        if (!(l2 >= 0) || double.IsInfinity(l2)) throw new ArgumentOutOfRangeException(nameof(l2), l2, $"PenalizedLoss needs λ₂ ≥ 0 and finite, got {l2}.");
        _penalised = parameters.ToArray();
        L1 = l1;
        L2 = l2;
        _l1 = T.CreateChecked(l1);
        _l2 = T.CreateChecked(l2);
    }

    /// <summary>The weights of every <see cref="Linear{T}"/> layer in <paramref name="model"/> (biases and batch-norm parameters are left out).</summary>
    public static IReadOnlyList<Parameter<T>> LinearWeights(Layer<T> model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model is Sequential<T> s
            ? s.Layers.SelectMany(LinearWeights).ToArray()
            : model is Linear<T> linear ? [linear.Weight] : [];
    }

    /// <summary>The wrapped data loss.</summary>
    public Loss<T> DataLoss { get; }

    public override bool ReuseBuffers
    {
        get => DataLoss.ReuseBuffers;
        set => DataLoss.ReuseBuffers = value;
    }

    /// <summary>λ₁, the weight of Σ|θ|.</summary>
    public double L1 { get; }

    /// <summary>λ₂; the penalty is (λ₂/2) Σ θ².</summary>
    public double L2 { get; }

    /// <summary>The penalised parameters.</summary>
    public IReadOnlyList<Parameter<T>> Penalised => _penalised;

    /// <summary>The data loss of the last Forward, without the penalty.</summary>
    public T LastDataLoss { get; private set; }

    /// <summary>The penalty λ₁ Σ|θ| + (λ₂/2) Σ θ² at the parameters' current values.</summary>
    public T Penalty()
    {
        T abs = T.Zero, squares = T.Zero;
        foreach (var p in _penalised)
            foreach (T v in p.Value.Span)
            {
                abs += T.Abs(v);
                squares += v * v;
            }
        return _l1 * abs + _l2 * squares / T.CreateChecked(2);
    }

    public override T Forward(Tensor<T> prediction, Tensor<T> target)
    {
        LastDataLoss = DataLoss.Forward(prediction, target);
        _forwardRan = true;
        return LastDataLoss + Penalty();
    }

    public override Tensor<T> Backward()
    {
        if (!_forwardRan) throw new InvalidOperationException($"{this}: Backward was called before Forward.");
        foreach (var p in _penalised)
        {
            var theta = p.Value.Span;
            var grad = p.Grad.Span;
            for (int i = 0; i < theta.Length; i++) grad[i] += _l1 * T.CreateChecked(T.Sign(theta[i])) + _l2 * theta[i];
        }
        return DataLoss.Backward();
    }

    public override string ToString() => $"PenalizedLoss({DataLoss}, λ₁: {L1}, λ₂: {L2}, {_penalised.Length} parameters)";
}
