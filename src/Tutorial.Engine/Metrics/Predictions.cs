using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Metrics;

/// <summary>Turns network outputs and target tensors into class labels for the classification metrics.</summary>
public static class Predictions
{
    /// <summary>
    /// The predicted class of each row: the index of the largest score (the first one on ties).
    /// <c>scores: (N, K) -> (N)</c>. For a single column <c>(N, 1)</c> or <c>(N)</c> of probabilities or logits,
    /// the class is 1 when the score is above <paramref name="threshold"/>, else 0
    /// (0.5 for sigmoid probabilities; use 0 for raw logits).
    /// </summary>
    public static int[] ArgMax<T>(Tensor<T> scores, double threshold = 0.5) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Rank == 1 || scores.Rank == 2 && scores.Cols == 1)
        {
            int n1 = scores.Shape[0];
            var labels1 = new int[n1];
            T t = T.CreateChecked(threshold);
            var s1 = scores.Span;
            for (int i = 0; i < n1; i++) labels1[i] = s1[i] > t ? 1 : 0;
            return labels1;
        }
        if (scores.Rank != 2)
            throw new ShapeMismatchException($"ArgMax needs scores of shape (N, K) or (N, 1), got {scores.Shape}.");
        int n = scores.Rows, k = scores.Cols;
        var labels = new int[n];
        var s = scores.Span;
        for (int i = 0; i < n; i++)
        {
            var row = s.Slice(i * k, k);
            int best = 0;
            for (int j = 1; j < k; j++)
                if (row[j] > row[best]) best = j;
            labels[i] = best;
        }
        return labels;
    }

    /// <summary>
    /// Class indices stored as <typeparamref name="T"/> in a tensor of shape (N) or (N, 1), as integers.
    /// Throws when a value is not a non-negative integer.
    /// </summary>
    public static int[] Labels<T>(Tensor<T> targets) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (!(targets.Rank == 1 || targets.Rank == 2 && targets.Cols == 1))
            throw new ShapeMismatchException($"Class targets must have shape (N) or (N, 1), got {targets.Shape}.");
        var s = targets.Span;
        var labels = new int[s.Length];
        for (int i = 0; i < s.Length; i++)
        {
            int c = int.CreateSaturating(s[i]);
            if (T.CreateChecked(c) != s[i] || c < 0)
                throw new ArgumentException($"Target {s[i]} of sample {i} is not a class index (a non-negative integer).");
            labels[i] = c;
        }
        return labels;
    }
}
