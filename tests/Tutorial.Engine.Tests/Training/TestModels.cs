using System.Numerics;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Losses;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Tests.Training;

/// <summary>Small models and a squared-error loss shared by the training, metrics and serialization tests.</summary>
internal static class TestModels
{
    /// <summary>Linear(in, hidden) → ReLU → Linear(hidden, out), weights from <paramref name="seed"/>.</summary>
    public static Sequential<T> Mlp<T>(int inputs, int hidden, int outputs, ulong seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Rng(seed);
        return new Sequential<T>(new Linear<T>(inputs, hidden, rng), new ReLU<T>(), new Linear<T>(hidden, outputs, rng));
    }

    /// <summary>The parameters' values, concatenated, for bitwise comparisons.</summary>
    public static T[] Weights<T>(Layer<T> model) where T : unmanaged, IFloatingPointIeee754<T> =>
        model.Parameters.SelectMany(p => p.Value.ToArray()).ToArray();
}

/// <summary>
/// L = (1/M) Σ (ŷ − y)² over all M elements; dŶ = 2(ŷ − y)/M. A test-only stand-in so regression can be trained
/// before the engine's own regression losses land in Losses/.
/// </summary>
internal sealed class SquaredErrorForTests<T> : Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _diff;

    public override T Forward(Tensor<T> prediction, Tensor<T> target)
    {
        CheckSameShape(prediction, target);
        var d = new Tensor<T>(prediction.Shape);
        T sum = T.Zero;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = prediction[i] - target[i];
            sum += d[i] * d[i];
        }
        _diff = d;
        return sum / T.CreateChecked(d.Length);
    }

    public override Tensor<T> Backward()
    {
        var d = RequireForward(_diff);
        var g = new Tensor<T>(d.Shape);
        T scale = T.CreateChecked(2.0 / d.Length);
        for (int i = 0; i < d.Length; i++) g[i] = d[i] * scale;
        return g;
    }
}
