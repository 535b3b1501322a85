using System.Numerics;
using Tutorial.Engine.Kernels;

namespace Tutorial.Engine.Layers;

/// <summary>
/// The buffers one layer of a recurrent stack keeps from Forward for Backward. They are
/// time-major, (T, N, ·), so that step t is one contiguous (N, ·) block and every per-step GEMM
/// works on plain row-major matrices. Allocated for one (N, T) and reused while the size stays.
/// <code>
/// Input       (T, N, D)      the layer's input x_t (layer 0: x transposed; above: h_t of the layer below)
/// Hidden      (T+1, N, H)    Hidden[0] = h0, Hidden[t+1] = h_t
/// Cell        (T+1, N, H)    LSTM only: Cell[0] = c0, Cell[t+1] = c_t
/// Gates       (T, N, G·H)    x_t·W_ihᵀ + biases, then what each cell keeps of step t (activated gates)
/// Aux         (T, N, H)      LSTM: tanh(c_t); GRU: W_hn·h_{t−1} + b_hn
/// StepGates   (N, G·H)       GRU only: h_{t−1}·W_hhᵀ + b_hh of the current step
/// InputGateGradient  (T, N, G·H)   ∂L/∂(x_t·W_ihᵀ + b_ih), per step
/// HiddenGateGradient (T, N, G·H)   ∂L/∂(h_{t−1}·W_hhᵀ + b_hh); the same array as above except for GRU
/// DHidden, DCell (N, H)      the gradient carried from step t+1 to step t (after the loop: dH0, dC0)
/// DInput      (T, N, D)      ∂L/∂x_t, handed to the layer below
/// </code>
/// and W_hh packed for the per-step GEMMs (once per Forward and once per Backward, not once per step):
/// <see cref="HiddenWeights"/> as op(B) = W_hhᵀ for h_{t−1}·W_hhᵀ, <see cref="HiddenWeightsBackward"/> as W_hh for dA_t·W_hh.
/// </summary>
internal sealed class RecurrentWorkspace<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public RecurrentWorkspace(int batch, int steps, int inputSize, int hiddenSize, int gates, bool cell, bool aux, bool separateHiddenGateGradient)
    {
        N = batch;
        Steps = steps;
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        GateWidth = gates * hiddenSize;
        Input = new T[steps * batch * inputSize];
        Hidden = new T[(steps + 1) * batch * hiddenSize];
        Cell = cell ? new T[(steps + 1) * batch * hiddenSize] : [];
        Gates = new T[steps * batch * GateWidth];
        Aux = aux ? new T[steps * batch * hiddenSize] : [];
        StepGates = separateHiddenGateGradient ? new T[batch * GateWidth] : [];
        InputGateGradient = new T[steps * batch * GateWidth];
        HiddenGateGradient = separateHiddenGateGradient ? new T[steps * batch * GateWidth] : InputGateGradient;
        DHidden = new T[batch * hiddenSize];
        DCell = cell ? new T[batch * hiddenSize] : [];
        DInput = new T[steps * batch * inputSize];
    }

    public int N { get; }
    public int Steps { get; }
    public int InputSize { get; }
    public int HiddenSize { get; }

    /// <summary>G·H, the width of a row of the gate buffers.</summary>
    public int GateWidth { get; }

    public T[] Input { get; }
    public T[] Hidden { get; }
    public T[] Cell { get; }
    public T[] Gates { get; }
    public T[] Aux { get; }
    public T[] StepGates { get; }
    public T[] InputGateGradient { get; }
    public T[] HiddenGateGradient { get; }
    public T[] DHidden { get; }
    public T[] DCell { get; }
    public T[] DInput { get; }

    /// <summary>W_hhᵀ: (H, G·H) packed for a_t += h_{t−1}·W_hhᵀ; packed by each Forward.</summary>
    public GemmPrepacked<T> HiddenWeights { get; } = new();

    /// <summary>W_hh: (G·H, H) packed for dh_{t−1} = dA_t·W_hh; packed by each Backward.</summary>
    public GemmPrepacked<T> HiddenWeightsBackward { get; } = new();

    /// <summary>Step t's (N, width) block of a time-major buffer.</summary>
    public Span<T> Step(T[] buffer, int t, int width) => buffer.AsSpan(t * N * width, N * width);

    /// <summary>h_{t−1}, the state step t starts from (h0 for t = 0).</summary>
    public Span<T> HiddenBefore(int t) => Hidden.AsSpan(t * N * HiddenSize, N * HiddenSize);

    /// <summary>h_t, the state step t produces.</summary>
    public Span<T> HiddenAfter(int t) => Hidden.AsSpan((t + 1) * N * HiddenSize, N * HiddenSize);

    /// <summary>c_{t−1} (LSTM).</summary>
    public Span<T> CellBefore(int t) => Cell.AsSpan(t * N * HiddenSize, N * HiddenSize);

    /// <summary>c_t (LSTM).</summary>
    public Span<T> CellAfter(int t) => Cell.AsSpan((t + 1) * N * HiddenSize, N * HiddenSize);

    /// <summary>h_0 … h_{T−1} of this layer as one (T·N, H) block: the next layer's input.</summary>
    public Span<T> Outputs => Hidden.AsSpan(N * HiddenSize, Steps * N * HiddenSize);

    /// <summary>h_{−1} … h_{T−2} (every step's previous state) as one (T·N, H) block, for dW_hh.</summary>
    public Span<T> PreviousStates => Hidden.AsSpan(0, Steps * N * HiddenSize);
}
