using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data;

/// <summary>Copies selected rows (samples along dimension 0) of a tensor into a new tensor.</summary>
public static class TensorRows
{
    /// <summary>
    /// Rows <paramref name="indices"/> of <paramref name="x"/>, in that order, as a new tensor:
    /// <c>x: (N, …) -> (indices.Length, …)</c>. An index may repeat.
    /// </summary>
    public static Tensor<T> Take<T>(Tensor<T> x, ReadOnlySpan<int> indices) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank == 0) throw new ArgumentException("A scalar tensor has no rows to take.", nameof(x));
        int n = x.N;
        int rowLength = n == 0 ? 0 : x.Length / n;
        var result = new Tensor<T>(x.Shape.WithDim(0, indices.Length));
        var src = x.Span;
        var dst = result.Span;
        for (int i = 0; i < indices.Length; i++)
        {
            int r = indices[i];
            if ((uint)r >= (uint)n)
                throw new ArgumentOutOfRangeException(nameof(indices), $"Row index {r} (position {i}) is outside a tensor of shape {x.Shape}.");
            src.Slice(r * rowLength, rowLength).CopyTo(dst.Slice(i * rowLength, rowLength));
        }
        return result;
    }
}
