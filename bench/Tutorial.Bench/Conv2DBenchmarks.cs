using BenchmarkDotNet.Attributes;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;

namespace Tutorial.Bench;

/// <summary>
/// How Conv2D should process a batch, at LeNet's shapes (batch 64, float):
/// conv1 1→8 k5 on 28×28 and conv2 8→16 k5 on 12×12.
/// <list type="bullet">
/// <item><c>PerSample</c>: Conv2D as shipped: im2col per sample, one multiply straight into y[n], the batch's
/// columns kept for Backward.</item>
/// <item><c>PerSampleRecompute</c>: the same with <c>ColumnCacheLimit = 0</c>: Backward redoes im2col.</item>
/// <item><c>Batched</c>: <see cref="BatchedConv2D"/>, one (C·kH·kW, N·L) column matrix and one large multiply.</item>
/// </list>
/// Run: <c>dotnet run -c Release --project bench/Tutorial.Bench -- --filter '*Conv2D*'</c>.
/// </summary>
[MemoryDiagnoser]
public class Conv2DBenchmarks
{
    public enum Strategy { PerSample, PerSampleRecompute, Batched }

    [Params("conv1", "conv2")]
    public string Layer { get; set; } = "conv1";

    [ParamsAllValues]
    public Strategy Mode { get; set; }

    private Conv2D<float> _conv = null!;
    private BatchedConv2D _batched = null!;
    private Tensor<float> _x = null!, _dY = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Rng(1);
        (int cIn, int cOut, int size) = Layer == "conv1" ? (1, 8, 28) : (8, 16, 12);
        _conv = new Conv2D<float>(cIn, cOut, 5, rng);
        if (Mode == Strategy.PerSampleRecompute) _conv.ColumnCacheLimit = 0;
        _batched = new BatchedConv2D(_conv);
        _x = Tensor<float>.Normal(rng, 0, 1, 64, cIn, size, size);
        _dY = Tensor<float>.Normal(rng, 0, 1, _conv.OutputShape(_x.Shape).Dims);

        // The strategies must agree before their speeds mean anything.
        var a = _conv.Forward(_x);
        var b = _batched.Forward(_x);
        for (int i = 0; i < a.Length; i++)
            if (Math.Abs(a[i] - b[i]) > 1e-4f * Math.Max(1, Math.Abs(a[i])))
                throw new InvalidOperationException($"Batched and per-sample Conv2D disagree at {i}: {b[i]} vs {a[i]}.");
    }

    [Benchmark]
    public Tensor<float> Forward() => Mode == Strategy.Batched ? _batched.Forward(_x) : _conv.Forward(_x);

    [Benchmark]
    public Tensor<float> ForwardBackward()
    {
        if (Mode == Strategy.Batched)
        {
            _batched.Forward(_x);
            return _batched.Backward(_dY);
        }
        _conv.Forward(_x);
        return _conv.Backward(_dY);
    }
}
