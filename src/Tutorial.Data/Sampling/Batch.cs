using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Sampling;

/// <summary>
/// One mini-batch: inputs <see cref="X"/> <c>(B, …)</c>, targets <see cref="Y"/> <c>(B, …)</c>, and the
/// row numbers of the full data they were taken from (<see cref="Indices"/>, B of them).
/// </summary>
public readonly record struct Batch<T>(Tensor<T> X, Tensor<T> Y, int[] Indices) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Batch size B (the last batch of an epoch may be smaller).</summary>
    public int Size => Indices.Length;
}
