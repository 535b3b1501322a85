using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using Tutorial.Engine.Kernels;

namespace Tutorial.Engine.Tests.Kernels;

/// <summary>
/// The fast <see cref="Gemm"/> against its scalar twin <see cref="GemmReference"/> and against MathNet.Numerics.
/// <para>Tolerance. Both implementations compute each C[i,j] as a k-term sum in a different order (and the
/// fast one with fused multiply-adds). The standard rounding-error bound for a k-term dot product is
/// |computed − exact| ≤ γₖ · Σₚ |op(A)[i,p]·op(B)[p,j]| with γₖ = k·ε/(1−k·ε), ε the unit round-off
/// (2⁻²⁴ for float, 2⁻⁵³ for double). Two computations can differ by twice that, plus one more rounding of
/// the old C when accumulating, so each element is checked against
/// <c>tol[i,j] = 2·(k+2)·ε·(Σₚ |op(A)[i,p]·op(B)[p,j]| + |C₀[i,j]|)</c>.
/// That bound is loose for float with large k, so one more test uses small integers, for which every
/// partial sum is exact in float and the two implementations must agree bit for bit.</para>
/// </summary>
public class GemmTests
{
    /// <summary>Shapes (m, n, k) that are multiples of no tile: 0, 1, primes, and sizes spanning several KC/MC/NC blocks.</summary>
    public static TheoryData<int, int, int> OddShapes => new()
    {
        { 0, 5, 3 }, { 5, 0, 3 }, { 4, 6, 0 }, { 1, 1, 1 }, { 1, 37, 1 }, { 37, 1, 13 }, { 2, 3, 5 },
        { 7, 13, 31 }, { 3, 45, 77 }, { 4, 130, 530 }, { 6, 32, 256 }, { 13, 97, 7 }, { 31, 17, 300 }, { 61, 67, 257 }, { 127, 33, 600 },
        { 251, 131, 97 }, { 5, 4201, 3 }, { 8, 9216 / 16, 25 }, { 97, 61, 1031 },
    };

    private static readonly GemmWidth[] Widths = [GemmWidth.Vector, GemmWidth.Vector512];

    /// <summary>
    /// Options that force the SIMD kernels even on tiny products, on 1 or 2 threads, with B always packed or,
    /// when it is not transposed, always read in place.
    /// </summary>
    private static IEnumerable<GemmOptions> ForcedPaths()
    {
        foreach (GemmWidth width in Widths)
            foreach (bool unpacked in new[] { false, true })
                foreach (int threads in new[] { 1, 2 })
                    yield return GemmOptions.Default with
                    {
                        Width = width,
                        ScalarMaxWork = 0,
                        InPlaceBMaxRows = unpacked ? int.MaxValue : 0,
                        MaxThreads = threads,
                        FlopsPerThread = 1, // any product is "large enough" for two threads
                    };
    }

    [Theory, MemberData(nameof(OddShapes))]
    public void Multiply_Float_MatchesReference_AllTransposesAndAccumulate(int m, int n, int k) => CheckAllCombinations<float>(m, n, k);

    [Theory, MemberData(nameof(OddShapes))]
    public void Multiply_Double_MatchesReference_AllTransposesAndAccumulate(int m, int n, int k) => CheckAllCombinations<double>(m, n, k);

    private static void CheckAllCombinations<T>(int m, int n, int k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
                foreach (bool accumulate in new[] { false, true })
                    CheckAgainstReference<T>(m, n, k, ta, tb, accumulate, ForcedPaths(), seed: m * 1000 + n * 10 + k);
    }

    /// <summary>Products large enough that the default options split them over two threads and several blocks.</summary>
    [Theory]
    [InlineData(300, 280, 270)]
    [InlineData(517, 389, 531)]
    [InlineData(64, 128, 784)]
    [InlineData(128, 784, 64)]
    [InlineData(1, 3000, 700)]
    public void Multiply_LargeTwoThreaded_MatchesReference(int m, int n, int k)
    {
        var options = GemmOptions.Default with { MaxThreads = 2 };
        Assert.True(options.ThreadsFor(m, n, k) == 2, "shape should be large enough for two threads");
        foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
            {
                CheckAgainstReference<float>(m, n, k, ta, tb, accumulate: ta, [options], seed: 7);
                CheckAgainstReference<double>(m, n, k, ta, tb, accumulate: tb, [options], seed: 8);
            }
    }

