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
/// <para>The batch is processed in chunks of samples laid side by side in one column matrix
/// (C_in·kH·kW, chunk·H_out·W_out), so each chunk costs one large multiply instead of many small ones.
/// The chunk holds at most <see cref="ColumnBudget"/> elements (one sample at least). The im2col, product
/// and dcols buffers are kept and reused across calls; only y and dX, which the caller keeps, are new
/// tensors. When the whole batch fits into one chunk, Backward reuses Forward's columns.</para>
/// <para>Weights are drawn with fanIn = C_in·kH·kW and fanOut = C_out·kH·kW (He uniform by default;
/// <see cref="InitScheme.LeCunUniform"/> is PyTorch's default); the bias starts at zero.</para>
/// </summary>
public sealed class Conv2D<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Default upper bound on the elements of the im2col buffer (4 MB of float): large enough for a
    /// whole LeNet batch of 64, small enough to stay cache-friendly and modest on big images.</summary>
    public const int DefaultColumnBudget = 1 << 20;

    private readonly Parameter<T>[] _parameters;
    private Tensor<T>? _x;
    private T[] _columns = [];          // im2col of a chunk: (C_in·kH·kW, chunk·L), L = H_out·W_out
    private T[] _product = [];          // forward: W_mat·cols (C_out, chunk·L); backward: dY of the chunk, (C_out, chunk·L)
    private T[] _dColumns = [];         // backward: W_matᵀ·dY_mat (C_in·kH·kW, chunk·L)
    private bool _columnsHoldBatch;     // Forward left im2col of the whole batch of _x in _columns

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

    /// <summary>Upper bound on the elements of the im2col buffer; the batch is split into chunks that fit
    /// (at least one sample each). 1 processes the batch one sample at a time.</summary>
    public int ColumnBudget { get; set; } = DefaultColumnBudget;

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
        var g = GeometryFor(x.Shape);
        _x = x;
        int n = x.N, rows = g.ColumnRows, l = g.ColumnCount, sampleIn = g.SampleLength, sampleOut = Out * l;
        var y = new Tensor<T>(n, Out, g.OutHeight, g.OutWidth);
        int chunk = ChunkSamples(n, rows, l);
        Grow(ref _columns, rows * chunk * l);
        if (chunk > 1) Grow(ref _product, Out * chunk * l);
        var xs = x.Span;
        var ys = y.Span;
        for (int start = 0; start < n; start += chunk)
        {
            int count = Math.Min(chunk, n - start), width = count * l;
            var cols = _columns.AsSpan(0, rows * width);
            for (int s = 0; s < count; s++)
                Im2Col.Unfold<T>(xs.Slice((start + s) * sampleIn, sampleIn), g, cols, width, s * l);

            // One sample: multiply straight into y[n] (C_out, L). Several: into (C_out, count·L), then scatter.
            var product = count == 1 ? ys.Slice(start * sampleOut, sampleOut) : _product.AsSpan(0, Out * width);
            if (Bias is not null)
                for (int co = 0; co < Out; co++) product.Slice(co * width, width).Fill(Bias.Value[co]);
            Gemm.Multiply<T>(Weight.Value.Span, cols, product, Out, width, rows, accumulate: Bias is not null);
            if (count > 1)
                for (int s = 0; s < count; s++)
                    for (int co = 0; co < Out; co++)
                        product.Slice(co * width + s * l, l).CopyTo(ys.Slice((start + s) * sampleOut + co * l, l));
        }
        _columnsHoldBatch = chunk >= n;
        return y;
    }

    public override Tensor<T> Backward(Tensor<T> dY)
    {
        var x = RequireForward(_x);
        var g = GeometryFor(x.Shape);
        int n = x.N, rows = g.ColumnRows, l = g.ColumnCount, sampleIn = g.SampleLength, sampleOut = Out * l;
        CheckGradientShape(dY, new Shape(n, Out, g.OutHeight, g.OutWidth));
        var dX = new Tensor<T>(x.Shape);
        var dys = dY.Span;
        if (Bias is not null)
        {
            var db = Bias.Grad.Span;
            for (int s = 0; s < n; s++)
                for (int co = 0; co < Out; co++)
                    db[co] += Elementwise.Sum<T>(dys.Slice(s * sampleOut + co * l, l));
        }

        int chunk = ChunkSamples(n, rows, l);
        bool reuse = _columnsHoldBatch && chunk >= n;
        Grow(ref _columns, rows * chunk * l);
        Grow(ref _dColumns, rows * chunk * l);
        if (chunk > 1) Grow(ref _product, Out * chunk * l);
        var xs = x.Span;
        var dxs = dX.Span;
        for (int start = 0; start < n; start += chunk)
        {
            int count = Math.Min(chunk, n - start), width = count * l;
            var cols = _columns.AsSpan(0, rows * width);
            if (!reuse)
                for (int s = 0; s < count; s++)
                    Im2Col.Unfold<T>(xs.Slice((start + s) * sampleIn, sampleIn), g, cols, width, s * l);

            // dY_mat of the chunk: (C_out, count·L). One sample: dY[n] already has that layout.
            ReadOnlySpan<T> dYMat;
            if (count == 1) dYMat = dys.Slice(start * sampleOut, sampleOut);
            else
            {
                var gathered = _product.AsSpan(0, Out * width);
                for (int s = 0; s < count; s++)
                    for (int co = 0; co < Out; co++)
                        dys.Slice((start + s) * sampleOut + co * l, l).CopyTo(gathered.Slice(co * width + s * l, l));
                dYMat = gathered;
            }

            Gemm.Multiply<T>(dYMat, cols, Weight.Grad.Span, Out, rows, width, transposeB: true, accumulate: true);
            var dCols = _dColumns.AsSpan(0, rows * width);
            Gemm.Multiply<T>(Weight.Value.Span, dYMat, dCols, rows, width, Out, transposeA: true);
            for (int s = 0; s < count; s++)
                Im2Col.Fold<T>(dCols, width, s * l, g, dxs.Slice((start + s) * sampleIn, sampleIn));
        }
        return dX;
    }

    /// <summary>Samples per chunk: as many as fit in <see cref="ColumnBudget"/>, at least 1, at most N.</summary>
    private int ChunkSamples(int n, int rows, int l)
    {
        long perSample = (long)rows * l;
        return (int)Math.Clamp(ColumnBudget / perSample, 1, Math.Max(n, 1));
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
