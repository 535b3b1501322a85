using System.Numerics;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Compression;

/// <summary>
/// Symmetric 8-bit quantisation (zero point 0), per tensor or per row.
/// <code>
/// s    = max|w| / 127                     (over the tensor, or over each row;  stored as float32)
/// q    = clamp(round(w / s), −127, 127)   (round half to even, as torch.round;  q = 0 where s = 0)
/// deq  = s · q
/// |w − deq(q)| ≤ s / 2                    (rounding moves w/s by at most ½; the clamp never bites, since |w/s| ≤ 127)
/// size = n bytes + 4 bytes per scale       (float32: 4n bytes, so about 4× smaller)
/// </code>
/// Symmetric means 0 maps to q = 0 exactly (a pruned weight stays zero) and −128 is left unused so the grid is
/// symmetric around 0. Per-row scales follow each output unit's own range and lose less on rows of small weights.
/// <see cref="QuantizeWeights{T}"/> quantises a model's weight matrices (rank ≥ 2) and keeps the biases in float32
/// (weight-only quantisation: the activations stay floating point).
/// </summary>
public static class Int8Quantization
{
    /// <summary>The largest integer used: q ∈ [−127, 127].</summary>
    public const int QMax = 127;

    /// <summary>Quantises <paramref name="w"/> with one scale per tensor or per row (rows: dimension 0, rank ≥ 2).</summary>
    public static Int8Tensor Quantize<T>(Tensor<T> w, QuantizationGranularity granularity = QuantizationGranularity.PerTensor)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(w);
        int rows, rowLength;
        if (granularity == QuantizationGranularity.PerTensor) (rows, rowLength) = (1, w.Length);
        else
        {
            if (w.Rank < 2) throw new ArgumentException($"Int8Quantization.Quantize PerRow needs a tensor of rank ≥ 2, got shape {w.Shape}.");
            rows = w.Shape[0];
            rowLength = rows == 0 ? 0 : w.Length / rows;
        }
        var src = w.Span;
        var q = new sbyte[w.Length];
        var scales = new float[rows];
        for (int r = 0; r < rows; r++)
        {
            var row = src.Slice(r * rowLength, rowLength);
            double maxAbs = 0;
            foreach (var v in row)
            {
                double a = Math.Abs(double.CreateChecked(v));
                if (!double.IsFinite(a)) throw new ArgumentException($"Int8Quantization.Quantize got a non-finite value {v} in a tensor of shape {w.Shape}.");
                maxAbs = Math.Max(maxAbs, a);
            }
            float s = (float)(maxAbs / QMax);
            scales[r] = s;
            for (int j = 0; j < rowLength; j++) q[r * rowLength + j] = QuantizeValue(double.CreateChecked(row[j]), s);
        }
        return new Int8Tensor(w.Shape, q, scales, granularity);
    }

    /// <summary>q = clamp(round(w / s), −127, 127) for one value (0 when s = 0).</summary>
    public static sbyte QuantizeValue(double w, float scale)
    {
        if (scale == 0) return 0;
        double q = Math.Round(w / scale, MidpointRounding.ToEven);
        return (sbyte)Math.Clamp(q, -QMax, QMax);
    }

    /// <summary>deq(quantise(w)): what the model computes with after quantisation ("fake quantisation").</summary>
    public static Tensor<T> RoundTrip<T>(Tensor<T> w, QuantizationGranularity granularity = QuantizationGranularity.PerTensor)
        where T : unmanaged, IFloatingPointIeee754<T> => Quantize(w, granularity).Dequantize<T>();

    /// <summary>
    /// Quantises every weight matrix (parameters of rank ≥ 2) of <paramref name="model"/> to int8 and keeps the other
    /// parameters (biases) as they are. The model is not changed; <see cref="QuantizedModel{T}.LoadInto"/> writes the
    /// dequantised weights into a model of the same architecture.
    /// </summary>
    public static QuantizedModel<T> QuantizeWeights<T>(Layer<T> model, QuantizationGranularity granularity = QuantizationGranularity.PerTensor)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        var quantized = new List<(string, Int8Tensor)>();
        var kept = new List<(string, Tensor<T>)>();
        foreach (var (name, p) in model.NamedParameters())
        {
            if (p.Value.Rank >= 2) quantized.Add((name, Quantize(p.Value, granularity)));
            else kept.Add((name, p.Value.Clone()));
        }
        return new QuantizedModel<T>(quantized, kept);
    }
}