    /// <summary>The public entry point (default options, Gemm.MaxThreads) on the layer shapes the engine uses.</summary>
    [Theory]
    [InlineData(64, 128, 784, false, true)]   // Linear forward x·Wᵀ
    [InlineData(64, 784, 128, false, false)]  // Linear dX = dY·W
    [InlineData(128, 784, 64, true, false)]   // Linear dW = dYᵀ·x
    [InlineData(8, 9216, 25, false, false)]   // convolution via im2col
    [InlineData(32, 512, 64, false, false)]   // LSTM gates
    [InlineData(1, 128, 784, false, true)]    // one sample through Linear
    [InlineData(3, 4, 5, true, true)]         // tiny: scalar path
    public void Multiply_PublicApi_MatchesReference_OnLayerShapes(int m, int n, int k, bool ta, bool tb)
    {
        float[] a = RandomArray<float>(m * k, 1), b = RandomArray<float>(k * n, 2);
        float[] fast = RandomArray<float>(m * n, 3), slow = (float[])fast.Clone(), c0 = (float[])fast.Clone();
        Gemm.Multiply<float>(a, b, fast, m, n, k, ta, tb, accumulate: true);
        GemmReference.Multiply<float>(a, b, slow, m, n, k, ta, tb, accumulate: true);
        AssertClose(slow, fast, Tolerances(a, b, c0, m, n, k, ta, tb, accumulate: true), m, n, k, ta, tb, accumulate: true);
    }

    /// <summary>Entries are small integers, so every partial sum is exact in float: fast and reference must be identical.</summary>
    [Theory]
    [InlineData(37, 41, 1000)]
    [InlineData(130, 70, 515)]
    [InlineData(7, 300, 2000)]
    public void Multiply_IntegerValued_EqualsReferenceExactly(int m, int n, int k)
    {
        var rng = new Random(5);
        float[] a = Enumerable.Range(0, m * k).Select(_ => (float)rng.Next(-3, 4)).ToArray();
        float[] b = Enumerable.Range(0, k * n).Select(_ => (float)rng.Next(-3, 4)).ToArray();
        foreach (GemmOptions options in ForcedPaths())
            foreach (bool ta in new[] { false, true })
                foreach (bool tb in new[] { false, true })
                {
                    float[] fast = new float[m * n], slow = new float[m * n];
                    Gemm.MultiplyWith<float>(a, b, fast, m, n, k, ta, tb, false, options);
                    GemmReference.Multiply<float>(a, b, slow, m, n, k, ta, tb);
                    Assert.Equal(slow, fast);
                }
    }

    /// <summary>
    /// Each row of C is bitwise the same whether it is computed alone or with many other rows, whatever path the
    /// batch size selects (scalar loop, B in place, packed B, one or two threads): a model's output for a sample
    /// must not depend on the batch it is in.
    /// </summary>
    [Fact]
    public void Multiply_RowsAreBitwiseIndependentOfHowManyRowsAreMultiplied()
    {
        const int m = 150, n = 45, k = 300; // k > KC: two depth blocks
        foreach (GemmWidth width in Widths)
            foreach (bool ta in new[] { false, true })
                foreach (bool tb in new[] { false, true })
                {
                    var options = GemmOptions.Default with { Width = width, MaxThreads = 2 };
                    CheckRowIndependence<float>(m, n, k, ta, tb, options);
                    CheckRowIndependence<double>(m, n, k, ta, tb, options);
                    CheckRowIndependence<float>(7, 4, 5, ta, tb, options); // 140 multiply-adds: the kernel for all 7 rows, the scalar loop for batches up to 6
                }
    }

