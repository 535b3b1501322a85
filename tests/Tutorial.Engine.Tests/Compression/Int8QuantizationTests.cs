using Tutorial.Engine.Compression;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Tests.Compression;

public class Int8QuantizationTests
{
    [Fact]
    public void QuantizeValue_RoundsHalfToEven_AndClampsToPlusMinus127()
    {
        Assert.Equal(2, Int8Quantization.QuantizeValue(1.5, 1f));
        Assert.Equal(2, Int8Quantization.QuantizeValue(2.5, 1f));
        Assert.Equal(-2, Int8Quantization.QuantizeValue(-2.5, 1f));
        Assert.Equal(3, Int8Quantization.QuantizeValue(0.8, 0.25f));   // 3.2 -> 3
        Assert.Equal(127, Int8Quantization.QuantizeValue(300, 1f));
        Assert.Equal(-127, Int8Quantization.QuantizeValue(-300, 1f));
        Assert.Equal(0, Int8Quantization.QuantizeValue(5, 0f));
    }

    [Fact]
    public void Quantize_PerTensor_ExactValues()
    {
        // max|w| = 63.5, so s = 0.5 exactly.
        var w = Tensor<double>.FromDoubles([63.5, -10.2, 0.2, -63.5, 1.3], 5);
        var q = Int8Quantization.Quantize(w);
        Assert.Equal([0.5f], q.Scales.ToArray());
        Assert.Equal(new sbyte[] { 127, -20, 0, -127, 3 }, q.Values.ToArray());
        Assert.Equal([63.5, -10, 0, -63.5, 1.5], q.Dequantize<double>().ToArray());
        Assert.Equal(5 + 4, q.SizeInBytes);
    }

    [Fact]
    public void Quantize_PerRow_GivesEachRowItsOwnScale_ExactValues()
    {
        var w = Tensor<double>.FromDoubles([127, -3.2, 0.4, 31.75, 10, -31.75], 2, 3);
        var q = Int8Quantization.Quantize(w, QuantizationGranularity.PerRow);
        Assert.Equal([1f, 0.25f], q.Scales.ToArray());
        Assert.Equal(new sbyte[] { 127, -3, 0, 127, 40, -127 }, q.Values.ToArray());
        Assert.Equal([127, -3, 0, 31.75, 10, -31.75], q.Dequantize<double>().ToArray());
        Assert.Equal(6 + 8, q.SizeInBytes);
        // One scale for both rows would be 1: the second row would lose its fraction.
        var perTensor = Int8Quantization.Quantize(w);
        Assert.Equal([127, -3, 0, 32, 10, -32], perTensor.Dequantize<double>().ToArray());
    }

    [Theory]
    [InlineData(QuantizationGranularity.PerTensor)]
    [InlineData(QuantizationGranularity.PerRow)]
    public void RoundTripError_IsAtMostHalfAScale_AndTheBoundIsNearlyReached(QuantizationGranularity granularity)
    {
        var w = Tensor<double>.Normal(new Rng(11), 0, 0.2, 64, 100);
        var q = Int8Quantization.Quantize(w, granularity);
        var deq = q.Dequantize<double>();
        double worstRatio = 0;
        for (int i = 0; i < w.Length; i++)
        {
            double error = Math.Abs(w[i] - deq[i]);
            double s = q.ScaleOf(i);
            Assert.True(error <= s / 2 * (1 + 1e-12), $"entry {i}: error {error} exceeds s/2 = {s / 2}");
            worstRatio = Math.Max(worstRatio, error / s);
        }
        Assert.True(worstRatio > 0.49, $"with 6400 entries some error should come close to s/2, the worst was {worstRatio}·s");
    }

    [Fact]
    public void RoundTripError_OfFloatTensors_StaysWithinHalfAScale()
    {
        var w = Tensor<float>.Normal(new Rng(12), 0, 0.05, 32, 50);
        var q = Int8Quantization.Quantize(w, QuantizationGranularity.PerRow);
        var deq = q.Dequantize<float>();
        for (int i = 0; i < w.Length; i++)
            Assert.True(Math.Abs(w[i] - deq[i]) <= q.ScaleOf(i) / 2 + 1e-7f * Math.Abs(w[i]), $"entry {i}");
    }

