using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Init;

/// <summary>How to draw a layer's initial weights.</summary>
public enum InitScheme
{
    /// <summary>Glorot &amp; Bengio (2010), uniform: U(−a, a), a = √(6 / (fanIn + fanOut)). Suits tanh and sigmoid.</summary>
    XavierUniform,
    /// <summary>Glorot &amp; Bengio (2010), normal: N(0, 2 / (fanIn + fanOut)).</summary>
    XavierNormal,
    /// <summary>He et al. (2015), uniform: U(−a, a), a = √(6 / fanIn). Suits ReLU.</summary>
    HeUniform,
    /// <summary>He et al. (2015), normal: N(0, 2 / fanIn).</summary>
    HeNormal,
    /// <summary>PyTorch's default for Linear and Conv: U(−1/√fanIn, 1/√fanIn).</summary>
    LeCunUniform,
}

/// <summary>Weight initialisers. fanIn and fanOut are the number of inputs and outputs each unit sees
/// (for a convolution, channels × kernel area).</summary>
public static class Initializers
{
    /// <summary>A tensor of the given shape drawn by <paramref name="scheme"/>.</summary>
    public static Tensor<T> Create<T>(InitScheme scheme, Rng rng, int fanIn, int fanOut, params int[] shape)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (fanIn <= 0 || fanOut <= 0) throw new ArgumentException($"fanIn ({fanIn}) and fanOut ({fanOut}) must be positive.");
        return scheme switch
        {
            InitScheme.XavierUniform => Tensor<T>.Uniform(rng, -Math.Sqrt(6.0 / (fanIn + fanOut)), Math.Sqrt(6.0 / (fanIn + fanOut)), shape),
            InitScheme.XavierNormal => Tensor<T>.Normal(rng, 0, Math.Sqrt(2.0 / (fanIn + fanOut)), shape),
            InitScheme.HeUniform => Tensor<T>.Uniform(rng, -Math.Sqrt(6.0 / fanIn), Math.Sqrt(6.0 / fanIn), shape),
            InitScheme.HeNormal => Tensor<T>.Normal(rng, 0, Math.Sqrt(2.0 / fanIn), shape),
            InitScheme.LeCunUniform => Tensor<T>.Uniform(rng, -1 / Math.Sqrt(fanIn), 1 / Math.Sqrt(fanIn), shape),
            _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "Unknown initialisation scheme."),
        };
    }
}
