using System.Numerics;
using Tutorial.Engine.Kernels;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Layers;

/// <summary>
/// Elman recurrent layer with tanh (PyTorch's <c>nn.RNN(batch_first=True)</c>), optionally stacked.
/// <code>
/// x: (N, T, D) -> y: (N, T, H) or (N, H)        W_ih: (H, D)  W_hh: (H, H)  b_ih, b_hh: (H)
///
/// forward, t = 0 … T−1, from h_{−1} = h0:
///   a_t = x_t·W_ihᵀ + b_ih + h_{t−1}·W_hhᵀ + b_hh        (N, H)
///   h_t = tanh(a_t)
///
/// backward, t = T−1 … 0, from dh = dHn:
///   dh    += dY_t                    the gradient reaching h_t from outside (output or layer above)
///   da_t   = dh ⊙ (1 − h_t²)        tanh' written with the output
///   dh     = da_t·W_hh               carried to h_{t−1}; after step 0 it is dH0
/// then, over all steps at once:
///   dW_ih += Σ_t da_tᵀ·x_t    dW_hh += Σ_t da_tᵀ·h_{t−1}    db_ih = db_hh += Σ_t Σ_n da_t
///   dX_t   = da_t·W_ih
/// </code>
/// Repeated multiplication by W_hh and tanh' ≤ 1 is why ‖dh‖ shrinks (or grows) geometrically
/// going back in time; <see cref="RecurrentLayer{T}.HiddenGradientNorms"/> shows it.
/// </summary>
public sealed class Rnn<T> : RecurrentLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the stack with weights from U(−1/√H, 1/√H) drawn from <paramref name="rng"/>.</summary>
    public Rnn(int inputSize, int hiddenSize, Rng rng, int numLayers = 1, RecurrentOutput output = RecurrentOutput.Sequence, bool bias = true)
        : base("RNN", 1, inputSize, hiddenSize, rng, numLayers, output, bias)
    {
    }

    private protected override (bool Cell, bool Aux, bool SeparateHiddenGates) Buffers => (false, false, false);

    private protected override void ForwardLayer(int layer, RecurrentWorkspace<T> w)
    {
        int n = w.N, h = HiddenSize;
        // All steps' input part at once: A = X·W_ihᵀ + b_ih + b_hh, (T·N, H).
        ProjectInputs(layer, w, addHiddenBias: true);
        // W_hhᵀ packed for the GEMM once, used by every step.
        var whh = w.HiddenWeights;
        whh.Pack(Weights[layer].WeightHh.Value.Span, h, h, transposeB: true);
        for (int t = 0; t < w.Steps; t++)
        {
            var a = w.Step(w.Gates, t, h);
            // a_t += h_{t−1}·W_hhᵀ
            whh.Multiply(w.HiddenBefore(t), a, n, accumulate: true);
            // h_t = tanh(a_t)
            Activations.Tanh<T>(a, w.HiddenAfter(t));
        }
    }

    private protected override void BackwardLayer(int layer, RecurrentWorkspace<T> w, ReadOnlySpan<T> dOut, Span<double> norms)
    {
        int n = w.N, h = HiddenSize;
        var whh = w.HiddenWeightsBackward;
        whh.Pack(Weights[layer].WeightHh.Value.Span, h, h);
        Span<T> dh = w.DHidden;                              // holds dHn on entry
        for (int t = w.Steps - 1; t >= 0; t--)
        {
            // dh = ∂L/∂h_t: the carried part plus the part from outside
            Elementwise.Add<T>(dh, dOut.Slice(t * n * h, n * h), dh);
            norms[t] = Norm(dh);
            // da_t = dh ⊙ (1 − h_t²)
            var da = w.Step(w.InputGateGradient, t, h);
            Activations.TanhBackward<T>(w.HiddenAfter(t), dh, da);
            // dh_{t−1} = da_t·W_hh
            whh.Multiply(da, dh, n);
        }
        AccumulateGradients(layer, w);
    }
}
