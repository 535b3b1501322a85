using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Layers;

/// <summary>
/// The last reshaped view one call site made, handed out again when the same view of the same storage is asked for.
/// A training loop reshapes the same buffers every step (<see cref="TimeDistributed{T}"/> folding (N, T, D) into
/// (N·T, D), the sequence loss flattening its logits); each <see cref="Tensor{T}.Reshape"/> is a new tensor object
/// with its shape, small but not free, and this keeps the steady-state step allocation-free. A view shares the data
/// and has no state of its own, so handing out the same one again is the same as making a new one.
/// </summary>
internal sealed class ReshapeCache<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _view;

    /// <summary><paramref name="source"/> viewed as (d0).</summary>
    public Tensor<T> View(Tensor<T> source, int d0) =>
        Matches(source, 1, d0, 0, 0) ? _view! : _view = source.Reshape(d0);

    /// <summary><paramref name="source"/> viewed as (d0, d1).</summary>
    public Tensor<T> View(Tensor<T> source, int d0, int d1) =>
        Matches(source, 2, d0, d1, 0) ? _view! : _view = source.Reshape(d0, d1);

    /// <summary><paramref name="source"/> viewed as (d0, d1, d2).</summary>
    public Tensor<T> View(Tensor<T> source, int d0, int d1, int d2) =>
        Matches(source, 3, d0, d1, d2) ? _view! : _view = source.Reshape(d0, d1, d2);

    private bool Matches(Tensor<T> source, int rank, int d0, int d1, int d2)
    {
        if (_view is not { } v || v.Data != source.Data || v.Offset != source.Offset || v.Rank != rank) return false;
        if (v.Dim(0) != d0 || (rank > 1 && v.Dim(1) != d1) || (rank > 2 && v.Dim(2) != d2)) return false;
        return v.Length == source.Length;
    }
}
