using System.Numerics;
using Tutorial.Engine.Layers;

namespace Tutorial.Engine.Compression;

/// <summary>
/// Which weights of a set of parameters survive pruning: for each parameter a keep-mask mᵢ ∈ {0, 1} of the
/// parameter's shape. <see cref="Apply"/> sets w ← m ⊙ w; <see cref="MaskGradients"/> sets g ← m ⊙ g.
/// <para>Fine-tuning a pruned model: call <see cref="MaskGradients"/> after Backward (so the step sees no gradient
/// for a pruned weight) and <see cref="Apply"/> after every optimizer step (momentum or weight decay could still
/// move a pruned weight; re-applying the mask puts it back to exactly zero).</para>
/// </summary>
public sealed class PruningMask<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T>[] _parameters;
    private readonly bool[][] _keep;

    /// <summary>Wraps one keep-mask per parameter (true = keep); each mask has the parameter's length.</summary>
    public PruningMask(IReadOnlyList<Parameter<T>> parameters, IReadOnlyList<bool[]> keep)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(keep);
        if (parameters.Count != keep.Count)
            throw new ArgumentException($"PruningMask got {parameters.Count} parameters but {keep.Count} masks.");
        for (int i = 0; i < parameters.Count; i++)
            if (keep[i].Length != parameters[i].Value.Length)
                throw new ArgumentException($"PruningMask: the mask of {parameters[i]} has {keep[i].Length} entries, the parameter {parameters[i].Value.Length}.");
        _parameters = parameters.ToArray();
        _keep = keep.Select(k => (bool[])k.Clone()).ToArray();
    }

    /// <summary>The masked parameters, in order.</summary>
    public IReadOnlyList<Parameter<T>> Parameters => _parameters;

    /// <summary>True where parameter <paramref name="index"/> keeps its weight.</summary>
    public ReadOnlySpan<bool> Keep(int index) => _keep[index];

    /// <summary>Number of masked weights (kept and pruned).</summary>
    public int Total => _keep.Sum(k => k.Length);

    /// <summary>Number of weights the mask keeps.</summary>
    public int Kept => _keep.Sum(k => k.Count(b => b));

    /// <summary>Fraction of masked weights the mask removes: 1 − Kept / Total.</summary>
    public double Sparsity => Total == 0 ? 0 : 1 - (double)Kept / Total;

    /// <summary>Fraction pruned in parameter <paramref name="index"/> alone.</summary>
    public double SparsityOf(int index) => _keep[index].Length == 0 ? 0 : 1 - (double)_keep[index].Count(b => b) / _keep[index].Length;

    /// <summary>w ← m ⊙ w for every parameter: pruned weights become exactly zero.</summary>
    public void Apply() => Multiply(p => p.Value);

    /// <summary>g ← m ⊙ g for every parameter's gradient: pruned weights get no update from plain SGD.</summary>
    public void MaskGradients() => Multiply(p => p.Grad);

    private void Multiply(Func<Parameter<T>, Tensors.Tensor<T>> select)
    {
        for (int i = 0; i < _parameters.Length; i++)
        {
            var span = select(_parameters[i]).Span;
            var keep = _keep[i];
            for (int j = 0; j < span.Length; j++)
                if (!keep[j]) span[j] = T.Zero;
        }
    }

    public override string ToString() => $"PruningMask({_parameters.Length} tensors, {Kept} of {Total} weights kept, sparsity {Sparsity:0.###})";
}
