using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Training;

/// <summary>Helpers that cut data sets into mini-batches along dimension 0 (the sample axis N).</summary>
public static class Batches
{
    /// <summary>
    /// A new tensor made of the given rows (samples) of <paramref name="source"/>, in the given order.
    /// <code>source: (N, …) -> (rows.Length, …)</code>
    /// </summary>
    public static Tensor<T> Gather<T>(Tensor<T> source, ReadOnlySpan<int> rows) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Rank == 0) throw new ArgumentException("Cannot take rows of a scalar tensor.");
        int n = source.Shape[0];
        int rowLength = n == 0 ? 0 : source.Length / n;
        var result = new Tensor<T>(source.Shape.WithDim(0, rows.Length));
        var src = source.Span;
        var dst = result.Span;
        for (int i = 0; i < rows.Length; i++)
        {
            int r = rows[i];
            if ((uint)r >= (uint)n) throw new ArgumentOutOfRangeException(nameof(rows), $"Row {r} is outside dimension 0 of shape {source.Shape}.");
            src.Slice(r * rowLength, rowLength).CopyTo(dst.Slice(i * rowLength, rowLength));
        }
        return result;
    }

    /// <summary>The number of batches of at most <paramref name="batchSize"/> samples covering <paramref name="count"/> samples (the last may be smaller).</summary>
    public static int Count(int count, int batchSize) => (count + batchSize - 1) / batchSize;

    /// <summary>Concatenates tensors along dimension 0; all must agree on the other dimensions.</summary>
    public static Tensor<T> Concatenate<T>(IReadOnlyList<Tensor<T>> parts) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0) throw new ArgumentException("Nothing to concatenate.");
        var first = parts[0].Shape;
        int rows = 0;
        foreach (var p in parts)
        {
            if (p.Rank != first.Rank || !p.Shape.Span[1..].SequenceEqual(first.Span[1..]))
                throw new ShapeMismatchException($"Cannot concatenate a tensor of shape {p.Shape} with one of shape {first} along dimension 0.");
            rows += p.Shape[0];
        }
        var result = new Tensor<T>(first.WithDim(0, rows));
        int offset = 0;
        foreach (var p in parts)
        {
            p.Span.CopyTo(result.Span[offset..]);
            offset += p.Length;
        }
        return result;
    }
}
