using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Kernels;

/// <summary>
/// The sizes of one 2-D sliding-window operation (convolution or pooling) on one sample of shape
/// (C, H, W): kernel (kH, kW), stride s, zero padding p on each side, dilation d.
/// <para>Output size along each axis (PyTorch's formula, floor division):
/// <code>
/// H_out = ⌊(H + 2p − d(k − 1) − 1) / s⌋ + 1
/// </code>
/// d(k − 1) + 1 is the extent the dilated kernel covers; the window at output row oh starts at input
/// row oh·s − p, and its tap kh reads row oh·s − p + kh·d (zero when outside 0 … H−1).</para>
/// <para>im2col turns the sample into a matrix of <see cref="ColumnRows"/> = C·kH·kW rows (one per kernel
/// tap (c, kh, kw)) and <see cref="ColumnCount"/> = H_out·W_out columns (one per output position).</para>
/// </summary>
public readonly record struct ConvGeometry(int Channels, int Height, int Width, Pair2D Kernel, Pair2D Stride, Pair2D Padding, Pair2D Dilation)
{
    /// <summary>H_out = ⌊(H + 2p − d(k − 1) − 1) / s⌋ + 1; zero or negative when the input is too small.</summary>
    public static int OutputSize(int size, int kernel, int stride, int padding, int dilation)
    {
        if (stride <= 0) throw new ArgumentOutOfRangeException(nameof(stride), $"The stride must be positive, got {stride}.");
        int numerator = size + 2 * padding - dilation * (kernel - 1) - 1;
        return (int)Math.Floor((double)numerator / stride) + 1;
    }

    /// <summary>The smallest input size that gives one output: d(k − 1) + 1 − 2p (at least 1).</summary>
    public static int MinimumInputSize(int kernel, int padding, int dilation) => Math.Max(1, dilation * (kernel - 1) + 1 - 2 * padding);

    /// <summary>H_out.</summary>
    public int OutHeight => OutputSize(Height, Kernel.H, Stride.H, Padding.H, Dilation.H);

    /// <summary>W_out.</summary>
    public int OutWidth => OutputSize(Width, Kernel.W, Stride.W, Padding.W, Dilation.W);

    /// <summary>C·kH·kW: rows of the im2col matrix, the length of one unrolled receptive field.</summary>
    public int ColumnRows => Channels * Kernel.H * Kernel.W;

    /// <summary>H_out·W_out: columns of the im2col matrix, one per output position.</summary>
    public int ColumnCount => OutHeight * OutWidth;

    /// <summary>C·H·W: the elements of one input sample.</summary>
    public int SampleLength => Channels * Height * Width;

    /// <summary>True when the input is large enough for at least one output position along each axis.</summary>
    public bool HasOutput => OutHeight > 0 && OutWidth > 0;

    /// <summary>Throws unless kernel, stride and dilation are positive and padding is non-negative.</summary>
    public static void ValidateHyperparameters(string layer, Pair2D kernel, Pair2D stride, Pair2D padding, Pair2D dilation)
    {
        if (kernel.H <= 0 || kernel.W <= 0) throw new ArgumentOutOfRangeException(nameof(kernel), $"{layer}: the kernel size must be positive, got {kernel}.");
        if (stride.H <= 0 || stride.W <= 0) throw new ArgumentOutOfRangeException(nameof(stride), $"{layer}: the stride must be positive, got {stride}.");
        if (padding.H < 0 || padding.W < 0) throw new ArgumentOutOfRangeException(nameof(padding), $"{layer}: the padding must not be negative, got {padding}.");
        if (dilation.H <= 0 || dilation.W <= 0) throw new ArgumentOutOfRangeException(nameof(dilation), $"{layer}: the dilation must be positive, got {dilation}.");
    }
}
