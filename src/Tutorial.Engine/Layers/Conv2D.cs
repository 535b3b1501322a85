using System.Numerics;
using Tutorial.Engine.Init;
using Tutorial.Engine.Kernels;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Layers;

/// <summary>
/// 2-D convolution (cross-correlation, as in PyTorch's <c>nn.Conv2d</c>) over NCHW images, lowered to one
/// matrix multiply by im2col.
/// <code>
/// x: (N, C_in, H, W)   W: (C_out, C_in, kH, kW)   b: (C_out)   y: (N, C_out, H_out, W_out)
/// H_out = ⌊(H + 2p − d(k − 1) − 1) / s⌋ + 1      (the same for W_out with the width's k, s, p, d)
/// y[n, co, oh, ow] = b[co] + Σ_ci,kh,kw W[co, ci, kh, kw] · x[n, ci, oh·s − p + kh·d, ow·s − p + kw·d]
/// </code>
/// In terms of im2col (see <see cref="Im2Col"/>), with cols = im2col(x[n]) of shape (C_in·kH·kW, H_out·W_out),
/// W_mat = W reshaped to (C_out, C_in·kH·kW) and Y_mat = y[n] reshaped to (C_out, H_out·W_out):
/// <code>
/// Y_mat  = W_mat · cols + b                   (b added to every column)
/// dW    += dY_mat · colsᵀ                     summed over the batch
/// db    += Σ_n Σ_(oh,ow) dY[n, :, oh, ow]
/// dcols  = W_matᵀ · dY_mat,   dX[n] = col2im(dcols)   (overlapping windows add up)
/// </code>
/// <para>The batch is processed one sample at a time: im2col of x[n] into a reused buffer, then one multiply
/// straight into y[n], whose (C_out, H_out·W_out) layout is already NCHW. The samples are cut into up to 8 fixed
/// chunks that run on the GEMM's threads (<see cref="SampleChunks"/>, up to <see cref="Gemm.MaxThreads"/>): each
/// chunk sums its own dW, and the chunks' dW are added into W.grad in chunk order, so results do not depend on
/// the thread count. This was measured against laying
/// the whole batch side by side as one (C·kH·kW, N·H_out·W_out) matrix with one large multiply
/// (bench/Tutorial.Bench/Conv2DBenchmarks.cs): at LeNet's shapes, batch 64, per sample took 1.4–1.6× less
/// time for forward + backward, because its buffers stay in cache and nothing has to be reordered into NCHW.
/// Forward keeps the columns of every sample while N·C_in·kH·kW·H_out·W_out ≤ <see cref="ColumnCacheLimit"/>,
/// so Backward need not redo im2col (worth it for many channels on small images, where im2col copies many
/// short rows); otherwise Backward recomputes them. A 1×1 kernel with stride 1 and no padding needs no
/// im2col at all: x[n] viewed as (C_in, H·W) already is the column matrix. Buffers are kept and reused
/// across calls, and in training mode so are y and dX (see <see cref="TensorBuffer{T}"/>).</para>
/// <para>Weights are drawn with fanIn = C_in·kH·kW and fanOut = C_out·kH·kW (He uniform by default;
/// <see cref="InitScheme.LeCunUniform"/> is PyTorch's default); the bias starts at zero.</para>
/// </summary>
public sealed class Conv2D<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Default for <see cref="ColumnCacheLimit"/>: 4M elements (16 MB of float), enough to keep
    /// the columns of a LeNet batch of 64 (about 0.9M elements per layer).</summary>
    public const int DefaultColumnCacheLimit = 1 << 22;

    private readonly Parameter<T>[] _parameters;
    private Tensor<T>? _x;
    private T[] _columns = [];          // im2col (C_in·kH·kW, L), L = H_out·W_out: one per chunk, or of every sample back to back
    private T[] _dColumns = [];         // backward: W_matᵀ·dY_mat (C_in·kH·kW, L), one per chunk
    private bool _columnsCached;        // Forward left the columns of every sample of _x in _columns
    private T[] _dWChunks = [];         // backward: one partial dW (C_out, C_in·kH·kW) per chunk of the batch
    private readonly TensorBuffer<T> _y = new(), _dX = new();
    private readonly SampleChunks _forwardChunks, _backwardChunks;   // the per-sample loops, shared out over threads
    private ConvGeometry _g;                                         // the current step's geometry and tensors,
    private Tensor<T>? _yStep, _dYStep, _dXStep;                     // read by the per-chunk bodies

    /// <summary>Creates the layer; see the class comment for the shapes.</summary>
    /// <param name="inChannels">C_in.</param>
    /// <param name="outChannels">C_out, the number of filters.</param>
    /// <param name="kernelSize">(kH, kW), or one int for a square kernel.</param>
    /// <param name="rng">Draws the initial weights.</param>
    /// <param name="stride">s, default 1.</param>
    /// <param name="padding">Zero padding p on each side, default 0.</param>
    /// <param name="dilation">Spacing d between kernel taps, default 1.</param>
    /// <param name="bias">Whether to learn a bias per output channel.</param>
    /// <param name="init">How to draw the weights.</param>
    public Conv2D(int inChannels, int outChannels, Pair2D kernelSize, Rng rng, Pair2D? stride = null, Pair2D? padding = null,
        Pair2D? dilation = null, bool bias = true, InitScheme init = InitScheme.HeUniform)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (inChannels <= 0 || outChannels <= 0)
            throw new ArgumentOutOfRangeException(nameof(inChannels), $"Conv2D needs positive channel counts, got in: {inChannels}, out: {outChannels}.");
        In = inChannels;
        Out = outChannels;
        KernelSize = kernelSize;
        Stride = stride ?? 1;
        Padding = padding ?? 0;
        Dilation = dilation ?? 1;
        ConvGeometry.ValidateHyperparameters("Conv2D", KernelSize, Stride, Padding, Dilation);
        int area = KernelSize.H * KernelSize.W;
        Weight = new Parameter<T>("weight",
            Initializers.Create<T>(init, rng, inChannels * area, outChannels * area, outChannels, inChannels, KernelSize.H, KernelSize.W));
        Bias = bias ? new Parameter<T>("bias", new Tensor<T>(outChannels)) : null;
        _parameters = Bias is null ? [Weight] : [Weight, Bias];
        _forwardChunks = new SampleChunks(ForwardSamples);
        _backwardChunks = new SampleChunks(BackwardSamples);
    }

    /// <summary>C_in.</summary>
    public int In { get; }

    /// <summary>C_out.</summary>
    public int Out { get; }

    /// <summary>(kH, kW).</summary>
    public Pair2D KernelSize { get; }

    /// <summary>(sH, sW).</summary>
    public Pair2D Stride { get; }

    /// <summary>(pH, pW): zero rows added above and below, zero columns left and right.</summary>
    public Pair2D Padding { get; }

    /// <summary>(dH, dW): 1 is an ordinary convolution, 2 leaves one pixel between taps.</summary>
    public Pair2D Dilation { get; }

    /// <summary>W: (C_out, C_in, kH, kW).</summary>
    public Parameter<T> Weight { get; }

    /// <summary>b: (C_out), or null without bias.</summary>
    public Parameter<T>? Bias { get; }

    /// <summary>Forward keeps the im2col columns of the whole batch for Backward when they number at most this
    /// many elements (N·C_in·kH·kW·H_out·W_out); otherwise Backward recomputes them. 0 never keeps them.</summary>
    public int ColumnCacheLimit { get; set; } = DefaultColumnCacheLimit;

    /// <summary>True when the kernel is 1×1 with stride 1 and no padding: x[n] is its own column matrix.</summary>
    private bool IsPointwise => KernelSize == new Pair2D(1, 1) && Stride == new Pair2D(1, 1) && Padding == new Pair2D(0, 0);

    public override IReadOnlyList<Parameter<T>> Parameters => _parameters;

    /// <summary>The geometry for an input of shape (N, C_in, H, W); throws a shape error naming both shapes otherwise.</summary>
    public ConvGeometry GeometryFor(Shape input)
    {
        if (input.Rank != 4 || input[1] != In) throw ShapeError("x", input, $"(N, {In}, H, W)");
        var g = new ConvGeometry(In, input[2], input[3], KernelSize, Stride, Padding, Dilation);
        if (!g.HasOutput)
        {
            int minH = ConvGeometry.MinimumInputSize(KernelSize.H, Padding.H, Dilation.H);
            int minW = ConvGeometry.MinimumInputSize(KernelSize.W, Padding.W, Dilation.W);
            throw ShapeError("x", input, $"(N, {In}, H, W) with H ≥ {minH} and W ≥ {minW} (H_out = ⌊(H + 2p − d(k − 1) − 1)/s⌋ + 1 must be positive)");
        }
        return g;
    }

    public override Shape OutputShape(Shape input)
    {
        var g = GeometryFor(input);
        return new Shape(input[0], Out, g.OutHeight, g.OutWidth);
    }

    public override Tensor<T> Forward(Tensor<T> x)
    {
        _dX.Release();   // the previous step's dX is done with (see TensorBuffer)
        var g = GeometryFor(x.Shape);
        _x = x;
        _g = g;
        int n = x.N, rows = g.ColumnRows, l = g.ColumnCount;
        _yStep = _y.Get(ReuseOutputs, clear: false, n, Out, g.OutHeight, g.OutWidth);
        _columnsCached = !IsPointwise && (long)n * rows * l <= ColumnCacheLimit;
        if (!IsPointwise) Grow(ref _columns, rows * l * (_columnsCached ? n : SampleChunks.ChunksFor(n)));
        _forwardChunks.Run(n, 2L * n * Out * rows * l);                             // ForwardSamples, chunks of the batch
        var y = _yStep;
        _yStep = null;
        return y;
    }

    /// <summary>Forward for samples <paramref name="first"/> … <paramref name="end"/> − 1 (one chunk, on any thread).</summary>
    private void ForwardSamples(int chunk, int first, int end)
    {
        var g = _g;
        int rows = g.ColumnRows, l = g.ColumnCount, sampleIn = g.SampleLength, sampleOut = Out * l;
        var xs = _x!.Span;
        var ys = _yStep!.Span;
        for (int s = first; s < end; s++)
        {
            var cols = Columns(xs.Slice(s * sampleIn, sampleIn), g, _columnsCached ? s : chunk, fill: true);
            var ySample = ys.Slice(s * sampleOut, sampleOut);                       // Y_mat: (C_out, L)
            if (Bias is not null)
                for (int co = 0; co < Out; co++) ySample.Slice(co * l, l).Fill(Bias.Value[co]);
            Gemm.Multiply<T>(Weight.Value.Span, cols, ySample, Out, l, rows, accumulate: Bias is not null);
        }
    }

    public override Tensor<T> Backward(Tensor<T> dY)
    {
        var x = RequireForward(_x);
        var dX = _dX.Get(x.Shape, ReuseOutputs, clear: !IsPointwise);      // col2im adds into it
        BackwardInto(dY, dX);
        return dX;
    }

    /// <summary>Backward without dX (the input is data): only dW and db, no W_matᵀ·dY_mat and no col2im.</summary>
    public override void BackwardParameters(Tensor<T> dY) => BackwardInto(dY, null);

    /// <summary>dW and db, and dX into <paramref name="dX"/> (zeros unless pointwise) when it is not null.</summary>
    private void BackwardInto(Tensor<T> dY, Tensor<T>? dX)
    {
        _y.Release();    // the step's output is done with (see TensorBuffer)
        var x = RequireForward(_x);
        var g = GeometryFor(x.Shape);
        int n = x.N, rows = g.ColumnRows, l = g.ColumnCount, sampleOut = Out * l;
        CheckGradientShape(dY, new Shape(n, Out, g.OutHeight, g.OutWidth));
        if (Bias is not null)
        {
            var dys = dY.Span;
            var db = Bias.Grad.Span;
            for (int s = 0; s < n; s++)
                for (int co = 0; co < Out; co++) db[co] += Elementwise.Sum<T>(dys.Slice(s * sampleOut + co * l, l));
        }
        int chunks = SampleChunks.ChunksFor(n), weights = Out * rows;
        if (!IsPointwise)
        {
            if (!_columnsCached) Grow(ref _columns, rows * l * chunks);
            if (dX is not null) Grow(ref _dColumns, rows * l * chunks);
        }
        Grow(ref _dWChunks, weights * chunks);
        _g = g;
        _dYStep = dY;
        _dXStep = dX;
        long flops = 2L * n * Out * rows * l * (dX is null ? 1 : 2);
        _backwardChunks.Run(n, flops);                                              // BackwardSamples, chunks of the batch
        _dYStep = _dXStep = null;
        var dW = Weight.Grad.Span;
        for (int c = 0; c < chunks; c++)                                            // dW += Σ_chunks, in chunk order
            Elementwise.Add<T>(dW, _dWChunks.AsSpan(c * weights, weights), dW);
    }

    /// <summary>Backward for samples <paramref name="first"/> … <paramref name="end"/> − 1 (one chunk, on any thread):
    /// the chunk's dW = Σ dY_mat · colsᵀ into its own slot of <see cref="_dWChunks"/>, and dX of its samples.</summary>
    private void BackwardSamples(int chunk, int first, int end)
    {
        var g = _g;
        int rows = g.ColumnRows, l = g.ColumnCount, sampleIn = g.SampleLength, sampleOut = Out * l;
        var xs = _x!.Span;
        var dys = _dYStep!.Span;
        var dX = _dXStep;
        var dxs = dX is null ? default : dX.Span;
        var dWChunk = _dWChunks.AsSpan(chunk * Out * rows, Out * rows);
        for (int s = first; s < end; s++)
        {
            var dYSample = dys.Slice(s * sampleOut, sampleOut);                     // dY_mat: (C_out, L)
            var cols = Columns(xs.Slice(s * sampleIn, sampleIn), g, _columnsCached ? s : chunk, fill: !_columnsCached);
            Gemm.Multiply<T>(dYSample, cols, dWChunk, Out, rows, l, transposeB: true, accumulate: s > first);
            if (dX is null) continue;
            var dXSample = dxs.Slice(s * sampleIn, sampleIn);
            if (IsPointwise)
                Gemm.Multiply<T>(Weight.Value.Span, dYSample, dXSample, rows, l, Out, transposeA: true);
            else
            {
                var dCols = _dColumns.AsSpan(chunk * rows * l, rows * l);
                Gemm.Multiply<T>(Weight.Value.Span, dYSample, dCols, rows, l, Out, transposeA: true);
                Im2Col.Fold<T>(dCols, g, dXSample);
            }
        }
    }

    /// <summary>The column matrix (C_in·kH·kW, L) of one sample: the sample itself for a pointwise kernel, else
    /// block <paramref name="slot"/> of the column buffer, filled by im2col when <paramref name="fill"/>.</summary>
    private ReadOnlySpan<T> Columns(ReadOnlySpan<T> sample, in ConvGeometry g, int slot, bool fill)
    {
        if (IsPointwise) return sample;
        int size = g.ColumnRows * g.ColumnCount;
        var cols = _columns.AsSpan(slot * size, size);
        if (fill) Im2Col.Unfold<T>(sample, g, cols);
        return cols;
    }

    private static void Grow(ref T[] buffer, int length)
    {
        if (buffer.Length < length) buffer = new T[length];
    }

    public override string ToString()
    {
        var s = $"Conv2D(in: {In}, out: {Out}, k: {KernelSize}";
        if (Stride != new Pair2D(1, 1)) s += $", stride: {Stride}";
        if (Padding != new Pair2D(0, 0)) s += $", padding: {Padding}";
        if (Dilation != new Pair2D(1, 1)) s += $", dilation: {Dilation}";
        if (Bias is null) s += ", bias: false";
        return s + ")";
    }
}
