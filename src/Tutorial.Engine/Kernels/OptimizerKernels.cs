using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tutorial.Engine.Kernels;

/// <summary>The hyperparameters of one SGD update (see <see cref="Optimizers.Sgd{T}"/>).</summary>
/// <param name="LearningRate">η.</param>
/// <param name="Momentum">μ (0: no buffer).</param>
/// <param name="Keep">1 − τ, the weight of a new gradient in the momentum buffer.</param>
/// <param name="WeightDecay">λ.</param>
/// <param name="FirstStep">The buffer starts as g (no μb term).</param>
/// <param name="Nesterov">Step with g + μb instead of b.</param>
public readonly record struct SgdStep<T>(T LearningRate, T Momentum, T Keep, T WeightDecay, bool FirstStep, bool Nesterov)
    where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>The hyperparameters of one Adam / AdamW update (see <see cref="Optimizers.AdamBase{T}"/>).</summary>
/// <param name="StepSize">η / (1 − β₁ᵗ).</param>
/// <param name="SqrtBias2">√(1 − β₂ᵗ).</param>
/// <param name="Beta1">β₁.</param>
/// <param name="Beta2">β₂.</param>
/// <param name="Epsilon">ε.</param>
/// <param name="WeightDecay">λ, added to the gradient as λθ (Adam) unless <paramref name="Decoupled"/>.</param>
/// <param name="Shrink">1 − ηλ, multiplied into θ first when <paramref name="Decoupled"/> (AdamW).</param>
/// <param name="Decoupled">AdamW's decoupled weight decay.</param>
public readonly record struct AdamStep<T>(T StepSize, T SqrtBias2, T Beta1, T Beta2, T Epsilon, T WeightDecay, T Shrink, bool Decoupled)
    where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>
/// Parameter updates of the optimizers, vectorised with <see cref="Vector{T}"/> (full vectors, then a scalar tail).
/// Each vector body does the same operations in the same order as its scalar twin in
/// <see cref="OptimizerKernelsReference"/> (no fused multiply-adds), so the results are bitwise equal, which the
/// tests check.
/// </summary>
public static class OptimizerKernels
{
    /// <summary>
    /// SGD on one parameter: g = grad + λθ; b = g (first step) or μb + (1 − τ)g; g = g + μb (Nesterov) or b
    /// (with momentum); θ −= ηg. <paramref name="buffer"/> is empty without momentum.
    /// </summary>
    public static void Sgd<T>(Span<T> theta, ReadOnlySpan<T> grad, Span<T> buffer, in SgdStep<T> h) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OptimizerKernelsReference.CheckLengths(theta.Length, grad.Length, buffer.Length, buffer.IsEmpty);
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var vt = MemoryMarshal.Cast<T, Vector<T>>(theta);
            var vg = MemoryMarshal.Cast<T, Vector<T>>(grad);
            var vb = MemoryMarshal.Cast<T, Vector<T>>(buffer);
            var lr = new Vector<T>(h.LearningRate);
            var mu = new Vector<T>(h.Momentum);
            var keep = new Vector<T>(h.Keep);
            var lambda = new Vector<T>(h.WeightDecay);
            bool decay = h.WeightDecay != T.Zero, momentum = !buffer.IsEmpty;
            for (int v = 0; v < vt.Length; v++)
            {
                var g = vg[v];
                if (decay) g += lambda * vt[v];
                if (momentum)
                {
                    vb[v] = h.FirstStep ? g : mu * vb[v] + keep * g;
                    g = h.Nesterov ? g + mu * vb[v] : vb[v];
                }
                vt[v] -= lr * g;
            }
            i = vt.Length * Vector<T>.Count;
        }
        OptimizerKernelsReference.SgdRange(theta, grad, buffer, h, i);
    }

    /// <summary>
    /// Adam on one parameter: g = grad (+ λθ, or θ ·= 1 − ηλ when decoupled); m = β₁m + (1 − β₁)g;
    /// v = β₂v + (1 − β₂)g²; v̂ = max(v̂, v) with AMSGrad; θ −= stepSize · m / (√v̂ / √(1 − β₂ᵗ) + ε).
    /// <paramref name="vMax"/> is empty without AMSGrad.
    /// </summary>
    public static void Adam<T>(Span<T> theta, ReadOnlySpan<T> grad, Span<T> m, Span<T> v, Span<T> vMax, in AdamStep<T> h)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        OptimizerKernelsReference.CheckLengths(theta.Length, grad.Length, m.Length, false);
        OptimizerKernelsReference.CheckLengths(theta.Length, v.Length, vMax.Length, vMax.IsEmpty);
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var vt = MemoryMarshal.Cast<T, Vector<T>>(theta);
            var vg = MemoryMarshal.Cast<T, Vector<T>>(grad);
            var vm = MemoryMarshal.Cast<T, Vector<T>>(m);
            var vv = MemoryMarshal.Cast<T, Vector<T>>(v);
            var vx = MemoryMarshal.Cast<T, Vector<T>>(vMax);
            var beta1 = new Vector<T>(h.Beta1);
            var beta2 = new Vector<T>(h.Beta2);
            var oneMinusBeta1 = new Vector<T>(T.One - h.Beta1);
            var oneMinusBeta2 = new Vector<T>(T.One - h.Beta2);
            var lambda = new Vector<T>(h.WeightDecay);
            var shrink = new Vector<T>(h.Shrink);
            var sqrtBias2 = new Vector<T>(h.SqrtBias2);
            var eps = new Vector<T>(h.Epsilon);
            var stepSize = new Vector<T>(h.StepSize);
            bool decay = h.WeightDecay != T.Zero, ams = !vMax.IsEmpty;
            for (int k = 0; k < vt.Length; k++)
            {
                var g = vg[k];
                if (decay)
                {
                    if (h.Decoupled) vt[k] *= shrink;
                    else g += lambda * vt[k];
                }
                vm[k] = beta1 * vm[k] + oneMinusBeta1 * g;
                vv[k] = beta2 * vv[k] + oneMinusBeta2 * (g * g);
                var second = vv[k];
                if (ams)
                {
                    vx[k] = Vector.Max(vx[k], vv[k]);
                    second = vx[k];
                }
                var denominator = Vector.SquareRoot(second) / sqrtBias2 + eps;
                vt[k] -= stepSize * (vm[k] / denominator);
            }
            i = vt.Length * Vector<T>.Count;
        }
        OptimizerKernelsReference.AdamRange(theta, grad, m, v, vMax, h, i);
    }
}

