using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Layers;

/// <summary>
/// A trainable tensor and the gradient of the loss with respect to it, of the same shape.
/// Layers add (<c>+=</c>) into <see cref="Grad"/> in Backward; optimizers read <see cref="Grad"/>
/// and update <see cref="Value"/>, never seeing layer types.
/// </summary>
public sealed class Parameter<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public Parameter(string name, Tensor<T> value)
    {
        Name = name;
        Value = value;
        Grad = new Tensor<T>(value.Shape);
    }

    /// <summary>Name within its layer, e.g. <c>weight</c> or <c>bias</c>.</summary>
    public string Name { get; }

    /// <summary>The current value.</summary>
    public Tensor<T> Value { get; }

    /// <summary>∂loss/∂Value, accumulated over Backward calls until <see cref="ZeroGrad"/>.</summary>
    public Tensor<T> Grad { get; }

    /// <summary>Sets the gradient to zero.</summary>
    public void ZeroGrad() => Grad.Span.Clear();

    public override string ToString() => $"{Name}{Value.Shape}";
}
