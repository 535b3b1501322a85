using System.Numerics;
using Tutorial.Engine.Kernels;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Layers;

/// <summary>
/// A lookup table of learned vectors, one row per token id: the first layer of a text model.
/// <code>
/// x: any shape, e.g. (N, T), holding integer ids 0 … num−1 stored as T     W: (num, dim)
/// y: x's shape + (dim),  e.g. (N, T, dim)       y[…, :] = W[x[…], :]
/// dW[i, :] += Σ over the positions where x = i of dY[…, :]    (repeated ids accumulate)
/// </code>
/// Equivalent to multiplying a one-hot row by W, without building the one-hot matrix.
/// The ids are not differentiable (y is piecewise constant in them), so Backward returns zeros of x's shape.
/// Weights start from N(0, 1), as in PyTorch's <c>nn.Embedding</c>.
/// </summary>
public sealed class Embedding<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T>[] _parameters;
    private Shape? _inputShape;
    private int[] _ids = [];

    /// <summary>Creates a table of <paramref name="numEmbeddings"/> vectors of length <paramref name="dim"/> drawn from N(0, 1).</summary>
    public Embedding(int numEmbeddings, int dim, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (numEmbeddings <= 0 || dim <= 0)
            throw new ArgumentOutOfRangeException(nameof(numEmbeddings), $"Embedding needs positive sizes, got num: {numEmbeddings}, dim: {dim}.");
        NumEmbeddings = numEmbeddings;
        Dim = dim;
        Weight = new Parameter<T>("weight", Tensor<T>.Normal(rng, 0, 1, numEmbeddings, dim));
        _parameters = [Weight];
    }

    /// <summary>The number of ids (rows of the table).</summary>
    public int NumEmbeddings { get; }

    /// <summary>The length of each vector.</summary>
    public int Dim { get; }

    /// <summary>W: (num, dim).</summary>
    public Parameter<T> Weight { get; }

    public override IReadOnlyList<Parameter<T>> Parameters => _parameters;

    public override Shape OutputShape(Shape input) => new([.. input.Span, Dim]);

    public override Tensor<T> Forward(Tensor<T> x)
    {
        var xs = x.Span;
        if (_ids.Length < xs.Length) _ids = new int[xs.Length];
        for (int i = 0; i < xs.Length; i++) _ids[i] = ToId(xs[i], i, x.Shape);
        var y = new Tensor<T>(OutputShape(x.Shape));
        var w = Weight.Value.Span;
        var ys = y.Span;
        for (int i = 0; i < xs.Length; i++) w.Slice(_ids[i] * Dim, Dim).CopyTo(ys.Slice(i * Dim, Dim));
        _inputShape = x.Shape;
        return y;
    }

    public override Tensor<T> Backward(Tensor<T> dY)
    {
        var shape = RequireForward(_inputShape);
        CheckGradientShape(dY, OutputShape(shape));
        var dW = Weight.Grad.Span;
        var dys = dY.Span;
        for (int i = 0; i < shape.Length; i++)
        {
            var row = dW.Slice(_ids[i] * Dim, Dim);
            Elementwise.Add<T>(row, dys.Slice(i * Dim, Dim), row);
        }
        return new Tensor<T>(shape);
    }

    /// <summary>The id stored at flat position <paramref name="position"/>, or an error naming the layer, the value and where it sits.</summary>
    private int ToId(T value, int position, Shape shape)
    {
        if (T.IsInteger(value) && value >= T.Zero && value < T.CreateChecked(NumEmbeddings)) return int.CreateTruncating(value);
        throw new ArgumentOutOfRangeException("x",
            $"{this} got x of shape {shape} with the value {value} at flat position {position}; ids must be integers in [0, {NumEmbeddings}).");
    }

    public override string ToString() => $"Embedding(num: {NumEmbeddings}, dim: {Dim})";
}
