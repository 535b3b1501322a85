using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Layers;

/// <summary>
/// What every layer of a <see cref="Sequential{T}"/> outputs for one input: the activations whose histograms show
/// whether an initialisation keeps signals alive (neither collapsing to 0 nor saturating) through depth.
/// <code>
/// h₀ = x,  hᵢ = fᵢ(hᵢ₋₁)  for i = 1 … k          returns (name of fᵢ, hᵢ) for every i; hₖ = model.Forward(x)
/// </code>
/// Runs in evaluation mode by default (dropout off, batch norm on running statistics) and restores the model's
/// mode afterwards. The returned tensors are copies; the layers keep their caches as after a normal Forward,
/// so <c>model.Backward(dY)</c> may follow.
/// </summary>
public static class LayerOutputs
{
    /// <summary>(name, output) per layer, named by position and layer, e.g. <c>1 ReLU</c>, <c>2 Linear(in: 128, out: 64)</c>.</summary>
    public static IReadOnlyList<(string Name, Tensor<T> Output)> Capture<T>(Sequential<T> model, Tensor<T> x, bool training = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(x);
        bool wasTraining = model.Training;
        model.Training = training;
        try
        {
            var outputs = new List<(string, Tensor<T>)>(model.Layers.Count);
            var h = x;
            for (int i = 0; i < model.Layers.Count; i++)
            {
                h = model.Layers[i].Forward(h);
                outputs.Add(($"{i} {model.Layers[i]}", h.Clone()));
            }
            return outputs;
        }
        finally
        {
            model.Training = wasTraining;
        }
    }

    /// <summary>Mean and standard deviation (population) of a tensor's elements, in double.</summary>
    public static (double Mean, double Std) Moments<T>(Tensor<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0) throw new ArgumentException("Moments needs at least one value.", nameof(values));
        double sum = 0, sq = 0;
        foreach (T v in values.Span) sum += double.CreateChecked(v);
        double mean = sum / values.Length;
        foreach (T v in values.Span) { double d = double.CreateChecked(v) - mean; sq += d * d; }
        return (mean, Math.Sqrt(sq / values.Length));
    }
}
