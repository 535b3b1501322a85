using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Layers;

/// <summary>
/// A differentiable function with an explicit forward and backward pass.
/// <para><see cref="Forward"/> computes y = f(x) and keeps what Backward needs.
/// <see cref="Backward"/> takes dY = ∂L/∂y for the last Forward, returns dX = ∂L/∂x, never modifies
/// dY, and adds (<c>+=</c>) into each parameter's gradient.</para>
/// Layers start in training mode; <see cref="Training"/> switches dropout and batch norm.
/// <para>Every Forward and Backward returns a new tensor, which stays valid as long as the caller keeps it, unless
/// <see cref="ReuseBuffers"/> is switched on (the <c>Trainer</c> does, for its loop).</para>
/// </summary>
public abstract class Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>True in training mode (the default), false in evaluation mode.</summary>
    public virtual bool Training { get; set; } = true;

    /// <summary>
    /// Off by default. When on, in training mode and in the loop Forward, Backward, Forward, Backward, … the layer
    /// hands out its previous tensors again (y from Forward after a Backward, dX from Backward after a Forward), so a
    /// training step allocates nothing; a result then stays valid only until the layer's next step
    /// (<see cref="Tensor{T}.Clone"/> it to keep it longer). Two Forward calls in a row, and every call in evaluation
    /// mode, still return new tensors. The <c>Trainer</c> switches it on for its loop; containers pass it on.
    /// </summary>
    public virtual bool ReuseBuffers { get; set; }

    /// <summary>Whether this call may hand out a tensor of the previous step again: <see cref="Training"/> and <see cref="ReuseBuffers"/>.</summary>
    protected bool ReuseOutputs => Training && ReuseBuffers;

    /// <summary>The trainable parameters, in a stable order.</summary>
    public virtual IReadOnlyList<Parameter<T>> Parameters => [];

    /// <summary>The parameters with names qualified by their position in a container, e.g. <c>0.weight</c>.</summary>
    public virtual IEnumerable<(string Name, Parameter<T> Parameter)> NamedParameters() =>
        Parameters.Select(p => (p.Name, p));

    /// <summary>
    /// Named state that is not trained but belongs to the model and is saved with it, such as batch norm's
    /// <c>running_mean</c> and <c>running_var</c> (PyTorch calls these buffers). Optimizers never see them. The layer
    /// updates the tensors in place and never replaces them, so a loader may copy saved values into them.
    /// Empty by default; containers qualify the names as in <see cref="NamedParameters"/> (<c>1.running_mean</c>).
    /// </summary>
    public virtual IEnumerable<(string Name, Tensor<T> Buffer)> NamedBuffers() => [];

    /// <summary>y = f(x).</summary>
    public abstract Tensor<T> Forward(Tensor<T> x);

    /// <summary>dX = ∂L/∂x from dY = ∂L/∂y; adds into parameter gradients.</summary>
    public abstract Tensor<T> Backward(Tensor<T> dY);

    /// <summary>
    /// Backward when nobody needs dX, because the layer's input is data rather than another layer's output (PyTorch
    /// does not compute gradients for tensors without requires_grad either): adds into the parameter gradients
    /// only. Layers whose dX costs real work (<see cref="Linear{T}"/>, <see cref="Conv2D{T}"/>) skip it; the
    /// default runs <see cref="Backward"/> and drops dX. <see cref="Sequential{T}.BackwardParameters"/> uses it
    /// for its first layer; the trainer calls it on the model.
    /// </summary>
    public virtual void BackwardParameters(Tensor<T> dY) => Backward(dY);

    /// <summary>The shape Forward returns for an input of shape <paramref name="input"/> (for model summaries).</summary>
    public virtual Shape OutputShape(Shape input) => input;

    /// <summary>Number of trainable scalars.</summary>
    public int ParameterCount => Parameters.Sum(p => p.Value.Length);

    /// <summary>Sets every parameter's gradient to zero.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters) p.ZeroGrad();
    }

    /// <summary>A short description with the hyperparameters, e.g. <c>Linear(in: 784, out: 128)</c>.</summary>
    public override string ToString() => LayerName;

    /// <summary>The type's name without the generic suffix.</summary>
    protected string LayerName
    {
        get
        {
            string n = GetType().Name;
            int tick = n.IndexOf('`');
            return tick < 0 ? n : n[..tick];
        }
    }

    /// <summary>Throws unless Forward has run (so Backward has something to differentiate).</summary>
    protected TCache RequireForward<TCache>(TCache? cache) where TCache : class =>
        cache ?? throw new InvalidOperationException($"{this}: Backward was called before Forward.");

    /// <summary>Throws a <see cref="ShapeMismatchException"/> naming this layer, what it expected and the shape it got.</summary>
    protected ShapeMismatchException ShapeError(string what, Shape got, string expected) =>
        new($"{this} got {what} of shape {got}, expected {expected}.");

    /// <summary>Checks that dY has the shape of the last output.</summary>
    protected void CheckGradientShape(Tensor<T> dY, Shape outputShape)
    {
        if (dY.Shape != outputShape) throw ShapeError("dY", dY.Shape, outputShape.ToString());
    }
}