    [Fact]
    public void PerRow_LosesLessThanPerTensor_WhenRowsHaveDifferentRanges()
    {
        var w = Tensor<double>.Normal(new Rng(4), 0, 1, 10, 50);
        for (int r = 0; r < 10; r++)
            for (int j = 0; j < 50; j++) w[r, j] *= Math.Pow(0.5, r);   // row r has range ~2⁻ʳ
        double MeanError(QuantizationGranularity g)
        {
            var deq = Int8Quantization.RoundTrip(w, g);
            double sum = 0;
            for (int i = 0; i < w.Length; i++) sum += Math.Abs(w[i] - deq[i]);
            return sum / w.Length;
        }
        Assert.True(MeanError(QuantizationGranularity.PerRow) < 0.3 * MeanError(QuantizationGranularity.PerTensor));
    }

    [Fact]
    public void Zeros_StayExactlyZero_AndAnAllZeroTensorGetsScaleZero()
    {
        var w = Tensor<double>.FromDoubles([0, 0.7, 0, -0.2], 2, 2);
        var q = Int8Quantization.Quantize(w);
        Assert.Equal(0, q.Values[0]);
        Assert.Equal(0, q.Values[2]);
        Assert.Equal(2, q.NonZeroCount);
        var zero = Int8Quantization.Quantize(Tensor<double>.Zeros(3, 3), QuantizationGranularity.PerRow);
        Assert.Equal([0f, 0f, 0f], zero.Scales.ToArray());
        Assert.All(zero.Dequantize<double>().ToArray(), v => Assert.Equal(0, v));
    }

    [Fact]
    public void Quantize_RejectsPerRowOnAVector_AndNonFiniteValues()
    {
        var e = Assert.Throws<ArgumentException>(() => Int8Quantization.Quantize(Tensor<double>.Ones(4), QuantizationGranularity.PerRow));
        Assert.Contains("rank ≥ 2", e.Message);
        Assert.Throws<ArgumentException>(() => Int8Quantization.Quantize(Tensor<double>.FromDoubles([1, double.NaN], 2)));
    }

    [Fact]
    public void QuantizeWeights_QuantisesMatrices_KeepsBiases_AndLoadsIntoAFreshModel()
    {
        Sequential<double> Make(ulong seed)
        {
            var rng = new Rng(seed);
            return new Sequential<double>(new Linear<double>(50, 100, rng), new ReLU<double>(), new Linear<double>(100, 10, rng));
        }
        var model = Make(1);
        ((Linear<double>)model.Layers[0]).Bias!.Value.Fill(0.125);
        var quantized = Int8Quantization.QuantizeWeights(model, QuantizationGranularity.PerRow);
        Assert.Equal(["0.weight", "2.weight"], quantized.Quantized.Select(q => q.Name));
        Assert.Equal(["0.bias", "2.bias"], quantized.Kept.Select(k => k.Name));
        // float32: 4·(5000 + 100 + 1000 + 10); int8 per row: 5000 + 4·100 + 1000 + 4·10 + 4·(100 + 10).
        Assert.Equal(24440, ModelSize.Float32Bytes(model));
        Assert.Equal(5000 + 400 + 1000 + 40 + 440, quantized.SizeInBytes);

        var copy = Make(2);
        quantized.LoadInto(copy);
        var w = ((Linear<double>)model.Layers[0]).Weight.Value;
        var wq = ((Linear<double>)copy.Layers[0]).Weight.Value;
        Assert.Equal(quantized.Quantized[0].Weight.Dequantize<double>().ToArray(), wq.ToArray());
        for (int i = 0; i < w.Length; i++) Assert.True(Math.Abs(w[i] - wq[i]) <= quantized.Quantized[0].Weight.ScaleOf(i) / 2 + 1e-12);
        Assert.All(((Linear<double>)copy.Layers[0]).Bias!.Value.ToArray(), b => Assert.Equal(0.125, b));
        // The original model is unchanged.
        Assert.NotEqual(w.ToArray(), wq.ToArray());
    }

    [Fact]
    public void LoadInto_AModelOfAnotherArchitecture_Throws()
    {
        var quantized = Int8Quantization.QuantizeWeights(new Linear<double>(4, 3, new Rng(0)));
        Assert.Throws<ShapeMismatchException>(() => quantized.LoadInto(new Linear<double>(4, 2, new Rng(0))));
        Assert.Throws<InvalidOperationException>(() => quantized.LoadInto(new Linear<double>(4, 3, new Rng(0), bias: false)));
    }

    [Fact]
    public void Int8Tensor_RejectsMinus128_AndTheWrongNumberOfScales()
    {
        Assert.Throws<ArgumentException>(() => new Int8Tensor(new Shape(2), [1, sbyte.MinValue], [1f], QuantizationGranularity.PerTensor));
        Assert.Throws<ArgumentException>(() => new Int8Tensor(new Shape(2, 2), [1, 2, 3, 4], [1f], QuantizationGranularity.PerRow));
    }
}
