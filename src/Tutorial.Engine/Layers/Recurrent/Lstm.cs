using System.Numerics;
using Tutorial.Engine.Kernels;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Layers;

/// <summary>
/// Long short-term memory (Hochreiter &amp; Schmidhuber 1997, with a forget gate), as PyTorch's
/// <c>nn.LSTM(batch_first=True)</c>, optionally stacked. Gate order in W_ih, W_hh, b_ih, b_hh: i, f, g, o.
/// <code>
/// x: (N, T, D) -> y: (N, T, H) or (N, H)        W_ih: (4H, D)  W_hh: (4H, H)  b_ih, b_hh: (4H)
///
/// forward, t = 0 … T−1, from h_{−1} = h0, c_{−1} = c0:
///   a_t = x_t·W_ihᵀ + b_ih + h_{t−1}·W_hhᵀ + b_hh  = [a_i, a_f, a_g, a_o]   (N, 4H)
///   i = σ(a_i)   f = σ(a_f)   g = tanh(a_g)   o = σ(a_o)
///   c_t = f ⊙ c_{t−1} + i ⊙ g
///   h_t = o ⊙ tanh(c_t)
///
/// backward, t = T−1 … 0, from dh = dHn, dc = dCn:
///   dh  += dY_t                                  ∂L/∂h_t (outside part added to the carried part)
///   do   = dh ⊙ tanh(c_t)
///   dc  += dh ⊙ o ⊙ (1 − tanh²(c_t))            ∂L/∂c_t (carried part plus the path through h_t)
///   di   = dc ⊙ g       df = dc ⊙ c_{t−1}       dg = dc ⊙ i
///   da_i = di ⊙ i(1 − i)   da_f = df ⊙ f(1 − f)   da_g = dg ⊙ (1 − g²)   da_o = do ⊙ o(1 − o)
///   dc   = dc ⊙ f                                carried to c_{t−1}; after step 0 it is dC0
///   dh   = da_t·W_hh                             carried to h_{t−1}; after step 0 it is dH0
/// then, over all steps at once:
///   dW_ih += Σ_t da_tᵀ·x_t    dW_hh += Σ_t da_tᵀ·h_{t−1}    db_ih = db_hh += Σ_t Σ_n da_t
///   dX_t   = da_t·W_ih
/// </code>
/// The cell path c_{t−1} → c_t is multiplied only by f (no squashing, no W_hh), which is why
/// gradients survive over long spans when the forget gate stays open.
/// </summary>
public sealed class Lstm<T> : RecurrentLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the stack with weights from U(−1/√H, 1/√H) drawn from <paramref name="rng"/>.</summary>
    public Lstm(int inputSize, int hiddenSize, Rng rng, int numLayers = 1, RecurrentOutput output = RecurrentOutput.Sequence, bool bias = true)
        : base("LSTM", 4, inputSize, hiddenSize, rng, numLayers, output, bias)
    {
    }

    public override bool HasCellState => true;

    // Aux keeps tanh(c_t) for the backward pass.
    private protected override (bool Cell, bool Aux, bool SeparateHiddenGates) Buffers => (true, true, false);

    private protected override void ForwardLayer(int layer, RecurrentWorkspace<T> w)
    {
        int n = w.N, h = HiddenSize, gh = 4 * h;
        // All steps' input part at once: A = X·W_ihᵀ + b_ih + b_hh, (T·N, 4H).
        ProjectInputs(layer, w, addHiddenBias: true);
        // W_hhᵀ packed for the GEMM once, used by every step.
        var whh = w.HiddenWeights;
        whh.Pack(Weights[layer].WeightHh.Value.Span, h, gh, transposeB: true);
        for (int t = 0; t < w.Steps; t++)
        {
            var a = w.Step(w.Gates, t, gh);
            // a_t += h_{t−1}·W_hhᵀ
            whh.Multiply(w.HiddenBefore(t), a, n, accumulate: true);
            // One fused pass over the step (gates activated in place, kept for Backward):
            //   i = σ(a_i)  f = σ(a_f)  g = tanh(a_g)  o = σ(a_o)
            //   c_t = f ⊙ c_{t−1} + i ⊙ g    h_t = o ⊙ tanh(c_t)    (tanh(c_t) kept in Aux)
            LstmCell.Forward<T>(a, w.CellBefore(t), w.CellAfter(t), w.Step(w.Aux, t, h), w.HiddenAfter(t), n, h);
        }
    }

    private protected override void BackwardLayer(int layer, RecurrentWorkspace<T> w, ReadOnlySpan<T> dOut, Span<double> norms)
    {
        int n = w.N, h = HiddenSize, gh = 4 * h;
        var whh = w.HiddenWeightsBackward;
        whh.Pack(Weights[layer].WeightHh.Value.Span, gh, h);
        Span<T> dh = w.DHidden;                              // holds dHn on entry
        Span<T> dc = w.DCell;                                // holds dCn on entry
        for (int t = w.Steps - 1; t >= 0; t--)
        {
            // dh = ∂L/∂h_t: the carried part plus the part from outside
            Elementwise.Add<T>(dh, dOut.Slice(t * n * h, n * h), dh);
            norms[t] = Norm(dh);
            var da = w.Step(w.InputGateGradient, t, gh);
            // One fused pass over the step (i, f, g, o from Forward):
            //   do = dh ⊙ tanh(c_t)    dc += dh ⊙ o ⊙ (1 − tanh²(c_t))
            //   da_i = dc ⊙ g ⊙ i(1 − i)   da_f = dc ⊙ c_{t−1} ⊙ f(1 − f)   da_g = dc ⊙ i ⊙ (1 − g²)   da_o = do ⊙ o(1 − o)
            //   dc = dc ⊙ f                 (carried to c_{t−1})
            LstmCell.Backward<T>(w.Step(w.Gates, t, gh), w.CellBefore(t), w.Step(w.Aux, t, h), dh, dc, da, n, h);
            // dh_{t−1} = da_t·W_hh
            whh.Multiply(da, dh, n);
        }
        AccumulateGradients(layer, w);
    }
}
