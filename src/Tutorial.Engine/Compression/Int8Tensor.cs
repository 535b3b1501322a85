using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Compression;

/// <summary>
/// A tensor stored as 8-bit integers q ∈ [−127, 127] with float32 scales: the value it stands for is
/// deq(q) = s·q, with one scale s per tensor or per row (see <see cref="QuantizationGranularity"/>).
/// Made by <see cref="Int8Quantization.Quantize{T}"/>. Size: one byte per entry plus four per scale.
/// </summary>
public sealed class Int8Tensor
{
    private readonly sbyte[] _values;
    private readonly float[] _scales;

    /// <summary>Wraps quantised values (row-major, <paramref name="shape"/>) and their scales (no copy).</summary>
    public Int8Tensor(Shape shape, sbyte[] values, float[] scales, QuantizationGranularity granularity)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(scales);
        if (values.Length != shape.Length)
            throw new ArgumentException($"Int8Tensor of shape {shape} needs {shape.Length} values, got {values.Length}.");
        int expectedScales = granularity == QuantizationGranularity.PerTensor ? 1 : shape[0];
        if (scales.Length != expectedScales)
            throw new ArgumentException($"Int8Tensor of shape {shape} quantised {granularity} needs {expectedScales} scales, got {scales.Length}.");
        if (values.Any(v => v == sbyte.MinValue))
            throw new ArgumentException("Int8Tensor: symmetric quantisation uses [−127, 127]; −128 is not allowed.");
        Shape = shape;
        _values = values;
        _scales = scales;
        Granularity = granularity;
    }

    public Shape Shape { get; }

    /// <summary>One scale for the whole tensor, or one per row.</summary>
    public QuantizationGranularity Granularity { get; }

    /// <summary>The integers q, row-major.</summary>
    public ReadOnlySpan<sbyte> Values => _values;

    /// <summary>The scales s (one, or one per row).</summary>
    public ReadOnlySpan<float> Scales => _scales;

    /// <summary>Number of entries.</summary>
    public int Length => _values.Length;

    /// <summary>Entries per row (dimension 0).</summary>
    public int RowLength => Shape.Rank == 0 || Shape[0] == 0 ? Length : Length / Shape[0];

    /// <summary>The scale that entry <paramref name="index"/> (flat, row-major) is multiplied by.</summary>
    public float ScaleOf(int index) => Granularity == QuantizationGranularity.PerTensor ? _scales[0] : _scales[index / RowLength];

    /// <summary>Number of entries whose integer is not zero.</summary>
    public int NonZeroCount => _values.Count(v => v != 0);

    /// <summary>Bytes to store it densely: one per entry plus four (float32) per scale.</summary>
    public long SizeInBytes => _values.Length + 4L * _scales.Length;

    /// <summary>
    /// Bytes to store it sparsely: a bitmap of one bit per entry saying which are non-zero, one byte per non-zero
    /// entry, four per scale: ⌈n/8⌉ + nnz + 4·scales.
    /// </summary>
    public long SparseSizeInBytes => ModelSize.SparseBytes(Length, NonZeroCount, 1) + 4L * _scales.Length;

    /// <summary>deq(q) = s·q for every entry, as a new tensor of <see cref="Shape"/>.</summary>
    public Tensor<T> Dequantize<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new Tensor<T>(Shape);
        var dst = result.Span;
        for (int i = 0; i < dst.Length; i++) dst[i] = T.CreateChecked(ScaleOf(i) * (double)_values[i]);
        return result;
    }

    public override string ToString() => $"Int8Tensor{Shape} ({Granularity}, {SizeInBytes} bytes)";
}