    private static void CheckRowIndependence<T>(int m, int n, int k, bool ta, bool tb, GemmOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] a = RandomArray<T>(m * k, 41), b = RandomArray<T>(k * n, 42), bias = RandomArray<T>(m * n, 43);
        T[] whole = (T[])bias.Clone();
        Gemm.MultiplyWith<T>(a, b, whole, m, n, k, ta, tb, true, options);
        foreach (int batch in new[] { 1, 2, 5, 7, 64, 100 })
        {
            for (int start = 0; start < m; start += batch)
            {
                int rows = Math.Min(batch, m - start);
                // op(A) rows start … start+rows: a row block of A, or a column block when A is stored transposed.
                T[] part = new T[rows * k];
                for (int i = 0; i < rows; i++)
                    for (int p = 0; p < k; p++)
                        part[ta ? p * rows + i : i * k + p] = ta ? a[p * m + start + i] : a[(start + i) * k + p];
                T[] c = bias.AsSpan(start * n, rows * n).ToArray();
                Gemm.MultiplyWith<T>(part, b, c, rows, n, k, ta, tb, true, options);
                for (int x = 0; x < c.Length; x++)
                    if (c[x] != whole[start * n + x])
                        Assert.Fail($"{typeof(T).Name} {options.Width} tA={ta} tB={tb}: row {start + x / n} computed in a batch of {rows} " +
                                    $"gives {c[x]}, in the batch of {m} {whole[start * n + x]}");
            }
        }
    }

    /// <summary>Random shapes and transposes against MathNet.Numerics' matrix product (double and float).</summary>
    [Fact]
    public void Multiply_RandomShapes_MatchesMathNet()
    {
        var rng = new Random(11);
        for (int trial = 0; trial < 40; trial++)
        {
            int m = rng.Next(1, 200), n = rng.Next(1, 200), k = rng.Next(1, 400);
            bool ta = rng.Next(2) == 1, tb = rng.Next(2) == 1;
            double[] a = RandomArray<double>(m * k, 100 + trial), b = RandomArray<double>(k * n, 200 + trial);

            // MathNet builds from row-major data; storing transposed means the stored matrix is (k, m) / (n, k).
            Matrix<double> ma = ta ? Matrix<double>.Build.DenseOfRowMajor(k, m, a).Transpose() : Matrix<double>.Build.DenseOfRowMajor(m, k, a);
            Matrix<double> mb = tb ? Matrix<double>.Build.DenseOfRowMajor(n, k, b).Transpose() : Matrix<double>.Build.DenseOfRowMajor(k, n, b);
            Matrix<double> expected = ma * mb;
            Matrix<double> magnitude = ma.PointwiseAbs() * mb.PointwiseAbs();

            double[] c = new double[m * n];
            Gemm.MultiplyWith<double>(a, b, c, m, n, k, ta, tb, false, GemmOptions.Default with { MaxThreads = 2 });
            float[] cf = new float[m * n];
            Gemm.MultiplyWith<float>(a.Select(x => (float)x).ToArray(), b.Select(x => (float)x).ToArray(), cf, m, n, k, ta, tb, false,
                GemmOptions.Default with { MaxThreads = 2 });

            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    double s = magnitude[i, j];
                    double tolDouble = 2 * (k + 2) * Math.Pow(2, -53) * s;
                    // float: inputs were rounded to float too (one more ε per factor), hence k+4.
                    double tolFloat = 2 * (k + 4) * Math.Pow(2, -24) * s;
                    Assert.True(Math.Abs(c[i * n + j] - expected[i, j]) <= tolDouble,
                        $"double ({m}x{k})·({k}x{n}) tA={ta} tB={tb} at [{i},{j}]: {c[i * n + j]} vs MathNet {expected[i, j]}, tol {tolDouble}");
                    Assert.True(Math.Abs(cf[i * n + j] - expected[i, j]) <= tolFloat,
                        $"float ({m}x{k})·({k}x{n}) tA={ta} tB={tb} at [{i},{j}]: {cf[i * n + j]} vs MathNet {expected[i, j]}, tol {tolFloat}");
                }
        }
    }

    /// <summary>Several threads multiplying at once: one may use the helper pool, the others run alone; all must be right.</summary>
    [Fact]
    public void Multiply_ConcurrentCallers_AllMatchReference()
    {
        const int m = 150, n = 170, k = 190;
        float[] a = RandomArray<float>(m * k, 21), b = RandomArray<float>(k * n, 22);
        float[] expected = new float[m * n];
        GemmReference.Multiply<float>(a, b, expected, m, n, k);
        float[] c0 = new float[m * n];
        double[] tolerance = Tolerances(a, b, c0, m, n, k, false, false, accumulate: false);

        var failures = new int[4];
        Parallel.For(0, 4, t =>
        {
            var c = new float[m * n];
            for (int rep = 0; rep < 20; rep++)
            {
                Gemm.MultiplyWith<float>(a, b, c, m, n, k, false, false, false, GemmOptions.Default with { MaxThreads = 2 });
                for (int i = 0; i < c.Length; i++)
                    if (!(Math.Abs(c[i] - expected[i]) <= tolerance[i]))
                        failures[t]++;
            }
        });
        Assert.Equal(new int[4], failures);
    }

    /// <summary>After the first call has sized the packing buffers, further calls of the same shape allocate nothing.</summary>
    [Fact]
    public void Multiply_SteadyState_AllocatesNothing()
    {
        const int m = 200, n = 150, k = 300;
        float[] a = RandomArray<float>(m * k, 31), b = RandomArray<float>(k * n, 32), c = new float[m * n];
        var options = GemmOptions.Default with { MaxThreads = 1 };
        Gemm.MultiplyWith<float>(a, b, c, m, n, k, false, true, false, options);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++) Gemm.MultiplyWith<float>(a, b, c, m, n, k, false, true, false, options);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void MaxThreads_BelowOne_Throws()
    {
        int before = Gemm.MaxThreads;
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.MaxThreads = 0);
        Assert.Equal(before, Gemm.MaxThreads);
        Assert.True(before >= 1);
    }

    [Fact]
    public void Multiply_SpanTooShort_ThrowsNamingTheShape()
    {
        var ex = Assert.Throws<ArgumentException>(() => Gemm.Multiply<float>(new float[5], new float[6], new float[4], 2, 2, 3));
        Assert.Contains("(2, 3)", ex.Message);
    }

    // ---------------------------------------------------------------------------------------------

    /// <summary>Runs every option set in <paramref name="paths"/> on the same random problem; the reference and tolerances are computed once.</summary>
    private static void CheckAgainstReference<T>(int m, int n, int k, bool ta, bool tb, bool accumulate, IEnumerable<GemmOptions> paths, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] a = RandomArray<T>(m * k, seed), b = RandomArray<T>(k * n, seed + 1);
        T[] c0 = RandomArray<T>(m * n, seed + 2);
        T[] expected = (T[])c0.Clone();
        GemmReference.Multiply<T>(a, b, expected, m, n, k, ta, tb, accumulate);
        double[] tolerance = Tolerances(a, b, c0, m, n, k, ta, tb, accumulate);
        foreach (GemmOptions options in paths)
        {
            T[] actual = (T[])c0.Clone();
            Gemm.MultiplyWith<T>(a, b, actual, m, n, k, ta, tb, accumulate, options);
            AssertClose(expected, actual, tolerance, m, n, k, ta, tb, accumulate,
                $" [{options.Width}, {(options.InPlaceBMaxRows > 0 ? "unpacked" : "packed")}, threads {options.MaxThreads}]");
        }
    }

    private static void AssertClose<T>(T[] expected, T[] actual, double[] tolerance, int m, int n, int k, bool ta, bool tb, bool accumulate, string path = "")
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < m * n; i++)
        {
            double e = double.CreateChecked(expected[i]), g = double.CreateChecked(actual[i]);
            if (!(Math.Abs(e - g) <= tolerance[i]))
                Assert.Fail($"{typeof(T).Name} ({m}x{k})·({k}x{n}) tA={ta} tB={tb} acc={accumulate}{path}: C[{i / n},{i % n}] = {g}, reference {e}, tolerance {tolerance[i]}");
        }
    }

    /// <summary>Per element of C: 2·(k+2)·ε·(Σₚ |op(A)[i,p]·op(B)[p,j]| + |C₀[i,j]|), ε the unit round-off of T.</summary>
    private static double[] Tolerances<T>(T[] a, T[] b, T[] c0, int m, int n, int k, bool ta, bool tb, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double eps = typeof(T) == typeof(float) ? Math.Pow(2, -24) : Math.Pow(2, -53);
        double[] absA = a.Select(x => Math.Abs(double.CreateChecked(x))).ToArray(), absB = b.Select(x => Math.Abs(double.CreateChecked(x))).ToArray();
        double[] s = accumulate ? c0.Select(x => Math.Abs(double.CreateChecked(x))).ToArray() : new double[m * n];
        GemmReference.Multiply<double>(absA, absB, s, m, n, k, ta, tb, accumulate: true);
        for (int i = 0; i < s.Length; i++) s[i] *= 2 * (k + 2) * eps;
        return s;
    }

    private static T[] RandomArray<T>(int length, int seed) where T : IFloatingPointIeee754<T>
    {
        var rng = new Random(seed);
        var x = new T[length];
        for (int i = 0; i < length; i++) x[i] = T.CreateChecked(rng.NextDouble() * 4 - 2);
        return x;
    }
}
