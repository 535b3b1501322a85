using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Preprocessing;

/// <summary>
/// One-hot encoding of class indices and its inverse:
/// <code>
/// labels: N indices in 0 … K−1  ->  Y: (N, K),  Y[n, k] = 1 if labels[n] = k else 0
/// Decode: (N, K) -> N indices, the arg-max of each row (the first one on ties)
/// </code>
/// </summary>
public static class OneHot
{
    /// <summary>Encodes <paramref name="labels"/> as <c>(N, K)</c> rows with a single 1.</summary>
    public static Tensor<T> Encode<T>(ReadOnlySpan<int> labels, int numClasses) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (numClasses <= 0) throw new ArgumentOutOfRangeException(nameof(numClasses), $"One-hot encoding needs at least one class, got {numClasses}.");
        var y = new Tensor<T>(labels.Length, numClasses);
        var d = y.Span;
        for (int n = 0; n < labels.Length; n++)
        {
            if ((uint)labels[n] >= (uint)numClasses)
                throw new ArgumentOutOfRangeException(nameof(labels), $"Label {labels[n]} of sample {n} is not a class index in 0 … {numClasses - 1}.");
            d[n * numClasses + labels[n]] = T.One;
        }
        return y;
    }

    /// <summary>Encodes a tensor of class indices <c>(N,)</c> (as SoftmaxCrossEntropy takes them) as <c>(N, K)</c>.</summary>
    public static Tensor<T> Encode<T>(Tensor<T> indices, int numClasses) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(indices);
        if (indices.Rank != 1) throw new ShapeMismatchException($"OneHot.Encode needs class indices of shape (N,), got {indices.Shape}.");
        var labels = new int[indices.Length];
        var s = indices.Span;
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = int.CreateSaturating(s[i]);
            if (T.CreateChecked(labels[i]) != s[i])
                throw new ArgumentException($"Value {s[i]} of sample {i} is not a whole class index.", nameof(indices));
        }
        return Encode<T>(labels, numClasses);
    }

    /// <summary>The arg-max of each row of <c>(N, K)</c> scores or one-hot rows: N class indices.</summary>
    public static int[] Decode<T>(Tensor<T> rows) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Rank != 2 || rows.Cols == 0) throw new ShapeMismatchException($"OneHot.Decode needs rows of shape (N, K) with K ≥ 1, got {rows.Shape}.");
        int n = rows.Rows, k = rows.Cols;
        var s = rows.Span;
        var result = new int[n];
        for (int i = 0; i < n; i++)
        {
            int best = 0;
            for (int j = 1; j < k; j++)
                if (s[i * k + j] > s[i * k + best]) best = j;
            result[i] = best;
        }
        return result;
    }
}
