using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Layers;

/// <summary>
/// Layers applied one after another: y = fₖ(…f₂(f₁(x))). Backward runs them in reverse,
/// dX = ∂f₁ᵀ(…∂fₖᵀ(dY)). Parameters are named by position, e.g. <c>0.weight</c>, <c>2.bias</c>
/// (PyTorch's state_dict names, so weights can be compared).
/// </summary>
public sealed class Sequential<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<Layer<T>> _layers = [];
    private bool _training = true;
    private bool _reuseBuffers;

    public Sequential(params Layer<T>[] layers)
    {
        foreach (var layer in layers) Add(layer);
    }

    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<Layer<T>> Layers => _layers;

    /// <summary>Appends a layer (in the container's current mode).</summary>
    public Sequential<T> Add(Layer<T> layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        layer.Training = _training;
        layer.ReuseBuffers = _reuseBuffers;
        _layers.Add(layer);
        return this;
    }

    public override bool ReuseBuffers
    {
        get => _reuseBuffers;
        set
        {
            _reuseBuffers = value;
            foreach (var layer in _layers) layer.ReuseBuffers = value;
        }
    }

    public override bool Training
    {
        get => _training;
        set
        {
            _training = value;
            foreach (var layer in _layers) layer.Training = value;
        }
    }

    public override IReadOnlyList<Parameter<T>> Parameters => _layers.SelectMany(l => l.Parameters).ToList();

    public override IEnumerable<(string Name, Parameter<T> Parameter)> NamedParameters() =>
        _layers.SelectMany((layer, i) => layer.NamedParameters().Select(np => ($"{i}.{np.Name}", np.Parameter)));

    public override IEnumerable<(string Name, Tensor<T> Buffer)> NamedBuffers() =>
        _layers.SelectMany((layer, i) => layer.NamedBuffers().Select(nb => ($"{i}.{nb.Name}", nb.Buffer)));

    public override Tensor<T> Forward(Tensor<T> x)
    {
        foreach (var layer in _layers) x = layer.Forward(x);
        return x;
    }

    public override Tensor<T> Backward(Tensor<T> dY)
    {
        for (int i = _layers.Count - 1; i >= 0; i--) dY = _layers[i].Backward(dY);
        return dY;
    }

    /// <summary>Backward without dX: every layer but the first as in <see cref="Backward"/>, the first with
    /// <see cref="Layer{T}.BackwardParameters"/> (the model's input is data, its gradient is not needed).</summary>
    public override void BackwardParameters(Tensor<T> dY)
    {
        if (_layers.Count == 0) return;
        for (int i = _layers.Count - 1; i >= 1; i--) dY = _layers[i].Backward(dY);
        _layers[0].BackwardParameters(dY);
    }

    public override Shape OutputShape(Shape input)
    {
        foreach (var layer in _layers) input = layer.OutputShape(input);
        return input;
    }

    /// <summary>Switches to evaluation mode (dropout off, batch norm uses running statistics).</summary>
    public Sequential<T> Eval()
    {
        Training = false;
        return this;
    }

    /// <summary>Switches to training mode.</summary>
    public Sequential<T> Train()
    {
        Training = true;
        return this;
    }

    public override string ToString() => $"Sequential({string.Join(", ", _layers)})";
}
