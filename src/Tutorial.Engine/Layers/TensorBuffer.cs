using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Layers;

/// <summary>
/// A tensor a layer hands out again (its output y or its input gradient dX), so a training step in steady state
/// allocates nothing: the same shape gets the same tensor back; a smaller one (the short last batch of an epoch)
/// gets a new view onto the same storage; only a larger one gets new storage.
/// <para>When it may be handed out again: only after <see cref="Release"/>, which a layer calls when it moves on to
/// the other half of a training step — Backward releases y, Forward releases dX — and only in training mode.
/// So in the loop forward, backward, forward, backward, … each call gets its previous tensor back, while two
/// Forward calls in a row (two predictions to compare), any call in evaluation mode, and the first call of a layer
/// all get new tensors.</para>
/// </summary>
internal sealed class TensorBuffer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _tensor;
    private bool _released;

    /// <summary>The tensor handed out last may be handed out again by the next <c>Get</c>.</summary>
    public void Release() => _released = true;

    /// <summary>A tensor of <paramref name="shape"/>: the previous one (or a view of its storage) when
    /// <paramref name="reuse"/>, it was released and it fits, else new (zeros). A reused tensor keeps its old values
    /// unless <paramref name="clear"/>.</summary>
    public Tensor<T> Get(Shape shape, bool reuse, bool clear)
    {
        var t = _tensor;
        if (reuse && _released && t is not null)
        {
            if (t.Shape != shape) t = t.Data.Length >= shape.Length ? new Tensor<T>(t.Data, shape) : new Tensor<T>(shape);
            if (clear) t.Span.Clear();
        }
        else
            t = new Tensor<T>(shape);
        _tensor = t;
        _released = false;
        return t;
    }

    /// <summary>The same for a shape given by its dimensions; allocates no <see cref="Shape"/> when the tensor is reused.</summary>
    public Tensor<T> Get(bool reuse, bool clear, params ReadOnlySpan<int> dims)
    {
        if (reuse && _released && _tensor is { } t && t.Shape.Span.SequenceEqual(dims))
        {
            if (clear) t.Span.Clear();
            _released = false;
            return t;
        }
        return Get(new Shape(dims.ToArray()), reuse, clear);
    }
}
