using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Losses;

/// <summary>
/// Reads integer class targets (stored in the tensor's element type) for the classification losses
/// (<see cref="SoftmaxCrossEntropy{T}"/>, <see cref="MultiMarginLoss{T}"/>): scores (N, K), targets (N) or (N, 1),
/// each an exact integer in 0 … K−1.
/// </summary>
internal static class ClassTargets
{
    /// <summary>Checks the shapes and returns the targets as class indices; errors name the loss, the shapes and the bad sample.</summary>
    /// <param name="loss">The loss's name, for errors.</param>
    /// <param name="scores">(N, K).</param>
    /// <param name="target">(N) or (N, 1).</param>
    /// <param name="buffer">Filled and returned instead of a new array when it has exactly N elements.</param>
    public static int[] Read<T>(string loss, Tensor<T> scores, Tensor<T> target, int[]? buffer = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (scores.Rank != 2)
            throw new ShapeMismatchException($"{loss} needs scores (logits) of shape (N, K), got {scores.Shape}.");
        int n = scores.Rows, k = scores.Cols;
        bool columnOrVector = target.Rank == 1 || (target.Rank == 2 && target.Dim(1) == 1);
        if (!columnOrVector || target.Dim(0) != n)
            throw new ShapeMismatchException(
                $"{loss} got scores of shape {scores.Shape} and targets of shape {target.Shape}; targets must be ({n},) class indices.");
        var targets = buffer is not null && buffer.Length == n ? buffer : new int[n];
        var ts = target.Span;
        for (int i = 0; i < n; i++)
        {
            T t = ts[i];
            int c = int.CreateSaturating(t);
            if (T.CreateSaturating(c) != t || c < 0 || c >= k)
                throw new ArgumentException($"{loss}: target {t} of sample {i} is not a class index in 0 … {k - 1}.");
            targets[i] = c;
        }
        return targets;
    }
}
