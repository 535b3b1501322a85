using System.Diagnostics;
using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Kernels.Teaching;

/// <summary>
/// Times a <see cref="GemmVersion"/> on an (m × k)·(k × n) product of seeded random numbers in [−1, 1) and reports
/// GFLOP/s = 2·m·n·k / seconds per multiply / 10⁹ (a multiply-add counts as two floating-point operations).
/// <para>Method: one untimed call (JIT compilation, packing buffers, helper threads), then
/// <c>repeats</c> timed batches, each of as many calls as fill <c>batchSeconds</c> (at least one); the
/// result is the <em>median</em> batch, which a busy moment of another process moves less than the mean.
/// Timings are of this machine at this moment: on a loaded machine they drop, so compare versions measured
/// together rather than against numbers from elsewhere.</para>
/// </summary>
public static class GemmStopwatch
{
    /// <summary>Times <paramref name="version"/> on a square n × n × n product.</summary>
    public static GemmTiming Measure<T>(GemmVersion version, int n, double batchSeconds = 0.02, int repeats = 3, ulong seed = 1)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Measure<T>(version, n, n, n, batchSeconds, repeats, seed);

    /// <summary>Times <paramref name="version"/> on C (m, n) = A (m, k)·B (k, n).</summary>
    public static GemmTiming Measure<T>(GemmVersion version, int m, int n, int k, double batchSeconds = 0.02, int repeats = 3, ulong seed = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m < 1 || n < 1 || k < 1) throw new ArgumentOutOfRangeException(nameof(m), $"GemmStopwatch: sizes must be positive, got m={m}, n={n}, k={k}.");
        if (repeats < 1) throw new ArgumentOutOfRangeException(nameof(repeats), repeats, "GemmStopwatch: at least one repeat.");
        if (!(batchSeconds >= 0)) throw new ArgumentOutOfRangeException(nameof(batchSeconds), batchSeconds, "GemmStopwatch: batchSeconds must be ≥ 0.");
        var (a, b) = RandomOperands<T>(m, n, k, seed);
        var c = new T[m * n];

        long start = Stopwatch.GetTimestamp();
        GemmVariants.Multiply<T>(version, a, b, c, m, n, k);
        double first = Stopwatch.GetElapsedTime(start).TotalSeconds;
        int calls = (int)Math.Clamp(batchSeconds / Math.Max(first, 1e-7), 1, 1_000_000);

        var perCall = new double[repeats];
        for (int r = 0; r < repeats; r++)
        {
            long t0 = Stopwatch.GetTimestamp();
            for (int i = 0; i < calls; i++) GemmVariants.Multiply<T>(version, a, b, c, m, n, k);
            perCall[r] = Stopwatch.GetElapsedTime(t0).TotalSeconds / calls;
        }
        Array.Sort(perCall);
        double median = perCall[repeats / 2];
        return new GemmTiming(version, m, n, k, calls * repeats, median, 2.0 * m * n * k / median / 1e9);
    }

    /// <summary>A (m × k) and B (k × n), uniform in [−1, 1), from <paramref name="seed"/> (the same numbers for every version).</summary>
    public static (T[] A, T[] B) RandomOperands<T>(int m, int n, int k, ulong seed = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Rng(seed);
        var a = new T[m * k];
        var b = new T[k * n];
        for (int i = 0; i < a.Length; i++) a[i] = T.CreateChecked(rng.Uniform(-1, 1));
        for (int i = 0; i < b.Length; i++) b[i] = T.CreateChecked(rng.Uniform(-1, 1));
        return (a, b);
    }
}

/// <summary>One measurement: the median time per multiply over the timed batches, and the rate it gives.</summary>
/// <param name="Version">What was timed.</param>
/// <param name="M">Rows of C.</param>
/// <param name="N">Columns of C.</param>
/// <param name="K">Length of each sum.</param>
/// <param name="Calls">Timed multiplies in all batches.</param>
/// <param name="SecondsPerCall">Median seconds per multiply.</param>
/// <param name="Gflops">2·M·N·K / SecondsPerCall / 10⁹.</param>
public sealed record GemmTiming(GemmVersion Version, int M, int N, int K, int Calls, double SecondsPerCall, double Gflops);
