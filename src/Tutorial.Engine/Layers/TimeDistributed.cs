using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Layers;

/// <summary>
/// Applies a layer made for (rows, features) to every time step of a sequence, with the same weights
/// at every step (Keras's <c>TimeDistributed</c>): the steps are folded into the batch, the inner layer
/// runs once, and the result is unfolded again.
/// <code>
/// x: (N, T, D) -> view (N·T, D) -> inner -> (N·T, D_out) -> view y: (N, T, D_out)
/// dX = inner.Backward(dY viewed as (N·T, D_out)) viewed as (N, T, D)
/// </code>
/// Typical use: the output head of a sequence model, <c>TimeDistributed(Linear(H, V))</c> after an LSTM that
/// returns every step, so each step gets its own prediction of the next character. The reshapes are views
/// (no copy; the same view objects are handed out again while the buffers stay), and the parameters are the inner
/// layer's, under the inner layer's names.
/// </summary>
public sealed class TimeDistributed<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Shape? _inputShape;
    private Shape? _outputShape;
    private readonly ReshapeCache<T> _xRows = new(), _ySteps = new(), _dYRows = new(), _dXSteps = new();

    /// <summary>Wraps <paramref name="inner"/>, which must take (rows, features) inputs, such as <see cref="Linear{T}"/>.</summary>
    public TimeDistributed(Layer<T> inner)
    {
        Inner = inner ?? throw new ArgumentNullException(nameof(inner));
    }

    /// <summary>The layer applied at every step.</summary>
    public Layer<T> Inner { get; }

    public override bool Training
    {
        get => Inner.Training;
        set => Inner.Training = value;
    }

    public override bool ReuseBuffers
    {
        get => Inner.ReuseBuffers;
        set => Inner.ReuseBuffers = value;
    }

    public override IReadOnlyList<Parameter<T>> Parameters => Inner.Parameters;

    public override IEnumerable<(string Name, Parameter<T> Parameter)> NamedParameters() => Inner.NamedParameters();

    public override IEnumerable<(string Name, Tensor<T> Buffer)> NamedBuffers() => Inner.NamedBuffers();

    public override Tensor<T> Forward(Tensor<T> x)
    {
        if (x.Rank != 3) throw ShapeError("x", x.Shape, "(N, T, D)");
        int n = x.Dim(0), steps = x.Dim(1), d = x.Dim(2);
        var y = Inner.Forward(_xRows.View(x, n * steps, d));
        if (y.Rank != 2 || y.Dim(0) != n * steps)
            throw ShapeError("the inner layer's output", y.Shape, $"({n * steps}, D_out): one row per step");
        _inputShape = x.Shape;
        var result = _ySteps.View(y, n, steps, y.Dim(1));
        _outputShape = result.Shape;
        return result;
    }

    public override Tensor<T> Backward(Tensor<T> dY)
    {
        var inputShape = RequireForward(_inputShape);
        var outputShape = _outputShape!;
        CheckGradientShape(dY, outputShape);
        var dX = Inner.Backward(_dYRows.View(dY, outputShape[0] * outputShape[1], outputShape[2]));
        return _dXSteps.View(dX, inputShape[0], inputShape[1], inputShape[2]);
    }

    /// <summary>Backward without dX: the inner layer's <see cref="Layer{T}.BackwardParameters"/> on the (N·T, D_out) view.</summary>
    public override void BackwardParameters(Tensor<T> dY)
    {
        RequireForward(_inputShape);
        var outputShape = _outputShape!;
        CheckGradientShape(dY, outputShape);
        Inner.BackwardParameters(_dYRows.View(dY, outputShape[0] * outputShape[1], outputShape[2]));
    }

    public override Shape OutputShape(Shape input)
    {
        if (input.Rank != 3) throw ShapeError("x", input, "(N, T, D)");
        var inner = Inner.OutputShape(new Shape(input[0] * input[1], input[2]));
        return new Shape(input[0], input[1], inner[-1]);
    }

    public override string ToString() => $"TimeDistributed({Inner})";
}
