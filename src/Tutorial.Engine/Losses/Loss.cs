using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Losses;

/// <summary>
/// A scalar loss L(prediction, target), averaged over the batch.
/// <see cref="Forward"/> returns L and keeps what <see cref="Backward"/> needs;
/// Backward returns ∂L/∂prediction, of the prediction's shape.
/// </summary>
public abstract class Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>L(prediction, target), the mean over the batch.</summary>
    public abstract T Forward(Tensor<T> prediction, Tensor<T> target);

    /// <summary>
    /// Off by default. When on, a loss that keeps buffers hands out the same tensors again in the loop Forward,
    /// Backward, Forward, … (the gradient from Backward stays valid only until the next Forward); the <c>Trainer</c>
    /// switches it on for its loop. See <see cref="Layers.Layer{T}.ReuseBuffers"/>.
    /// </summary>
    public virtual bool ReuseBuffers { get; set; }

    /// <summary>∂L/∂prediction for the last Forward.</summary>
    public abstract Tensor<T> Backward();

    /// <summary>The type's name without the generic suffix.</summary>
    public override string ToString()
    {
        string n = GetType().Name;
        int tick = n.IndexOf('`');
        return tick < 0 ? n : n[..tick];
    }

    /// <summary>Throws unless Forward has run.</summary>
    protected TCache RequireForward<TCache>(TCache? cache) where TCache : class =>
        cache ?? throw new InvalidOperationException($"{this}: Backward was called before Forward.");

    /// <summary>Checks that prediction and target have the same shape.</summary>
    protected void CheckSameShape(Tensor<T> prediction, Tensor<T> target)
    {
        if (prediction.Shape != target.Shape)
            throw new ShapeMismatchException($"{this} got prediction of shape {prediction.Shape} and target of shape {target.Shape}; they must match.");
    }
}
