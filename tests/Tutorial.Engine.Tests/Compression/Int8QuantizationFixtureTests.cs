using Tutorial.Engine.Compression;
using Tutorial.Engine.Tests.Fixtures;

namespace Tutorial.Engine.Tests.Compression;

/// <summary>The integers, scales and dequantised values agree with PyTorch's qint8 quantisation (Fixtures/generate_quantization.py).</summary>
public class Int8QuantizationFixtureTests
{
    private static readonly System.Text.Json.JsonElement Case = Fixture.Load("quantization");

    [Fact]
    public void PerTensor_MatchesTorchQuantizePerTensor()
    {
        var w = Fixture.Tensor(Case, "w").Cast<float>();
        var q = Int8Quantization.Quantize(w);
        Assert.Equal((float)Case.GetProperty("per_tensor_scale").GetDouble(), q.Scales[0]);
        Assert.Equal(Fixture.Tensor(Case, "per_tensor_q").ToArray(), q.Values.ToArray().Select(v => (double)v).ToArray());
        var expected = Fixture.Tensor(Case, "per_tensor_dequantized").ToArray();
        var actual = q.Dequantize<float>().ToArray();
        for (int i = 0; i < expected.Length; i++) Assert.Equal((float)expected[i], actual[i]);
    }

    [Fact]
    public void PerRow_MatchesTorchQuantizePerChannelOnAxis0()
    {
        var w = Fixture.Tensor(Case, "w").Cast<float>();
        var q = Int8Quantization.Quantize(w, QuantizationGranularity.PerRow);
        Assert.Equal(Fixture.Tensor(Case, "per_row_scales").ToArray().Select(s => (float)s).ToArray(), q.Scales.ToArray());
        Assert.Equal(Fixture.Tensor(Case, "per_row_q").ToArray(), q.Values.ToArray().Select(v => (double)v).ToArray());
        var expected = Fixture.Tensor(Case, "per_row_dequantized").ToArray();
        var actual = q.Dequantize<float>().ToArray();
        for (int i = 0; i < expected.Length; i++) Assert.Equal((float)expected[i], actual[i]);
    }
}
