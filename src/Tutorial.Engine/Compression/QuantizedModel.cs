using System.Numerics;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Compression;

/// <summary>
/// A model's parameters after weight-only int8 quantisation: the weight matrices as <see cref="Int8Tensor"/>s, the
/// rest (biases) in floating point, counted as float32. Made by <see cref="Int8Quantization.QuantizeWeights{T}"/>.
/// <code>
/// SizeInBytes       = Σ (n + 4·scales) over int8 tensors + 4 · (other parameters)
/// SparseSizeInBytes = Σ (⌈n/8⌉ + nnz + 4·scales) over int8 tensors + 4 · (other parameters)
/// </code>
/// </summary>
public sealed class QuantizedModel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    internal QuantizedModel(IReadOnlyList<(string Name, Int8Tensor Weight)> quantized, IReadOnlyList<(string Name, Tensor<T> Value)> kept)
    {
        Quantized = quantized;
        Kept = kept;
    }

    /// <summary>The int8 weight tensors, by parameter name (e.g. <c>0.weight</c>).</summary>
    public IReadOnlyList<(string Name, Int8Tensor Weight)> Quantized { get; }

    /// <summary>The parameters kept in floating point (biases), by name.</summary>
    public IReadOnlyList<(string Name, Tensor<T> Value)> Kept { get; }

    /// <summary>Bytes to store the model densely: int8 weights with float32 scales, float32 biases.</summary>
    public long SizeInBytes => Quantized.Sum(q => q.Weight.SizeInBytes) + 4L * Kept.Sum(k => k.Value.Length);

    /// <summary>Bytes with the int8 weights stored sparsely (a bitmap plus the non-zero bytes), for a pruned model.</summary>
    public long SparseSizeInBytes => Quantized.Sum(q => q.Weight.SparseSizeInBytes) + 4L * Kept.Sum(k => k.Value.Length);

    /// <summary>
    /// Writes the dequantised weights and the kept parameters into <paramref name="model"/>, which must have exactly
    /// these parameter names and shapes (the model that was quantised, or a fresh one of the same architecture).
    /// </summary>
    public void LoadInto(Layer<T> model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var targets = model.NamedParameters().ToDictionary(np => np.Name, np => np.Parameter, StringComparer.Ordinal);
        var names = Quantized.Select(q => q.Name).Concat(Kept.Select(k => k.Name)).ToHashSet(StringComparer.Ordinal);
        if (!names.SetEquals(targets.Keys))
            throw new InvalidOperationException(
                $"Cannot load a quantised model with parameters [{string.Join(", ", names)}] into {model} with [{string.Join(", ", targets.Keys)}].");
        foreach (var (name, w) in Quantized)
            if (targets[name].Value.Shape != w.Shape)
                throw new ShapeMismatchException($"Cannot load int8 '{name}' of shape {w.Shape} into {model}: the parameter has shape {targets[name].Value.Shape}.");
        foreach (var (name, v) in Kept)
            if (targets[name].Value.Shape != v.Shape)
                throw new ShapeMismatchException($"Cannot load '{name}' of shape {v.Shape} into {model}: the parameter has shape {targets[name].Value.Shape}.");
        foreach (var (name, w) in Quantized) w.Dequantize<T>().CopyTo(targets[name].Value);
        foreach (var (name, v) in Kept) v.CopyTo(targets[name].Value);
    }

    public override string ToString() => $"QuantizedModel({Quantized.Count} int8 tensors, {Kept.Count} float tensors, {SizeInBytes} bytes)";
}
