using System.Numerics;
using Tutorial.Engine.Kernels;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Layers;

/// <summary>
/// What RNN, LSTM and GRU share: a stack of <see cref="NumLayers"/> recurrent layers run over a
/// batch-first sequence, the initial and final states, and the gradients with respect to them.
/// <code>
/// x: (N, T, D)  ->  y: (N, T, H)   (RecurrentOutput.Sequence, y[:, t] = h_t of the top layer)
///                   y: (N, H)      (RecurrentOutput.LastStep,  y = h_{T−1} of the top layer)
/// h0, c0, Hn, Cn, DH0, DC0: (L, N, H) as in PyTorch; with one layer (N, H) is accepted too.
/// </code>
/// Steps run t = 0 … T−1; the initial state h0 plays the role of h_{−1}. Layer l ≥ 1 reads the
/// hidden states of layer l−1 as its input sequence (D_l = H). Each cell's file states its
/// per-step equations and their backward (backpropagation through time, step by step in reverse).
/// <para>How the work is organised (the same for every cell): the input sequence is transposed to
/// time-major (T, N, D), so that x_t·W_ihᵀ for all steps is one GEMM of (T·N, D)·(D, G·H); each
/// step then adds h_{t−1}·W_hhᵀ with one (N, H)·(H, G·H) GEMM and applies all gate nonlinearities
/// in one pass over the gate buffer. Backward walks the steps in reverse, writing each step's gate
/// gradient dA_t into a (T, N, G·H) buffer and carrying dh (and dc) to the step before with one
/// GEMM, dh_{t−1} = dA_t·W_hh; the weight gradients are then three GEMMs over all steps at once:
/// dW_ih += dAᵀ·X, dW_hh += dAᵀ·H_prev, dX = dA·W_ih. Buffers are kept and reused.</para>
/// <para>States: <see cref="Forward(Tensor{T}, Tensor{T}?, Tensor{T}?)"/> takes h0 (and c0) as
/// constants (zero when null) and leaves the final states in <see cref="Hn"/> and <see cref="Cn"/>.
/// <see cref="Backward(Tensor{T}, Tensor{T}?, Tensor{T}?)"/> takes, besides dY, the gradient of the
/// loss with respect to the final states (dHn, dCn: when the loss also depends on them) and leaves the
/// gradients with respect to the initial states in <see cref="DH0"/> and <see cref="DC0"/>.
/// <see cref="TruncatedBptt{T}"/> uses this to run long sequences in chunks.</para>
/// <para>For plotting vanishing and exploding gradients, <see cref="HiddenGradientNorms"/> holds
/// ‖∂L/∂h_t‖ of every layer and step from the last Backward.</para>
/// Weights are initialised as in PyTorch, every parameter from U(−1/√H, 1/√H), in the order of
/// <see cref="Layer{T}.Parameters"/>; there is no dropout between layers.
/// </summary>
public abstract class RecurrentLayer<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly RecurrentWeights<T>[] _weights;
    private readonly Parameter<T>[] _parameters;
    private RecurrentWorkspace<T>[]? _workspaces;
    private T[] _dTop = [];
    private double[] _norms = [];
    private Tensor<T>? _y;                            // handed out again, see OutputTensor
    private Tensor<T>? _hn, _cn, _dh0, _dc0;          // built from the workspaces when first read
    private Tensor<double>? _normsTensor;
    private bool _hasForward, _hasBackward, _backwardSinceForward;
    private bool _inputGradient = true;               // false inside BackwardParameters: layer 0 skips dX

    private protected RecurrentLayer(string kind, int gateCount, int inputSize, int hiddenSize, Rng rng,
        int numLayers, RecurrentOutput output, bool bias)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (inputSize <= 0 || hiddenSize <= 0 || numLayers <= 0)
            throw new ArgumentOutOfRangeException(nameof(inputSize),
                $"{kind} needs positive sizes, got input: {inputSize}, hidden: {hiddenSize}, layers: {numLayers}.");
        if (!Enum.IsDefined(output)) throw new ArgumentOutOfRangeException(nameof(output), output, "Unknown recurrent output mode.");
        Kind = kind;
        GateCount = gateCount;
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        NumLayers = numLayers;
        Output = output;
        HasBias = bias;

        double k = 1 / Math.Sqrt(hiddenSize);
        int gh = gateCount * hiddenSize;
        _weights = new RecurrentWeights<T>[numLayers];
        var parameters = new List<Parameter<T>>();
        for (int l = 0; l < numLayers; l++)
        {
            int d = l == 0 ? inputSize : hiddenSize;
            var wih = new Parameter<T>($"weight_ih_l{l}", Tensor<T>.Uniform(rng, -k, k, gh, d));
            var whh = new Parameter<T>($"weight_hh_l{l}", Tensor<T>.Uniform(rng, -k, k, gh, hiddenSize));
            var bih = bias ? new Parameter<T>($"bias_ih_l{l}", Tensor<T>.Uniform(rng, -k, k, gh)) : null;
            var bhh = bias ? new Parameter<T>($"bias_hh_l{l}", Tensor<T>.Uniform(rng, -k, k, gh)) : null;
            _weights[l] = new RecurrentWeights<T>(wih, whh, bih, bhh);
            parameters.Add(wih);
            parameters.Add(whh);
            if (bih is not null) parameters.Add(bih);
            if (bhh is not null) parameters.Add(bhh);
        }
        _parameters = [.. parameters];
    }

    /// <summary>"RNN", "LSTM" or "GRU".</summary>
    public string Kind { get; }

    /// <summary>G, the number of gate blocks in W_ih and W_hh (RNN 1, LSTM 4, GRU 3).</summary>
    public int GateCount { get; }

    /// <summary>D, the features of each input step.</summary>
    public int InputSize { get; }

    /// <summary>H, the size of the hidden state.</summary>
    public int HiddenSize { get; }

    /// <summary>L, the number of stacked layers.</summary>
    public int NumLayers { get; }

    /// <summary>Whether Forward returns every step or only the last.</summary>
    public RecurrentOutput Output { get; }

    /// <summary>Whether the layers have b_ih and b_hh.</summary>
    public bool HasBias { get; }

    /// <summary>True for LSTM, which carries a cell state c besides h.</summary>
    public virtual bool HasCellState => false;

    /// <summary>The parameters of each layer, bottom (l = 0) first.</summary>
    public IReadOnlyList<RecurrentWeights<T>> Weights => _weights;

    /// <summary>weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0, weight_ih_l1, … (PyTorch's order and names).</summary>
    public override IReadOnlyList<Parameter<T>> Parameters => _parameters;

    // The states and their gradients are copied out of the workspaces only when read (a new tensor per
    // Forward or Backward, kept until the next one), so a training step that does not read them allocates nothing.

    /// <summary>h_n: (L, N, H), every layer's hidden state after the last step of the last Forward.</summary>
    public Tensor<T>? Hn => _hasForward ? _hn ??= CollectStates(StateKind.Hidden) : null;

    /// <summary>c_n: (L, N, H), every layer's cell state after the last step (LSTM; null otherwise).</summary>
    public Tensor<T>? Cn => _hasForward && HasCellState ? _cn ??= CollectStates(StateKind.Cell) : null;

    /// <summary>∂L/∂h0: (L, N, H) from the last Backward.</summary>
    public Tensor<T>? DH0 => _hasBackward ? _dh0 ??= CollectStates(StateKind.HiddenGradient) : null;

    /// <summary>∂L/∂c0: (L, N, H) from the last Backward (LSTM; null otherwise).</summary>
    public Tensor<T>? DC0 => _hasBackward && HasCellState ? _dc0 ??= CollectStates(StateKind.CellGradient) : null;

    /// <summary>
    /// (L, T): entry [l, t] = ‖∂L/∂h_t‖ (Frobenius norm over the batch and hidden units) of layer l,
    /// from the last Backward. ∂L/∂h_t is the total gradient reaching h_t: from the output at step t
    /// (or the layer above) plus what flows back from step t+1. Computed in double so that vanishing
    /// values do not underflow in float.
    /// </summary>
    public Tensor<double>? HiddenGradientNorms =>
        _hasBackward ? _normsTensor ??= Tensor<double>.FromArray(_norms, NumLayers, _workspaces![0].Steps) : null;

    /// <summary>y for x with zero initial states.</summary>
    public override Tensor<T> Forward(Tensor<T> x) => Forward(x, null, null);

    /// <summary>
    /// Runs the stack over x: (N, T, D) from the initial states h0 (and c0 for LSTM), each (L, N, H)
    /// or null for zeros; returns (N, T, H) or (N, H) (see <see cref="Output"/>) and sets <see cref="Hn"/>, <see cref="Cn"/>.
    /// </summary>
    public Tensor<T> Forward(Tensor<T> x, Tensor<T>? h0, Tensor<T>? c0 = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 3 || x.Dim(2) != InputSize) throw ShapeError("x", x.Shape, $"(N, T, {InputSize})");
        int n = x.Dim(0), steps = x.Dim(1), h = HiddenSize;
        if (n == 0 || steps == 0) throw ShapeError("x", x.Shape, $"(N, T, {InputSize}) with N ≥ 1 and T ≥ 1");
        if (c0 is not null && !HasCellState)
            throw new ArgumentException($"{this} has no cell state; c0 is for LSTM only.", nameof(c0));
        CheckState("h0", h0, n);
        CheckState("c0", c0, n);

        var ws = EnsureWorkspaces(n, steps);
        SwapFirstAxes(x.Span, ws[0].Input, n, steps, InputSize);
        for (int l = 0; l < NumLayers; l++)
        {
            var w = ws[l];
            if (l > 0) ws[l - 1].Outputs.CopyTo(w.Input);
            CopyStateIn(h0, l, n, w.HiddenBefore(0));
            if (HasCellState) CopyStateIn(c0, l, n, w.CellBefore(0));
            ForwardLayer(l, w);
        }

        var top = ws[NumLayers - 1];
        Tensor<T> y;
        if (Output == RecurrentOutput.Sequence)
        {
            y = OutputTensor(n, steps, h);
            SwapFirstAxes(top.Outputs, y.Span, steps, n, h);
        }
        else
        {
            y = OutputTensor(n, h, 0);
            top.HiddenAfter(steps - 1).CopyTo(y.Span);
        }

        _hn = _cn = null;
        _hasForward = true;
        _backwardSinceForward = false;
        return y;
    }

    /// <summary>dX for dY, with no gradient arriving at the final states.</summary>
    public override Tensor<T> Backward(Tensor<T> dY) => Backward(dY, null, null);

    /// <summary>
    /// Backpropagation through time for the last Forward. dY has the shape of that Forward's output;
    /// dHn and dCn, (L, N, H) or null for zero, are the gradients of the loss with respect to the final
    /// states <see cref="Hn"/> and <see cref="Cn"/>. Returns dX: (N, T, D), adds into every parameter's
    /// gradient and sets <see cref="DH0"/>, <see cref="DC0"/> and <see cref="HiddenGradientNorms"/>.
    /// </summary>
    public Tensor<T> Backward(Tensor<T> dY, Tensor<T>? dHn, Tensor<T>? dCn = null)
    {
        BackpropagateThroughTime(dY, dHn, dCn);
        var ws = _workspaces!;
        var dX = new Tensor<T>(ws[0].N, ws[0].Steps, InputSize);
        SwapFirstAxes(ws[0].DInput, dX.Span, ws[0].Steps, ws[0].N, InputSize);
        return dX;
    }

    /// <summary>
    /// Backward when x is data (nobody needs dX): everything <see cref="Backward(Tensor{T}, Tensor{T}?, Tensor{T}?)"/>
    /// does (parameter gradients, <see cref="DH0"/>, <see cref="DC0"/>, <see cref="HiddenGradientNorms"/>) except
    /// ∂L/∂x, which saves the GEMM dX = dA·W_ih of the bottom layer.
    /// </summary>
    public override void BackwardParameters(Tensor<T> dY)
    {
        _inputGradient = false;
        try
        {
            BackpropagateThroughTime(dY, null, null);
        }
        finally
        {
            _inputGradient = true;
        }
    }

    /// <summary>Both Backwards: BPTT through every layer, top first; the bottom layer's ∂L/∂x is left in its workspace.</summary>
    private void BackpropagateThroughTime(Tensor<T> dY, Tensor<T>? dHn, Tensor<T>? dCn)
    {
        ArgumentNullException.ThrowIfNull(dY);
        var ws = RequireForward(_workspaces);
        int n = ws[0].N, steps = ws[0].Steps, h = HiddenSize;
        CheckGradientShape(dY, Output == RecurrentOutput.Sequence ? new Shape(n, steps, h) : new Shape(n, h));
        if (dCn is not null && !HasCellState)
            throw new ArgumentException($"{this} has no cell state; dCn is for LSTM only.", nameof(dCn));
        CheckState("dHn", dHn, n);
        CheckState("dCn", dCn, n);

        // The gradient reaching the top layer's outputs, time-major (T, N, H).
        if (Output == RecurrentOutput.Sequence) SwapFirstAxes(dY.Span, _dTop, n, steps, h);
        else
        {
            Array.Clear(_dTop);
            dY.Span.CopyTo(_dTop.AsSpan((steps - 1) * n * h, n * h));
        }

        ReadOnlySpan<T> dOut = _dTop;
        for (int l = NumLayers - 1; l >= 0; l--)
        {
            var w = ws[l];
            CopyStateIn(dHn, l, n, w.DHidden);
            if (HasCellState) CopyStateIn(dCn, l, n, w.DCell);
            BackwardLayer(l, w, dOut, _norms.AsSpan(l * steps, steps));
            dOut = w.DInput;
        }

        _dh0 = _dc0 = null;
        _normsTensor = null;
        _hasBackward = true;
        _backwardSinceForward = true;
    }

    /// <summary>(N, T, D) -> (N, T, H), or (N, H) for <see cref="RecurrentOutput.LastStep"/>.</summary>
    public override Shape OutputShape(Shape input) =>
        Output == RecurrentOutput.Sequence ? new Shape(input[0], input[1], HiddenSize) : new Shape(input[0], HiddenSize);

    public override string ToString() =>
        $"{Kind}(input: {InputSize}, hidden: {HiddenSize}" +
        (NumLayers > 1 ? $", layers: {NumLayers}" : "") +
        (Output == RecurrentOutput.LastStep ? ", output: last step" : "") +
        (HasBias ? "" : ", bias: false") + ")";

    // ---- what each cell implements -------------------------------------------------------------

    /// <summary>Runs layer <paramref name="layer"/> over its input <c>w.Input</c> from <c>w.HiddenBefore(0)</c> (and c0), filling the workspace.</summary>
    private protected abstract void ForwardLayer(int layer, RecurrentWorkspace<T> w);

    /// <summary>
    /// BPTT through layer <paramref name="layer"/>: <paramref name="dOut"/> (T, N, H) is ∂L/∂h_t from
    /// outside the recurrence (the output, or the layer above); <c>w.DHidden</c> (and <c>w.DCell</c>) hold
    /// dHn (dCn) on entry and must hold dH0 (dC0) on exit; <c>w.DInput</c> receives ∂L/∂x_t; parameter
    /// gradients are added; <paramref name="norms"/>[t] receives ‖∂L/∂h_t‖.
    /// </summary>
    private protected abstract void BackwardLayer(int layer, RecurrentWorkspace<T> w, ReadOnlySpan<T> dOut, Span<double> norms);

    /// <summary>Which optional buffers a cell needs: c, Aux, and separate hidden gate gradient (GRU).</summary>
    private protected abstract (bool Cell, bool Aux, bool SeparateHiddenGates) Buffers { get; }

    // ---- shared steps ---------------------------------------------------------------------------

    /// <summary>
    /// Gates = X·W_ihᵀ + b_ih (+ b_hh when <paramref name="addHiddenBias"/>) for all T·N rows in one GEMM.
    /// </summary>
    private protected void ProjectInputs(int layer, RecurrentWorkspace<T> w, bool addHiddenBias)
    {
        var p = _weights[layer];
        int rows = w.Steps * w.N, gh = w.GateWidth;
        Span<T> gates = w.Gates;
        Gemm.Multiply<T>(w.Input, p.WeightIh.Value.Span, gates, rows, gh, w.InputSize, transposeB: true);
        if (p.BiasIh is null) return;
        ReadOnlySpan<T> bih = p.BiasIh.Value.Span;
        ReadOnlySpan<T> bhh = p.BiasHh!.Value.Span;
        for (int r = 0; r < rows; r++)
        {
            var row = gates.Slice(r * gh, gh);
            Elementwise.Add<T>(row, bih, row);
            if (addHiddenBias) Elementwise.Add<T>(row, bhh, row);
        }
    }

    /// <summary>
    /// After the reverse loop, with dA = <c>w.InputGateGradient</c> and dA_h = <c>w.HiddenGateGradient</c>
    /// (T·N, G·H) filled: dW_ih += dAᵀ·X, dW_hh += dA_hᵀ·H_prev, db_ih += Σ dA, db_hh += Σ dA_h,
    /// and ∂L/∂x = dA·W_ih into <c>w.DInput</c> (not for the bottom layer in <see cref="BackwardParameters"/>); one GEMM each over all steps.
    /// </summary>
    private protected void AccumulateGradients(int layer, RecurrentWorkspace<T> w)
    {
        var p = _weights[layer];
        int rows = w.Steps * w.N, gh = w.GateWidth;
        ReadOnlySpan<T> dA = w.InputGateGradient, dAh = w.HiddenGateGradient;
        Gemm.Multiply<T>(dA, w.Input, p.WeightIh.Grad.Span, gh, w.InputSize, rows, transposeA: true, accumulate: true);
        Gemm.Multiply<T>(dAh, w.PreviousStates, p.WeightHh.Grad.Span, gh, w.HiddenSize, rows, transposeA: true, accumulate: true);
        if (p.BiasIh is not null)
        {
            var dbih = p.BiasIh.Grad.Span;
            var dbhh = p.BiasHh!.Grad.Span;
            for (int r = 0; r < rows; r++)
            {
                Elementwise.Add<T>(dbih, dA.Slice(r * gh, gh), dbih);
                Elementwise.Add<T>(dbhh, dAh.Slice(r * gh, gh), dbhh);
            }
        }
        if (layer > 0 || _inputGradient) Gemm.Multiply<T>(dA, p.WeightIh.Value.Span, w.DInput, rows, w.InputSize, gh);
    }

    /// <summary>σ(a) = 1 / (1 + e^(−a)).</summary>
    private protected static T Sigmoid(T a) => T.One / (T.One + T.Exp(-a));

    /// <summary>‖v‖₂, accumulated in double.</summary>
    private protected static double Norm(ReadOnlySpan<T> v)
    {
        double sum = 0;
        foreach (var e in v)
        {
            double d = double.CreateTruncating(e);
            sum += d * d;
        }
        return Math.Sqrt(sum);
    }

    // ---- plumbing -------------------------------------------------------------------------------

    private RecurrentWorkspace<T>[] EnsureWorkspaces(int n, int steps)
    {
        if (_workspaces is { } existing && existing[0].N == n && existing[0].Steps == steps) return existing;
        if (_hasBackward)
        {
            // The last Backward's results live in the workspaces about to be replaced: take them out first.
            _ = DH0;
            _ = DC0;
            _ = HiddenGradientNorms;
        }
        var (cell, aux, separate) = Buffers;
        var ws = new RecurrentWorkspace<T>[NumLayers];
        for (int l = 0; l < NumLayers; l++)
            ws[l] = new RecurrentWorkspace<T>(n, steps, l == 0 ? InputSize : HiddenSize, HiddenSize, GateCount, cell, aux, separate);
        _dTop = new T[steps * n * HiddenSize];
        _norms = new double[NumLayers * steps];
        _workspaces = ws;
        return ws;
    }

    private enum StateKind { Hidden, Cell, HiddenGradient, CellGradient }

    /// <summary>(L, N, H): every layer's h or c after the last step, or dH0 or dC0, copied out of the workspaces.</summary>
    private Tensor<T> CollectStates(StateKind kind)
    {
        var ws = _workspaces!;
        int n = ws[0].N, last = ws[0].Steps - 1, h = HiddenSize;
        var states = new Tensor<T>(NumLayers, n, h);
        for (int l = 0; l < NumLayers; l++)
        {
            ReadOnlySpan<T> source = kind switch
            {
                StateKind.Hidden => ws[l].HiddenAfter(last),
                StateKind.Cell => ws[l].CellAfter(last),
                StateKind.HiddenGradient => ws[l].DHidden,
                _ => ws[l].DCell,
            };
            source.CopyTo(states.Span.Slice(l * n * h, n * h));
        }
        return states;
    }

    /// <summary>
    /// The output tensor y, (d0, d1, d2) or (d0, d1) when d2 is 0. In a training loop (training mode, and the last
    /// output has been through Backward since) it is the previous y again when the shape is the same, so the steady
    /// state allocates nothing; otherwise a new tensor, so outputs a caller keeps from forward-only calls
    /// (chunks of a stream, comparisons) are never overwritten.
    /// </summary>
    private Tensor<T> OutputTensor(int d0, int d1, int d2)
    {
        int rank = d2 == 0 ? 2 : 3;
        if (ReuseOutputs && _backwardSinceForward && _y is { } t && t.Rank == rank && t.Dim(0) == d0 && t.Dim(1) == d1 && (rank == 2 || t.Dim(2) == d2))
            return t;
        var y = rank == 2 ? new Tensor<T>(d0, d1) : new Tensor<T>(d0, d1, d2);
        _y = Training ? y : null;
        return y;
    }

    /// <summary>A state must be (L, N, H), or (N, H) with one layer.</summary>
    private void CheckState(string what, Tensor<T>? state, int n)
    {
        if (state is null) return;
        bool ok = state.Shape == new Shape(NumLayers, n, HiddenSize) || (NumLayers == 1 && state.Shape == new Shape(n, HiddenSize));
        if (!ok)
            throw ShapeError(what, state.Shape, NumLayers == 1 ? $"({n}, {HiddenSize}) or (1, {n}, {HiddenSize})" : $"({NumLayers}, {n}, {HiddenSize})");
    }

    /// <summary>Copies layer l's (N, H) block of a state into <paramref name="destination"/>, or zeros when the state is null.</summary>
    private void CopyStateIn(Tensor<T>? state, int layer, int n, Span<T> destination)
    {
        if (state is null) destination.Clear();
        else state.Span.Slice(layer * n * HiddenSize, n * HiddenSize).CopyTo(destination);
    }

    /// <summary>(A, B, F) -> (B, A, F): batch-first to time-major and back.</summary>
    private static void SwapFirstAxes(ReadOnlySpan<T> source, Span<T> destination, int a, int b, int f)
    {
        for (int i = 0; i < a; i++)
            for (int j = 0; j < b; j++)
                source.Slice((i * b + j) * f, f).CopyTo(destination.Slice((j * a + i) * f, f));
    }
}