/// <summary>The scalar twins of <see cref="OptimizerKernels"/> (also their tails).</summary>
public static class OptimizerKernelsReference
{
    /// <summary>SGD on one parameter, element by element; see <see cref="OptimizerKernels.Sgd{T}"/>.</summary>
    public static void Sgd<T>(Span<T> theta, ReadOnlySpan<T> grad, Span<T> buffer, in SgdStep<T> h) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(theta.Length, grad.Length, buffer.Length, buffer.IsEmpty);
        SgdRange(theta, grad, buffer, h, 0);
    }

    /// <summary>Adam on one parameter, element by element; see <see cref="OptimizerKernels.Adam{T}"/>.</summary>
    public static void Adam<T>(Span<T> theta, ReadOnlySpan<T> grad, Span<T> m, Span<T> v, Span<T> vMax, in AdamStep<T> h)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(theta.Length, grad.Length, m.Length, false);
        CheckLengths(theta.Length, v.Length, vMax.Length, vMax.IsEmpty);
        AdamRange(theta, grad, m, v, vMax, h, 0);
    }

    internal static void SgdRange<T>(Span<T> theta, ReadOnlySpan<T> grad, Span<T> buffer, in SgdStep<T> h, int start)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool decay = h.WeightDecay != T.Zero, momentum = !buffer.IsEmpty;
        for (int i = start; i < theta.Length; i++)
        {
            T g = grad[i];
            if (decay) g += h.WeightDecay * theta[i];
            if (momentum)
            {
                buffer[i] = h.FirstStep ? g : h.Momentum * buffer[i] + h.Keep * g;
                g = h.Nesterov ? g + h.Momentum * buffer[i] : buffer[i];
            }
            theta[i] -= h.LearningRate * g;
        }
    }

    internal static void AdamRange<T>(Span<T> theta, ReadOnlySpan<T> grad, Span<T> m, Span<T> v, Span<T> vMax, in AdamStep<T> h, int start)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool decay = h.WeightDecay != T.Zero, ams = !vMax.IsEmpty;
        T oneMinusBeta1 = T.One - h.Beta1, oneMinusBeta2 = T.One - h.Beta2;
        for (int i = start; i < theta.Length; i++)
        {
            T g = grad[i];
            if (decay)
            {
                if (h.Decoupled) theta[i] *= h.Shrink;
                else g += h.WeightDecay * theta[i];
            }
            m[i] = h.Beta1 * m[i] + oneMinusBeta1 * g;
            v[i] = h.Beta2 * v[i] + oneMinusBeta2 * (g * g);
            T second = v[i];
            if (ams)
            {
                vMax[i] = T.Max(vMax[i], v[i]);
                second = vMax[i];
            }
            T denominator = T.Sqrt(second) / h.SqrtBias2 + h.Epsilon;
            theta[i] -= h.StepSize * (m[i] / denominator);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void CheckLengths(int theta, int grad, int state, bool stateOptional)
    {
        if (theta != grad || (!stateOptional && state != theta))
            throw new ArgumentException($"Optimizer kernel needs equal lengths, got {theta}, {grad} and {state}.");
    }
}
