using System.Numerics;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Losses;

/// <summary>
/// Softmax cross-entropy at every step of a sequence, averaged over all N·T predictions: the loss of a
/// character-level language model, where each step predicts the next character.
/// <code>
/// z: (N, T, K) logits     y: (N, T) class indices (stored as T)
/// L  = −(1/(N·T)) Σₙ Σₜ log softmax(zₙₜ)[yₙₜ]
/// dZ = (softmax(z) − onehot(y)) / (N·T)        dZ: (N, T, K)
/// </code>
/// It is <see cref="SoftmaxCrossEntropy{T}"/> on the (N·T, K) view of the logits and the (N·T) view of the
/// targets (views, the same objects again while the buffers stay). For a model that guesses uniformly, L = ln K: the bound a trained model must get well below.
/// </summary>
public sealed class SequenceSoftmaxCrossEntropy<T> : Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly SoftmaxCrossEntropy<T> _flat = new();
    private Shape? _shape;
    private readonly ReshapeCache<T> _logits = new(), _targets = new(), _gradient = new();

    public override bool ReuseBuffers
    {
        get => _flat.ReuseBuffers;
        set => _flat.ReuseBuffers = value;
    }

    public override T Forward(Tensor<T> prediction, Tensor<T> target)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        if (prediction.Rank != 3)
            throw new ShapeMismatchException($"{this} needs logits of shape (N, T, K), got {prediction.Shape}.");
        int n = prediction.Dim(0), steps = prediction.Dim(1), k = prediction.Dim(2);
        if (target.Rank != 2 || target.Dim(0) != n || target.Dim(1) != steps)
            throw new ShapeMismatchException($"{this} got logits of shape {prediction.Shape} and targets of shape {target.Shape}; targets must be ({n}, {steps}) class indices.");
        T loss = _flat.Forward(_logits.View(prediction, n * steps, k), _targets.View(target, n * steps));
        _shape = prediction.Shape;
        return loss;
    }

    public override Tensor<T> Backward()
    {
        var shape = RequireForward(_shape);
        return _gradient.View(_flat.Backward(), shape[0], shape[1], shape[2]);
    }
}
