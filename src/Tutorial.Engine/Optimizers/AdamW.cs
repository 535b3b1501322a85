using System.Numerics;
using Tutorial.Engine.Layers;

namespace Tutorial.Engine.Optimizers;

/// <summary>
/// AdamW (Loshchilov and Hutter, 2019): Adam with decoupled weight decay. Before the Adam step every weight
/// shrinks by θ ← θ(1 − ηλ), independently of the gradient, instead of adding λθ to the gradient (where
/// Adam's denominator would rescale it). Exactly PyTorch's <c>torch.optim.AdamW</c> (1.13), whose default
/// λ is 0.01. The full update is in <see cref="AdamBase{T}"/>.
/// </summary>
public sealed class AdamW<T> : AdamBase<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the optimizer with PyTorch's defaults (η = 0.001, β = (0.9, 0.999), ε = 1e−8, λ = 0.01).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A β is outside [0, 1), ε ≤ 0, or λ or η is negative, NaN or infinite.</exception>
    public AdamW(IEnumerable<Parameter<T>> parameters, double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999,
        double epsilon = 1e-8, double weightDecay = 0.01, bool amsGrad = false)
        : base(parameters, learningRate, beta1, beta2, epsilon, weightDecay, amsGrad, decoupledWeightDecay: true) { }
}
