using System.Numerics;
using Tutorial.Engine.Layers;

namespace Tutorial.Engine.Compression;

/// <summary>
/// Storage sizes in bytes, to compare compressed models with the dense original.
/// <code>
/// dense float32:  4 · (number of parameters)
/// sparse:         ⌈n/8⌉ + b · nnz     (a bitmap of n bits marks the non-zero entries; each is stored in b bytes)
/// </code>
/// The bitmap format pays off once more than 1/(8b) of the entries are zero (1/32 for float32).
/// </summary>
public static class ModelSize
{
    /// <summary>4 bytes per trainable scalar of <paramref name="model"/>.</summary>
    public static long Float32Bytes<T>(Layer<T> model) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        return 4L * model.ParameterCount;
    }

    /// <summary>⌈<paramref name="count"/>/8⌉ + <paramref name="bytesPerValue"/> · <paramref name="nonZeros"/>.</summary>
    public static long SparseBytes(long count, long nonZeros, int bytesPerValue)
    {
        if (count < 0 || nonZeros < 0 || nonZeros > count)
            throw new ArgumentOutOfRangeException(nameof(nonZeros), $"ModelSize.SparseBytes needs 0 ≤ nonZeros ≤ count, got {nonZeros} of {count}.");
        if (bytesPerValue < 1) throw new ArgumentOutOfRangeException(nameof(bytesPerValue), $"ModelSize.SparseBytes needs at least 1 byte per value, got {bytesPerValue}.");
        return (count + 7) / 8 + (long)bytesPerValue * nonZeros;
    }

    /// <summary>
    /// A float32 model whose weight matrices (rank ≥ 2) are stored sparsely (bitmap + 4 bytes per non-zero) and the
    /// other parameters densely: what a pruned model costs.
    /// </summary>
    public static long SparseFloat32Bytes<T>(Layer<T> model) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        long bytes = 0;
        foreach (var p in model.Parameters)
        {
            if (p.Value.Rank < 2) { bytes += 4L * p.Value.Length; continue; }
            long nonZeros = 0;
            foreach (var v in p.Value.Span) if (v != T.Zero) nonZeros++;
            bytes += SparseBytes(p.Value.Length, nonZeros, 4);
        }
        return bytes;
    }
}
