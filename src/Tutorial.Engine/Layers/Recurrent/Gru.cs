using System.Numerics;
using Tutorial.Engine.Kernels;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Layers;

/// <summary>
/// Gated recurrent unit (Cho et al. 2014) exactly as PyTorch's <c>nn.GRU(batch_first=True)</c>,
/// optionally stacked. Gate order in W_ih, W_hh, b_ih, b_hh: r, z, n. Note where the reset gate acts:
/// on W_hn·h + b_hn, after the matrix product (PyTorch's and cuDNN's variant, not the paper's r ⊙ h).
/// <code>
/// x: (N, T, D) -> y: (N, T, H) or (N, H)        W_ih: (3H, D)  W_hh: (3H, H)  b_ih, b_hh: (3H)
///
/// forward, t = 0 … T−1, from h_{−1} = h0, with u_t = x_t·W_ihᵀ + b_ih and v_t = h_{t−1}·W_hhᵀ + b_hh (N, 3H):
///   r   = σ(u_r + v_r)                   = σ(W_ir x + b_ir + W_hr h + b_hr)
///   z   = σ(u_z + v_z)                   = σ(W_iz x + b_iz + W_hz h + b_hz)
///   n   = tanh(u_n + r ⊙ v_n)            = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
///   h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}
///
/// backward, t = T−1 … 0, from dh = dHn:
///   dh  += dY_t                           ∂L/∂h_t
///   da_n = dh ⊙ (1 − z) ⊙ (1 − n²)       ∂L/∂(u_n + r ⊙ v_n)
///   da_z = dh ⊙ (h_{t−1} − n) ⊙ z(1 − z)
///   da_r = da_n ⊙ v_n ⊙ r(1 − r)
///   du_t = [da_r, da_z, da_n]             ∂L/∂u_t
///   dv_t = [da_r, da_z, da_n ⊙ r]         ∂L/∂v_t
///   dh   = dh ⊙ z + dv_t·W_hh             carried to h_{t−1}; after step 0 it is dH0
/// then, over all steps at once:
///   dW_ih += Σ_t du_tᵀ·x_t    db_ih += Σ_t Σ_n du_t    dX_t = du_t·W_ih
///   dW_hh += Σ_t dv_tᵀ·h_{t−1}    db_hh += Σ_t Σ_n dv_t
/// </code>
/// </summary>
public sealed class Gru<T> : RecurrentLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the stack with weights from U(−1/√H, 1/√H) drawn from <paramref name="rng"/>.</summary>
    public Gru(int inputSize, int hiddenSize, Rng rng, int numLayers = 1, RecurrentOutput output = RecurrentOutput.Sequence, bool bias = true)
        : base("GRU", 3, inputSize, hiddenSize, rng, numLayers, output, bias)
    {
    }

    // Aux keeps v_n = W_hn·h_{t−1} + b_hn; the hidden part v_t has its own gradient buffer.
    private protected override (bool Cell, bool Aux, bool SeparateHiddenGates) Buffers => (false, true, true);

    private protected override void ForwardLayer(int layer, RecurrentWorkspace<T> w)
    {
        var p = Weights[layer];
        int n = w.N, h = HiddenSize, gh = 3 * h;
        // All steps' input part at once: U = X·W_ihᵀ + b_ih, (T·N, 3H). b_hh stays with v (it is gated by r).
        ProjectInputs(layer, w, addHiddenBias: false);
        // W_hhᵀ packed for the GEMM once, used by every step.
        var whh = w.HiddenWeights;
        whh.Pack(p.WeightHh.Value.Span, h, gh, transposeB: true);
        Span<T> v = w.StepGates;
        for (int t = 0; t < w.Steps; t++)
        {
            var u = w.Step(w.Gates, t, gh);
            // v_t = h_{t−1}·W_hhᵀ + b_hh
            if (p.BiasHh is null) v.Clear();
            else for (int s = 0; s < n; s++) p.BiasHh.Value.Span.CopyTo(v.Slice(s * gh, gh));
            var hPrev = w.HiddenBefore(t);
            whh.Multiply(hPrev, v, n, accumulate: true);
            // One pass: r, z, n (stored over u), v_n (kept in Aux), h_t.
            var hNew = w.HiddenAfter(t);
            var vn = w.Step(w.Aux, t, h);
            for (int s = 0; s < n; s++)
            {
                var uRow = u.Slice(s * gh, gh);
                var vRow = v.Slice(s * gh, gh);
                int o = s * h;
                for (int j = 0; j < h; j++)
                {
                    T r = Sigmoid(uRow[j] + vRow[j]);
                    T z = Sigmoid(uRow[h + j] + vRow[h + j]);
                    T hn = vRow[2 * h + j];
                    T nn = T.Tanh(uRow[2 * h + j] + r * hn);
                    uRow[j] = r;
                    uRow[h + j] = z;
                    uRow[2 * h + j] = nn;
                    vn[o + j] = hn;
                    hNew[o + j] = (T.One - z) * nn + z * hPrev[o + j];
                }
            }
        }
    }

    private protected override void BackwardLayer(int layer, RecurrentWorkspace<T> w, ReadOnlySpan<T> dOut, Span<double> norms)
    {
        int n = w.N, h = HiddenSize, gh = 3 * h;
        var whh = w.HiddenWeightsBackward;
        whh.Pack(Weights[layer].WeightHh.Value.Span, gh, h);
        Span<T> dh = w.DHidden;                              // holds dHn on entry
        for (int t = w.Steps - 1; t >= 0; t--)
        {
            Elementwise.Add<T>(dh, dOut.Slice(t * n * h, n * h), dh);
            norms[t] = Norm(dh);
            var gates = w.Step(w.Gates, t, gh);              // r, z, n of step t
            var du = w.Step(w.InputGateGradient, t, gh);
            var dv = w.Step(w.HiddenGateGradient, t, gh);
            var hPrev = w.HiddenBefore(t);
            var vn = w.Step(w.Aux, t, h);
            for (int s = 0; s < n; s++)
            {
                var row = gates.Slice(s * gh, gh);
                var duRow = du.Slice(s * gh, gh);
                var dvRow = dv.Slice(s * gh, gh);
                int o = s * h;
                for (int j = 0; j < h; j++)
                {
                    T r = row[j], z = row[h + j], nn = row[2 * h + j];
                    T dhj = dh[o + j];
                    T daN = dhj * (T.One - z) * (T.One - nn * nn);
                    T daZ = dhj * (hPrev[o + j] - nn) * z * (T.One - z);
                    T daR = daN * vn[o + j] * r * (T.One - r);
                    duRow[j] = daR;
                    duRow[h + j] = daZ;
                    duRow[2 * h + j] = daN;
                    dvRow[j] = daR;
                    dvRow[h + j] = daZ;
                    dvRow[2 * h + j] = daN * r;
                    dh[o + j] = dhj * z;                     // the direct path h_{t−1} → h_t
                }
            }
            // dh_{t−1} = dh ⊙ z + dv_t·W_hh
            whh.Multiply(dv, dh, n, accumulate: true);
        }
        AccumulateGradients(layer, w);
    }
}
