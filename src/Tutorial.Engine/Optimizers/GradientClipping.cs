using System.Numerics;
using Tutorial.Engine.Layers;

namespace Tutorial.Engine.Optimizers;

/// <summary>
/// Gradient clipping, applied between the backward pass and <see cref="Optimizer{T}.Step"/> to keep exploding
/// gradients (typical of RNNs) from throwing the parameters far away.
/// <code>
/// by global norm:  ‖g‖ = (Σ over every element of every gradient |gᵢ|^p)^(1/p)    (p = 2 by default; p = ∞: maxᵢ |gᵢ|)
///                  c = max_norm / (‖g‖ + 1e−6);   if c &lt; 1: g ← c·g              (direction kept, length ≈ max_norm)
/// by value:        gᵢ ← min(max(gᵢ, −v), v)                                       (each element separately; direction changes)
/// </code>
/// These match <c>torch.nn.utils.clip_grad_norm_</c> and <c>clip_grad_value_</c> (1.13), including the 1e−6.
/// The norms are accumulated in double whatever T is.
/// </summary>
public static class GradientClipping
{
    /// <summary>The constant PyTorch adds to the norm before dividing.</summary>
    public const double NormEpsilon = 1e-6;

    /// <summary>The p-norm of all gradients together, as if concatenated into one vector (p = ∞ for the largest magnitude).</summary>
    public static double GlobalNorm<T>(IEnumerable<Parameter<T>> parameters, double normType = 2) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(normType > 0))
            throw new ArgumentOutOfRangeException(nameof(normType), normType, $"Gradient clipping: the norm type p must be positive (or ∞), got {normType}.");
        bool infinity = double.IsPositiveInfinity(normType);
        double acc = 0;
        foreach (var p in parameters)
        {
            foreach (var gi in p.Grad.Span)
            {
                double a = Math.Abs(double.CreateChecked(gi));
                if (infinity) acc = double.IsNaN(a) || double.IsNaN(acc) ? double.NaN : Math.Max(acc, a);
                else acc += normType == 2 ? a * a : normType == 1 ? a : Math.Pow(a, normType);
            }
        }
        if (infinity || normType == 1) return acc;
        return normType == 2 ? Math.Sqrt(acc) : Math.Pow(acc, 1 / normType);
    }

    /// <summary>
    /// Scales all gradients together so their global <paramref name="normType"/>-norm is at most <paramref name="maxNorm"/>,
    /// and returns the norm before clipping (useful to log and plot). As in PyTorch, a NaN or infinite norm makes the
    /// gradients NaN or zero unless <paramref name="errorIfNonFinite"/> asks for an exception instead.
    /// </summary>
    public static double ClipByGlobalNorm<T>(IEnumerable<Parameter<T>> parameters, double maxNorm, double normType = 2,
        bool errorIfNonFinite = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(maxNorm >= 0) || double.IsInfinity(maxNorm))
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, $"Gradient clipping: max norm must be zero or positive and finite, got {maxNorm}.");
        var list = parameters as IReadOnlyList<Parameter<T>> ?? parameters.ToArray();
        double total = GlobalNorm(list, normType);
        if (errorIfNonFinite && !double.IsFinite(total))
            throw new ArithmeticException($"Gradient clipping: the total gradient norm (p = {normType}) is {total}, so it cannot be clipped.");
        double coefficient = maxNorm / (total + NormEpsilon);
        if (!(coefficient >= 1))   // also taken for NaN, which then spreads into the gradients as in PyTorch
        {
            T c = T.CreateChecked(coefficient);
            foreach (var p in list)
            {
                var g = p.Grad.Span;
                for (int i = 0; i < g.Length; i++) g[i] *= c;
            }
        }
        return total;
    }

    /// <summary>Clamps every gradient element into [−<paramref name="clipValue"/>, <paramref name="clipValue"/>].</summary>
    public static void ClipByValue<T>(IEnumerable<Parameter<T>> parameters, double clipValue) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(clipValue >= 0) || double.IsInfinity(clipValue))
            throw new ArgumentOutOfRangeException(nameof(clipValue), clipValue, $"Gradient clipping: the clip value must be zero or positive and finite, got {clipValue}.");
        T hi = T.CreateChecked(clipValue), lo = -hi;
        foreach (var p in parameters)
        {
            var g = p.Grad.Span;
            for (int i = 0; i < g.Length; i++)
                if (g[i] > hi) g[i] = hi;
                else if (g[i] < lo) g[i] = lo;
        }
    }
}
