using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Tutorial.Engine.Kernels;
using Tutorial.Engine.Kernels.Teaching;

namespace Tutorial.Bench;

/// <summary>
/// Square float GEMM, C = A·B with N = 64 … 1024: the textbook triple loop (<see cref="GemmVariants.NaiveIjk{T}"/>), the
/// engine's scalar twin (<see cref="GemmReference"/>) and the fast kernel on one and two threads.
/// <code>dotnet run -c Release --project bench/Tutorial.Bench -- --filter '*GemmBenchmarks*'</code>
/// The scalar loops take seconds per multiply at N = 1024; add <c>--job short</c> to keep the run brief.
/// </summary>
[Config(typeof(Config))]
public class GemmBenchmarks
{
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(new GflopsColumn());
            WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
        }
    }

    [Params(64, 128, 256, 512, 1024)]
    public int N;

    private float[] _a = [], _b = [], _c = [];

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        _a = Enumerable.Range(0, N * N).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        _b = Enumerable.Range(0, N * N).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        _c = new float[N * N];
    }

    [Benchmark(Description = "naive i-j-p loop")]
    public void Naive() => GemmVariants.NaiveIjk<float>(_a, _b, _c, N, N, N);

    [Benchmark(Description = "GemmReference (scalar twin)")]
    public void Reference() => GemmReference.Multiply<float>(_a, _b, _c, N, N, N);

    [Benchmark(Description = "Gemm, 1 thread")]
    public void Fast1Thread() => Gemm.MultiplyWith<float>(_a, _b, _c, N, N, N, false, false, false, GemmOptions.Default with { MaxThreads = 1 });

    [Benchmark(Description = "Gemm, 2 threads")]
    public void Fast2Threads() => Gemm.MultiplyWith<float>(_a, _b, _c, N, N, N, false, false, false, GemmOptions.Default with { MaxThreads = 2 });

    /// <summary>2·N³ / mean time.</summary>
    private sealed class GflopsColumn : IColumn
    {
        public string Id => "GFLOPS";
        public string ColumnName => "GFLOP/s";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "Billions of floating-point operations per second, 2·N³ / mean";
        public bool IsAvailable(Summary summary) => true;
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var stats = summary[benchmarkCase]?.ResultStatistics;
            if (stats is null) return "-";
            double n = Convert.ToDouble(benchmarkCase.Parameters["N"], System.Globalization.CultureInfo.InvariantCulture);
            return (2 * n * n * n / stats.Mean).ToString("F1", System.Globalization.CultureInfo.InvariantCulture); // flops per ns = GFLOP/s
        }
    }
}
