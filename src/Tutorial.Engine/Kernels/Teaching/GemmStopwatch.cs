using System.Diagnostics;
using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Kernels.Teaching;

/// <summary>
/// Times a <see cref="GemmVersion"/> on an (m × k)·(k × n) product of seeded random numbers in [−1, 1) and reports
/// GFLOP/s = 2·m·n·k / seconds per multiply / 10⁹ (a multiply-add counts as two floating-point operations).
/// <para>Method: one untimed call (JIT compilation, packing buffers, helper threads), then up to
/// <c>repeats</c> timed batches, each of as many calls as fill <c>batchSeconds</c> (at least one), stopping early
/// once <c>budgetSeconds</c> have been spent (after at least two batches). The rate is that of the <em>fastest</em>
/// batch: on a machine shared with other work, a batch can only be slowed down by it, never sped up, so the
/// fastest batch is the best estimate of what the code itself does; the median is reported too.</para>
/// <para>A batch's time is its wall-clock time, or the processor time the process used during it
/// (<see cref="Environment.CpuUsage"/>) when that is less: on a busy machine a long single-threaded multiply is
/// taken off its core again and again, and its wall-clock time then measures the other programs. (A multiply on
/// two threads uses about twice its wall-clock time in processor time, so for it the wall-clock time counts.)
/// Compare versions measured together rather than against numbers from elsewhere.</para>
/// </summary>
public static class GemmStopwatch
{
    /// <summary>Times <paramref name="version"/> on a square n × n × n product.</summary>
    public static GemmTiming Measure<T>(GemmVersion version, int n, double batchSeconds = 0.005, int repeats = 7, double budgetSeconds = 0.25, ulong seed = 1)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Measure<T>(version, n, n, n, batchSeconds, repeats, budgetSeconds, seed);

    /// <summary>Times <paramref name="version"/> on C (m, n) = A (m, k)·B (k, n).</summary>
    public static GemmTiming Measure<T>(GemmVersion version, int m, int n, int k, double batchSeconds = 0.005, int repeats = 7, double budgetSeconds = 0.25, ulong seed = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m < 1 || n < 1 || k < 1) throw new ArgumentOutOfRangeException(nameof(m), $"GemmStopwatch: sizes must be positive, got m={m}, n={n}, k={k}.");
        if (repeats < 1) throw new ArgumentOutOfRangeException(nameof(repeats), repeats, "GemmStopwatch: at least one repeat.");
        if (!(budgetSeconds >= 0)) throw new ArgumentOutOfRangeException(nameof(budgetSeconds), budgetSeconds, "GemmStopwatch: budgetSeconds must be ≥ 0.");
        if (!(batchSeconds >= 0)) throw new ArgumentOutOfRangeException(nameof(batchSeconds), batchSeconds, "GemmStopwatch: batchSeconds must be ≥ 0.");
        var (a, b) = RandomOperands<T>(m, n, k, seed);
        var c = new T[m * n];

        long start = Stopwatch.GetTimestamp();
        GemmVariants.Multiply<T>(version, a, b, c, m, n, k);
        double first = Stopwatch.GetElapsedTime(start).TotalSeconds;
        int calls = (int)Math.Clamp(batchSeconds / Math.Max(first, 1e-7), 1, 1_000_000);

        var perCall = new List<double>(repeats);
        long begin = Stopwatch.GetTimestamp();
        while (perCall.Count < repeats && (perCall.Count < 2 || Stopwatch.GetElapsedTime(begin).TotalSeconds < budgetSeconds))
        {
            TimeSpan cpu0 = Environment.CpuUsage.TotalTime;
            long t0 = Stopwatch.GetTimestamp();
            for (int i = 0; i < calls; i++) GemmVariants.Multiply<T>(version, a, b, c, m, n, k);
            double wall = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            double cpu = (Environment.CpuUsage.TotalTime - cpu0).TotalSeconds;
            perCall.Add((cpu > 0 ? Math.Min(wall, cpu) : wall) / calls);
        }
        perCall.Sort();
        double best = perCall[0], median = perCall[perCall.Count / 2];
        return new GemmTiming(version, m, n, k, calls * perCall.Count, best, median, 2.0 * m * n * k / best / 1e9);
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

/// <summary>One measurement: the time per multiply of the fastest timed batch (and of the median one), and the rate.</summary>
/// <param name="Version">What was timed.</param>
/// <param name="M">Rows of C.</param>
/// <param name="N">Columns of C.</param>
/// <param name="K">Length of each sum.</param>
/// <param name="Calls">Timed multiplies in all batches.</param>
/// <param name="SecondsPerCall">Seconds per multiply in the fastest batch.</param>
/// <param name="MedianSecondsPerCall">Seconds per multiply in the median batch.</param>
/// <param name="Gflops">2·M·N·K / SecondsPerCall / 10⁹.</param>
public sealed record GemmTiming(GemmVersion Version, int M, int N, int K, int Calls, double SecondsPerCall, double MedianSecondsPerCall, double Gflops);
