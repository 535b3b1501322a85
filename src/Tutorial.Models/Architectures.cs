using System.Numerics;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;

namespace Tutorial.Models;

/// <summary>
/// The network architectures of the model zoo, generic over the element type, every one a
/// <see cref="Sequential{T}"/> of engine layers. Weights are drawn from the given <c>Rng</c> in layer order,
/// so the same seed builds the same network (and an empty network to load a saved model file into).
/// </summary>
public static class Architectures
{
    /// <summary>
    /// A multilayer perceptron: Linear layers of the given widths with ReLU between them (none after the last).
    /// <code>sizes = [64, 128, 10]:  x: (N, 64) -> Linear(64, 128) -> ReLU -> Linear(128, 10) -> logits (N, 10)</code>
    /// </summary>
    public static Sequential<T> Mlp<T>(Rng rng, params int[] sizes) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentNullException.ThrowIfNull(sizes);
        if (sizes.Length < 2) throw new ArgumentException($"An MLP needs at least an input and an output width, got {sizes.Length} size(s).", nameof(sizes));
        var model = new Sequential<T>();
        for (int i = 0; i + 1 < sizes.Length; i++)
        {
            if (i > 0) model.Add(new ReLU<T>());
            model.Add(new Linear<T>(sizes[i], sizes[i + 1], rng));
        }
        return model;
    }

    /// <summary>
    /// A LeNet-style convolutional network for 28×28 grey images (LeCun et al. 1998, with ReLU and max pooling):
    /// <code>
    /// x: (N, 1, 28, 28)
    ///   Conv2D(1 → 6, 5×5)   -> (N, 6, 24, 24)  ReLU  MaxPool2D(2) -> (N, 6, 12, 12)
    ///   Conv2D(6 → 16, 5×5)  -> (N, 16, 8, 8)   ReLU  MaxPool2D(2) -> (N, 16, 4, 4)
    ///   Flatten              -> (N, 256)
    ///   Linear(256 → 120) ReLU  Linear(120 → 84) ReLU  Linear(84 → K)  -> logits (N, K)
    /// </code>
    /// 44,426 parameters for K = 10.
    /// </summary>
    public static Sequential<T> LeNet<T>(Rng rng, int classes = 10) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(rng);
        return new Sequential<T>(
            new Conv2D<T>(1, 6, 5, rng), new ReLU<T>(), new MaxPool2D<T>(2),
            new Conv2D<T>(6, 16, 5, rng), new ReLU<T>(), new MaxPool2D<T>(2),
            new Flatten<T>(),
            new Linear<T>(16 * 4 * 4, 120, rng), new ReLU<T>(),
            new Linear<T>(120, 84, rng), new ReLU<T>(),
            new Linear<T>(84, classes, rng));
    }

    /// <summary>
    /// A character-level language model: each character id is embedded, an LSTM reads the sequence, and a
    /// linear head scores the next character at every step.
    /// <code>
    /// x: (N, T) character ids
    ///   Embedding(V, E)               -> (N, T, E)
    ///   LSTM(E → H), every step       -> (N, T, H)
    ///   TimeDistributed(Linear(H, V)) -> logits (N, T, V): position t scores character t + 1
    /// </code>
    /// </summary>
    public static Sequential<T> CharLstm<T>(Rng rng, int vocabulary, int embedding, int hidden, int layers = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(rng);
        return new Sequential<T>(
            new Embedding<T>(vocabulary, embedding, rng),
            new Lstm<T>(embedding, hidden, rng, layers),
            new TimeDistributed<T>(new Linear<T>(hidden, vocabulary, rng)));
    }

    /// <summary>
    /// A one-step-ahead forecaster for a univariate series: an LSTM reads a window of past values and a
    /// linear layer maps its last hidden state to the next value.
    /// <code>
    /// x: (N, T, 1) windows of T values -> LSTM(1 → H), last step -> (N, H) -> Linear(H, 1) -> (N, 1)
    /// </code>
    /// </summary>
    public static Sequential<T> SeriesLstm<T>(Rng rng, int hidden, int layers = 1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(rng);
        return new Sequential<T>(
            new Lstm<T>(1, hidden, rng, layers, RecurrentOutput.LastStep),
            new Linear<T>(hidden, 1, rng));
    }
}
