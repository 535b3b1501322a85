using System.Numerics;
using Tutorial.Engine.Layers;

namespace Tutorial.Engine.Optimizers;

/// <summary>
/// Adam (Kingma and Ba, 2015): momentum on the gradient (first moment m) divided by a root-mean-square
/// (second moment v), both bias-corrected. Exactly PyTorch's <c>torch.optim.Adam</c> (1.13); weight decay λ
/// is an L2 penalty added to the gradient, g ← g + λθ, so it is rescaled by the adaptive denominator
/// (use <see cref="AdamW{T}"/> for decoupled decay). The full update is in <see cref="AdamBase{T}"/>.
/// </summary>
public sealed class Adam<T> : AdamBase<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the optimizer with PyTorch's defaults (η = 0.001, β = (0.9, 0.999), ε = 1e−8, λ = 0).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A β is outside [0, 1), ε ≤ 0, or λ or η is negative, NaN or infinite.</exception>
    public Adam(IEnumerable<Parameter<T>> parameters, double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999,
        double epsilon = 1e-8, double weightDecay = 0, bool amsGrad = false)
        : base(parameters, learningRate, beta1, beta2, epsilon, weightDecay, amsGrad, decoupledWeightDecay: false) { }
}
