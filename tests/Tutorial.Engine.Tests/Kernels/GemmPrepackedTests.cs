using System.Numerics;
using Tutorial.Engine.Kernels;

namespace Tutorial.Engine.Tests.Kernels;

/// <summary>
/// <see cref="GemmPrepacked{T}"/> (B packed once, multiplied many times) must give bitwise what
/// <see cref="Gemm"/> gives for the same product: same kernel, same k blocks, same order of operations.
/// </summary>
public class GemmPrepackedTests
{
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 }, { 2, 3, 5 }, { 3, 4, 5 }, { 7, 13, 31 }, { 32, 512, 128 }, { 32, 128, 512 }, { 5, 37, 300 },
        { 33, 50, 7 }, { 16, 96, 64 }, { 9, 1, 200 }, { 0, 4, 4 }, { 4, 4, 0 },
    };

    private static IEnumerable<GemmOptions> Paths()
    {
        foreach (GemmWidth width in new[] { GemmWidth.Scalar, GemmWidth.Vector, GemmWidth.Vector512 })
            foreach (int threads in new[] { 1, 2 })
                foreach (long scalarMax in new long[] { 0, 128 })
                    yield return GemmOptions.Default with { Width = width, MaxThreads = threads, FlopsPerThread = threads == 2 ? 1 : 600_000, ScalarMaxWork = scalarMax };
    }

    [Theory, MemberData(nameof(Shapes))]
    public void Multiply_Float_EqualsGemmBitwise(int m, int n, int k) => Check<float>(m, n, k);

    [Theory, MemberData(nameof(Shapes))]
    public void Multiply_Double_EqualsGemmBitwise(int m, int n, int k) => Check<double>(m, n, k);

    private static void Check<T>(int m, int n, int k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Random(m * 7919 + n * 31 + k);
        T[] a = Fill<T>(rng, m * k), b = Fill<T>(rng, k * n), c0 = Fill<T>(rng, m * n);
        var packed = new GemmPrepacked<T>();
        foreach (GemmOptions options in Paths())
            foreach (bool tb in new[] { false, true })
            {
                packed.PackWith(b, k, n, tb, options);
                Assert.Equal(k, packed.K);
                Assert.Equal(n, packed.N);
                foreach (bool accumulate in new[] { false, true })
                {
                    T[] expected = (T[])c0.Clone(), actual = (T[])c0.Clone();
                    Gemm.MultiplyWith<T>(a, b, expected, m, n, k, false, tb, accumulate, options);
                    packed.Multiply(a, actual, m, accumulate);
                    Assert.True(expected.AsSpan().SequenceEqual(actual),
                        $"({m}, {n}, {k}) transposeB: {tb}, accumulate: {accumulate}, {options.Width}, {options.MaxThreads} threads, scalar up to {options.ScalarMaxWork}");
                }
            }
    }

    /// <summary>Packed once, the matrix serves many products with different A and fewer rows, as in a recurrent layer's steps.</summary>
    [Fact]
    public void Multiply_ReusesPackedB_ForManyLeftOperands()
    {
        const int n = 64, k = 48;
        var rng = new Random(3);
        float[] b = Fill<float>(rng, n * k);
        var packed = new GemmPrepacked<float>();
        packed.Pack(b, k, n, transposeB: true);
        for (int step = 0; step < 5; step++)
        {
            int m = 1 + step * 7;
            float[] a = Fill<float>(rng, m * k), expected = new float[m * n], actual = new float[m * n];
            Gemm.Multiply<float>(a, b, expected, m, n, k, transposeB: true);
            packed.Multiply(a, actual, m);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Multiply_SmallerBuffers_Throw()
    {
        var packed = new GemmPrepacked<float>();
        packed.Pack(new float[12], 3, 4);
        Assert.Throws<ArgumentException>(() => packed.Multiply(new float[5], new float[8], 2));      // A needs 2·3
        Assert.Throws<ArgumentException>(() => packed.Pack(new float[11], 3, 4));
    }

    private static T[] Fill<T>(Random rng, int count) where T : unmanaged, IFloatingPointIeee754<T> =>
        Enumerable.Range(0, count).Select(_ => T.CreateChecked(rng.NextDouble() * 2 - 1)).ToArray();
}
