using System.Numerics;
using Tutorial.Engine.Layers;

namespace Tutorial.Engine.Compression;

/// <summary>
/// Magnitude pruning: remove the weights of smallest absolute value, on the assumption that they matter least.
/// <code>
/// sparsity s ∈ [0, 1],  n weights          k = round(s·n) weights are pruned
/// global:     rank |w| over all given tensors together, prune the k smallest (layers may end up with different sparsities)
/// per-tensor: in each tensor of nᵢ weights prune the round(s·nᵢ) smallest |w| (every layer gets sparsity ≈ s)
/// mask mⱼ = 0 for a pruned weight, 1 otherwise;  w ← m ⊙ w
/// </code>
/// Ties in |w| are broken by position (the earlier tensor, then the lower index, is pruned first), so exactly k
/// weights are pruned and the result is deterministic. Biases are usually left alone (few, and each one matters):
/// <see cref="Weights"/> selects the parameters of rank ≥ 2.
/// </summary>
public static class MagnitudePruning
{
    /// <summary>The parameters worth pruning: the weight matrices and filter banks (rank ≥ 2), not the biases.</summary>
    public static IReadOnlyList<Parameter<T>> Weights<T>(Layer<T> model) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Parameters.Where(p => p.Value.Rank >= 2).ToArray();
    }

    /// <summary>
    /// Global pruning of the <paramref name="sparsity"/> fraction of smallest-magnitude weights over all
    /// <paramref name="parameters"/> together; zeroes them and returns the mask.
    /// </summary>
    public static PruningMask<T> Global<T>(IReadOnlyList<Parameter<T>> parameters, double sparsity) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameters);
        CheckSparsity(sparsity);
        int total = parameters.Sum(p => p.Value.Length);
        var keep = parameters.Select(p => Enumerable.Repeat(true, p.Value.Length).ToArray()).ToArray();
        var order = new List<(double Magnitude, int Tensor, int Index)>(total);
        for (int t = 0; t < parameters.Count; t++)
        {
            var span = parameters[t].Value.Span;
            for (int i = 0; i < span.Length; i++) order.Add((double.CreateChecked(T.Abs(span[i])), t, i));
        }
        order.Sort();   // by magnitude, then tensor, then index
        int k = PrunedCount(sparsity, total);
        for (int j = 0; j < k; j++) keep[order[j].Tensor][order[j].Index] = false;
        var mask = new PruningMask<T>(parameters, keep);
        mask.Apply();
        return mask;
    }

    /// <summary>
    /// Per-tensor (layer-wise) pruning: each parameter loses its own <paramref name="sparsity"/> fraction of
    /// smallest-magnitude weights; zeroes them and returns the mask.
    /// </summary>
    public static PruningMask<T> PerTensor<T>(IReadOnlyList<Parameter<T>> parameters, double sparsity) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameters);
        CheckSparsity(sparsity);
        var keep = new bool[parameters.Count][];
        for (int t = 0; t < parameters.Count; t++)
        {
            var span = parameters[t].Value.Span;
            keep[t] = Enumerable.Repeat(true, span.Length).ToArray();
            var order = new (double Magnitude, int Index)[span.Length];
            for (int i = 0; i < span.Length; i++) order[i] = (double.CreateChecked(T.Abs(span[i])), i);
            Array.Sort(order);
            int k = PrunedCount(sparsity, span.Length);
            for (int j = 0; j < k; j++) keep[t][order[j].Index] = false;
        }
        var mask = new PruningMask<T>(parameters, keep);
        mask.Apply();
        return mask;
    }

    /// <summary>The fraction of entries that are exactly zero over all <paramref name="parameters"/>.</summary>
    public static double Sparsity<T>(IEnumerable<Parameter<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameters);
        long zeros = 0, total = 0;
        foreach (var p in parameters)
        {
            foreach (var v in p.Value.Span) if (v == T.Zero) zeros++;
            total += p.Value.Length;
        }
        return total == 0 ? 0 : (double)zeros / total;
    }

    /// <summary>k = round(s·n), the number of weights pruned out of <paramref name="count"/> at sparsity s (halves round to even).</summary>
    public static int PrunedCount(double sparsity, int count)
    {
        CheckSparsity(sparsity);
        return (int)Math.Min(count, Math.Round(sparsity * count, MidpointRounding.ToEven));
    }

    private static void CheckSparsity(double sparsity)
    {
        if (!(sparsity >= 0 && sparsity <= 1))
            throw new ArgumentOutOfRangeException(nameof(sparsity), sparsity, $"MagnitudePruning: the sparsity must be in [0, 1], got {sparsity}.");
    }
}
