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
        var whh = Weights[layer].WeightHh.Value.Span;
        int n = w.N, h = HiddenSize, gh = 4 * h;
        // All steps' input part at once: A = X·W_ihᵀ + b_ih + b_hh, (T·N, 4H).
        ProjectInputs(layer, w, addHiddenBias: true);
        for (int t = 0; t < w.Steps; t++)
        {
            var a = w.Step(w.Gates, t, gh);
            // a_t += h_{t−1}·W_hhᵀ
            Gemm.Multiply<T>(w.HiddenBefore(t), whh, a, n, gh, h, transposeB: true, accumulate: true);
            // One pass: the gate nonlinearities (stored over the pre-activations), c_t, tanh(c_t), h_t.
            var cPrev = w.CellBefore(t);
            var cNew = w.CellAfter(t);
            var hNew = w.HiddenAfter(t);
            var tanhC = w.Step(w.Aux, t, h);
            for (int s = 0; s < n; s++)
            {
                var row = a.Slice(s * gh, gh);
                int o = s * h;
                for (int j = 0; j < h; j++)
                {
                    T i = Sigmoid(row[j]);
                    T f = Sigmoid(row[h + j]);
                    T g = T.Tanh(row[2 * h + j]);
                    T og = Sigmoid(row[3 * h + j]);
                    row[j] = i;
                    row[h + j] = f;
                    row[2 * h + j] = g;
                    row[3 * h + j] = og;
                    T c = f * cPrev[o + j] + i * g;
                    T tc = T.Tanh(c);
                    cNew[o + j] = c;
                    tanhC[o + j] = tc;
                    hNew[o + j] = og * tc;
                }
            }
        }
    }

    private protected override void BackwardLayer(int layer, RecurrentWorkspace<T> w, ReadOnlySpan<T> dOut, Span<double> norms)
    {
        var whh = Weights[layer].WeightHh.Value.Span;
        int n = w.N, h = HiddenSize, gh = 4 * h;
        Span<T> dh = w.DHidden;                              // holds dHn on entry
        Span<T> dc = w.DCell;                                // holds dCn on entry
        for (int t = w.Steps - 1; t >= 0; t--)
        {
            Elementwise.Add<T>(dh, dOut.Slice(t * n * h, n * h), dh);
            norms[t] = Norm(dh);
            var gates = w.Step(w.Gates, t, gh);              // i, f, g, o of step t
            var da = w.Step(w.InputGateGradient, t, gh);
            var cPrev = w.CellBefore(t);
            var tanhC = w.Step(w.Aux, t, h);
            for (int s = 0; s < n; s++)
            {
                var row = gates.Slice(s * gh, gh);
                var dRow = da.Slice(s * gh, gh);
                int o = s * h;
                for (int j = 0; j < h; j++)
                {
                    T i = row[j], f = row[h + j], g = row[2 * h + j], og = row[3 * h + j];
                    T tc = tanhC[o + j], dhj = dh[o + j];
                    T dO = dhj * tc;
                    T dC = dc[o + j] + dhj * og * (T.One - tc * tc);
                    T dI = dC * g, dF = dC * cPrev[o + j], dG = dC * i;
                    dRow[j] = dI * i * (T.One - i);
                    dRow[h + j] = dF * f * (T.One - f);
                    dRow[2 * h + j] = dG * (T.One - g * g);
                    dRow[3 * h + j] = dO * og * (T.One - og);
                    dc[o + j] = dC * f;
                }
            }
            // dh_{t−1} = da_t·W_hh
            Gemm.Multiply<T>(da, whh, dh, n, h, gh);
        }
        AccumulateGradients(layer, w);
    }
}
