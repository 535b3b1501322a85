using System.Numerics;
using Tutorial.Engine.Kernels;
using Tutorial.Engine.Kernels.Teaching;

namespace Tutorial.Engine.Tests.Kernels.Teaching;

/// <summary>
/// The teaching versions of C = A·B against <see cref="GemmReference"/>. The five loop versions add the same
/// products in the same order as the reference (only the order of visiting C changes), so they must agree bit for
/// bit; the engine's packed kernel uses fused multiply-adds and is checked with the rounding bound of GemmTests.
/// </summary>
public class GemmVariantsTests
{
    /// <summary>Shapes around the vector width (8 or 16 floats), the default blocks (128 × 256) and odd tails.</summary>
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 0, 5, 3 }, { 5, 0, 3 }, { 4, 6, 0 }, { 1, 1, 1 }, { 2, 3, 5 }, { 3, 7, 4 }, { 5, 8, 9 }, { 7, 15, 3 },
        { 9, 16, 17 }, { 4, 17, 33 }, { 13, 31, 7 }, { 6, 33, 129 }, { 3, 257, 130 }, { 17, 300, 260 }, { 33, 64, 64 },
    };

    private static readonly GemmVersion[] LoopVersions =
        [GemmVersion.NaiveIjk, GemmVersion.LoopOrderIkj, GemmVersion.VectorRows, GemmVersion.Blocked, GemmVersion.RegisterTiles];

    private static readonly GemmVersion[] PackedVersions =
        [GemmVersion.PackedVectorT, GemmVersion.PackedOneThread, GemmVersion.PackedAllThreads];

    private static T[] Reference<T>(T[] a, T[] b, int m, int n, int k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c = new T[m * n];
        GemmReference.Multiply<T>(a, b, c, m, n, k);
        return c;
    }

    /// <summary>C pre-filled with NaN, so a version that forgets to overwrite an element fails.</summary>
    private static T[] Poisoned<T>(int length) where T : unmanaged, IFloatingPointIeee754<T> =>
        Enumerable.Repeat(T.NaN, length).ToArray();

    [Theory]
    [MemberData(nameof(Shapes))]
    public void LoopVersions_Float_AreBitwiseEqualToGemmReference(int m, int n, int k)
    {
        var (a, b) = GemmStopwatch.RandomOperands<float>(m, n, k, seed: 7);
        float[] expected = Reference(a, b, m, n, k);
        foreach (var version in LoopVersions)
        {
            float[] c = Poisoned<float>(m * n);
            GemmVariants.Multiply<float>(version, a, b, c, m, n, k);
            Assert.True(expected.AsSpan().SequenceEqual(c), $"{version} differs from GemmReference for ({m}, {n}, {k})");
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void LoopVersions_Double_AreBitwiseEqualToGemmReference(int m, int n, int k)
    {
        var (a, b) = GemmStopwatch.RandomOperands<double>(m, n, k, seed: 8);
        double[] expected = Reference(a, b, m, n, k);
        foreach (var version in LoopVersions)
        {
            double[] c = Poisoned<double>(m * n);
            GemmVariants.Multiply<double>(version, a, b, c, m, n, k);
            Assert.True(expected.AsSpan().SequenceEqual(c), $"{version} differs from GemmReference for ({m}, {n}, {k})");
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 5)]
    [InlineData(8, 16)]
    [InlineData(100, 7)]
    [InlineData(16, 40)]
    public void BlockedAndRegisterTiles_AnyBlockSizes_AreBitwiseEqualToGemmReference(int kBlock, int nBlock)
    {
        const int m = 11, n = 83, k = 29;
        var (a, b) = GemmStopwatch.RandomOperands<float>(m, n, k, seed: 9);
        float[] expected = Reference(a, b, m, n, k);
        float[] c = Poisoned<float>(m * n);
        GemmVariants.Blocked<float>(a, b, c, m, n, k, kBlock, nBlock);
        Assert.Equal(expected, c);
        c = Poisoned<float>(m * n);
        GemmVariants.RegisterTiles<float>(a, b, c, m, n, k, kBlock, nBlock);
        Assert.Equal(expected, c);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void PackedVersions_MatchGemmReference_WithinTheRoundingBound(int m, int n, int k)
    {
        var (a, b) = GemmStopwatch.RandomOperands<float>(m, n, k, seed: 10);
        float[] expected = Reference(a, b, m, n, k);
        foreach (var version in PackedVersions)
        {
            float[] c = Poisoned<float>(m * n);
            GemmVariants.Multiply<float>(version, a, b, c, m, n, k);
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    double magnitude = 0;
                    for (int p = 0; p < k; p++) magnitude += Math.Abs((double)a[i * k + p] * b[p * n + j]);
                    double tolerance = 2 * (k + 2) * Math.Pow(2, -24) * magnitude;
                    Assert.True(Math.Abs(c[i * n + j] - expected[i * n + j]) <= tolerance,
                        $"{version} ({m}, {n}, {k}) at [{i}, {j}]: {c[i * n + j]} vs {expected[i * n + j]}, tolerance {tolerance:e2}");
                }
        }
    }

    [Fact]
    public void Variants_SmallIntegers_GiveTheExactProduct()
    {
        // A = [[1, 2], [3, 4], [5, 6]], B = [[1, 0, -1], [2, 1, 0]]: every sum is exact in float.
        float[] a = [1, 2, 3, 4, 5, 6], b = [1, 0, -1, 2, 1, 0];
        float[] expected = [5, 2, -1, 11, 4, -3, 17, 6, -5];
        foreach (var version in Enum.GetValues<GemmVersion>())
        {
            float[] c = Poisoned<float>(9);
            GemmVariants.Multiply<float>(version, a, b, c, 3, 3, 2);
            Assert.Equal(expected, c);
        }
    }

    [Fact]
    public void Variants_TooShortSpans_ThrowNamingTheShape()
    {
        float[] a = new float[5], b = new float[6], c = new float[4];
        foreach (var version in Enum.GetValues<GemmVersion>())
        {
            var e = Assert.Throws<ArgumentException>(() => GemmVariants.Multiply<float>(version, a, b, c, 2, 2, 3));
            Assert.Contains("(2, 3)", e.Message);
        }
    }

    [Fact]
    public void BlockedVersions_NonPositiveBlock_Throw()
    {
        float[] a = new float[4], b = new float[4], c = new float[4];
        Assert.Throws<ArgumentOutOfRangeException>(() => GemmVariants.Blocked<float>(a, b, c, 2, 2, 2, kBlock: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => GemmVariants.RegisterTiles<float>(a, b, c, 2, 2, 2, nBlock: 0));
    }

    [Fact]
    public void Names_AreDistinct_AndNameTheVersion()
    {
        var names = Enum.GetValues<GemmVersion>().Select(GemmVariants.Name).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal("naive i-j-p", GemmVariants.Name(GemmVersion.NaiveIjk));
        Assert.Contains("Vector<T>", GemmVariants.Name(GemmVersion.VectorRows));
    }

    [Fact]
    public void Kernel_DescribesTheRegistersAndTile()
    {
        var info = GemmVariants.Kernel<float>();
        var infoDouble = GemmVariants.Kernel<double>();
        if (info.Register == "scalar") return;   // a machine without SIMD: nothing more to describe
        Assert.Equal(info.Bits / 32, info.Lanes);
        Assert.Equal(infoDouble.Bits / 64, infoDouble.Lanes);
        Assert.Equal(2 * info.Lanes, info.TileColumns);
        Assert.Contains(info.TileRows, new[] { 6, 8 });
        Assert.Equal(256, info.KC);
        Assert.Equal(Gemm.MaxThreads, info.MaxThreads);
    }

    [Fact]
    public void Stopwatch_Measure_ReportsRateFromFlopsAndFastestBatch()
    {
        var t = GemmStopwatch.Measure<float>(GemmVersion.VectorRows, 4, 6, 5, batchSeconds: 0, repeats: 3, budgetSeconds: 100);
        Assert.Equal((GemmVersion.VectorRows, 4, 6, 5), (t.Version, t.M, t.N, t.K));
        Assert.Equal(3, t.Calls);   // batchSeconds 0: one call per batch; a large budget: all 3 repeats
        Assert.True(t.SecondsPerCall > 0);
        Assert.True(t.MedianSecondsPerCall >= t.SecondsPerCall);
        Assert.Equal(2.0 * 4 * 6 * 5 / t.SecondsPerCall / 1e9, t.Gflops, 12);
    }

    [Fact]
    public void Stopwatch_Measure_StopsAfterTwoBatchesWhenTheBudgetIsSpent()
    {
        var t = GemmStopwatch.Measure<float>(GemmVersion.NaiveIjk, 3, 3, 3, batchSeconds: 0, repeats: 50, budgetSeconds: 0);
        Assert.Equal(2, t.Calls);
    }

    [Fact]
    public void Stopwatch_RandomOperands_AreSeededAndInRange()
    {
        var (a1, b1) = GemmStopwatch.RandomOperands<double>(3, 4, 5, seed: 3);
        var (a2, b2) = GemmStopwatch.RandomOperands<double>(3, 4, 5, seed: 3);
        Assert.Equal(15, a1.Length);
        Assert.Equal(20, b1.Length);
        Assert.Equal(a1, a2);
        Assert.Equal(b1, b2);
        Assert.All(a1.Concat(b1), v => Assert.InRange(v, -1, 1));
        Assert.NotEqual(a1, GemmStopwatch.RandomOperands<double>(3, 4, 5, seed: 4).A);
    }
}
