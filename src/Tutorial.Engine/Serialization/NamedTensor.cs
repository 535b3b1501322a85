using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Serialization;

/// <summary>What a named tensor of a model is: trained by the optimizer, or state kept beside it.</summary>
public enum TensorKind : byte
{
    /// <summary>A trainable parameter (weights, biases).</summary>
    Parameter = 0,
    /// <summary>A buffer: state that is not trained by gradients but belongs to the model (batch-norm running statistics).</summary>
    Buffer = 1,
}

/// <summary>A tensor of a model with its qualified name (e.g. <c>0.weight</c>) and kind.</summary>
public sealed record NamedTensor<T>(string Name, TensorKind Kind, Tensor<T> Tensor) where T : unmanaged, IFloatingPointIeee754<T>;
