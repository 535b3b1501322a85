using System.Diagnostics;
using System.Globalization;
using Tutorial.Engine.Kernels;
using Tutorial.Engine.Kernels.Teaching;

namespace Tutorial.Bench;

/// <summary>
/// Console modes for quick GEMM timings without BenchmarkDotNet's long warm-up:
/// <code>
///   gemm-quick [--size 64,128,…] [--threads 1] [--reps 15] [--impl fast|vector|rows6|reference|naive|ikj|vector-rows|blocked|tiles]
///              [--shape m,n,k[,tA][,tB]] [--type float|double] [--batch-ms 20]
///              [--kc 256] [--mc 120] [--nc 4096] [--inplace 64] [--flops-per-thread 6e5] [--scalar 128]
///   gemm-serve                  reads "m n k threads reps [tA tB]" lines from stdin and answers
///                               "&lt;median seconds per multiply&gt;" (used by bench/gemm-vs-torch.sh)
/// </code>
/// Each repeat times a batch of multiplies lasting ≥ 20 ms; the median over repeats is reported.
/// </summary>
public static class GemmQuick
{
    private static double s_batchSeconds = 0.020;
    private static GemmOptions s_options = GemmOptions.Default;

    public static int Run(string[] args)
    {
        var opt = ParseArgs(args);
        string impl = opt.GetValueOrDefault("impl", "fast");
        int threads = int.Parse(opt.GetValueOrDefault("threads", "1"), CultureInfo.InvariantCulture);
        int reps = int.Parse(opt.GetValueOrDefault("reps", "15"), CultureInfo.InvariantCulture);
        s_batchSeconds = double.Parse(opt.GetValueOrDefault("batch-ms", "20"), CultureInfo.InvariantCulture) / 1000;
        // Tuning overrides, for experiments: --kc 256 --mc 120 --nc 4096 --inplace 32 --flops-per-thread 1e6
        int Int(string name, int fallback) => opt.TryGetValue(name, out string? v) ? (int)double.Parse(v, CultureInfo.InvariantCulture) : fallback;
        s_options = s_options with
        {
            KC = Int("kc", s_options.KC), MC = Int("mc", s_options.MC), NC = Int("nc", s_options.NC),
            InPlaceBMaxRows = Int("inplace", s_options.InPlaceBMaxRows),
            FlopsPerThread = Int("flops-per-thread", (int)s_options.FlopsPerThread),
            ScalarMaxWork = Int("scalar", (int)s_options.ScalarMaxWork),
        };
        bool isDouble = opt.GetValueOrDefault("type", "float") == "double";
        var shapes = new List<(int M, int N, int K, bool TA, bool TB)>();
        if (opt.TryGetValue("shape", out string? shape))
        {
            foreach (string s in shape.Split(';'))
            {
                string[] p = s.Split(',');
                shapes.Add((int.Parse(p[0]), int.Parse(p[1]), int.Parse(p[2]), p.Length > 3 && p[3] == "1", p.Length > 4 && p[4] == "1"));
            }
        }
        else
        {
            foreach (string s in opt.GetValueOrDefault("size", "64,128,256,512,1024").Split(','))
            {
                int size = int.Parse(s, CultureInfo.InvariantCulture);
                shapes.Add((size, size, size, false, false));
            }
        }

        Console.WriteLine($"# impl={impl} threads={threads} type={(isDouble ? "double" : "float")} reps={reps}");
        Console.WriteLine("     m      n      k tA tB   median ms   GFLOP/s  best GFLOP/s");
        foreach (var (m, n, k, ta, tb) in shapes)
        {
            long helperItems = GemmThreading.HelperItemCount;
            double[] times = isDouble ? Time<double>(impl, m, n, k, ta, tb, threads, reps) : Time<float>(impl, m, n, k, ta, tb, threads, reps);
            double median = times[reps / 2], best = times[0], flops = 2.0 * m * n * k;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{m,6} {n,6} {k,6} {(ta ? 1 : 0),2} {(tb ? 1 : 0),2} {median * 1e3,11:F4} {flops / median / 1e9,9:F1} {flops / best / 1e9,13:F1}{(threads > 1 ? $"  helper ran {GemmThreading.HelperItemCount - helperItems} items" : "")}"));
        }
        return 0;
    }

    /// <summary>
    /// The micro-kernel alone on cache-resident panels (kc = 256): the ceiling for the whole GEMM.
    /// </summary>
    public static unsafe int Kernel()
    {
        const int kc = 256, calls = 1000;
        Console.WriteLine("micro-kernel, kc = 256, panels in L1/L2:");
        for (int round = 0; round < 2; round++)
        {
            Report("Vector512, 8 rows", KernelGflops<float, System.Runtime.Intrinsics.Vector512<float>, GemmSimd512<float>>(kc, calls));
            Report("Vector512, 6 rows", KernelGflops<float, System.Runtime.Intrinsics.Vector512<float>, Simd512Rows6<float>>(kc, calls));
            Report("Vector<T>, 6 rows", KernelGflops<float, System.Numerics.Vector<float>, GemmSimdVector<float>>(kc, calls));
        }
        return 0;

        static void Report(string name, double[] g) =>
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-22} median {g[g.Length / 2],6:F1}  best {g[^1],6:F1} GFLOP/s"));
    }

    private static unsafe double[] KernelGflops<T, TVec, TSimd>(int kc, int calls)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> where TVec : struct where TSimd : IGemmSimd<T, TVec>
    {
        int mr = GemmMicroKernel<T, TVec, TSimd>.Rows, nr = GemmMicroKernel<T, TVec, TSimd>.Columns;
        T* a = (T*)System.Runtime.InteropServices.NativeMemory.AlignedAlloc((nuint)(kc * mr * 4 * sizeof(T)), 64);
        T* b = (T*)System.Runtime.InteropServices.NativeMemory.AlignedAlloc((nuint)(kc * nr * sizeof(T)), 64);
        T* c = (T*)System.Runtime.InteropServices.NativeMemory.AlignedAlloc((nuint)(4 * mr * nr * sizeof(T)), 64);
        for (int i = 0; i < kc * mr * 4; i++) a[i] = T.CreateChecked(0.001 * (i % 7));
        for (int i = 0; i < kc * nr; i++) b[i] = T.CreateChecked(0.001 * (i % 5));
        var g = new double[301];
        for (int r = 0; r < g.Length; r++)
        {
            long t0 = Stopwatch.GetTimestamp();
            for (int i = 0; i < calls; i++)
                GemmMicroKernel<T, TVec, TSimd>.Tile(kc, a + (i & 3) * kc * mr, b, nr, c + (i & 3) * mr * nr, nr, true);
            g[r] = 2.0 * mr * nr * kc * calls / Stopwatch.GetElapsedTime(t0).TotalSeconds / 1e9;
        }
        Array.Sort(g);
        System.Runtime.InteropServices.NativeMemory.AlignedFree(a);
        System.Runtime.InteropServices.NativeMemory.AlignedFree(b);
        System.Runtime.InteropServices.NativeMemory.AlignedFree(c);
        return g;
    }

    /// <summary>
    /// The helper pool alone: parallel loops of <c>items</c> busy-work items of <c>us</c> µs each, reporting how many items
    /// the helper thread took and the wall time against the single-thread time.
    /// </summary>
    public static int Pool(string[] args)
    {
        var opt = ParseArgs(args);
        int items = int.Parse(opt.GetValueOrDefault("items", "20")), us = int.Parse(opt.GetValueOrDefault("us", "200")),
            jobs = int.Parse(opt.GetValueOrDefault("jobs", "50")), gapUs = int.Parse(opt.GetValueOrDefault("gap-us", "0"));
        var work = new SpinWork(us);
        int threads = GemmThreading.Enter(2);
        try
        {
            long helperBefore = GemmThreading.HelperItemCount;
            long t0 = Stopwatch.GetTimestamp();
            for (int j = 0; j < jobs; j++)
            {
                GemmThreading.Run(work, items, threads);
                if (gapUs > 0) SpinWork.Spin(gapUs);
            }
            double wall = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            long helper = GemmThreading.HelperItemCount - helperBefore;
            double serial = jobs * (items * us + gapUs) / 1000.0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{jobs} loops of {items} items × {us} µs (gap {gapUs} µs): helper ran {helper} of {jobs * items} items; wall {wall:F1} ms, one thread would take {serial:F1} ms"));
        }
        finally
        {
            if (threads > 1) GemmThreading.Exit();
        }
        return 0;
    }

    private sealed class SpinWork(int microseconds) : IGemmParallelWork
    {
        public void Execute(int item) => Spin(microseconds);

        public static void Spin(int microseconds)
        {
            long end = Stopwatch.GetTimestamp() + Stopwatch.Frequency * microseconds / 1_000_000;
            while (Stopwatch.GetTimestamp() < end) Thread.SpinWait(10);
        }
    }

    public static int Serve()
    {
        string? line;
        while ((line = Console.ReadLine()) != null)
        {
            string[] p = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (p.Length == 0) continue;
            if (p[0] == "quit") break;
            int m = int.Parse(p[0]), n = int.Parse(p[1]), k = int.Parse(p[2]), threads = int.Parse(p[3]), reps = int.Parse(p[4]);
            bool ta = p.Length > 5 && p[5] == "1", tb = p.Length > 6 && p[6] == "1";
            double[] times = Time<float>("fast", m, n, k, ta, tb, threads, reps);
            Console.WriteLine(times[reps / 2].ToString("R", CultureInfo.InvariantCulture));
            Console.Out.Flush();
        }
        return 0;
    }

    /// <summary>Seconds per multiply of each of <paramref name="reps"/> timed batches, sorted (median = middle).</summary>
    public static double[] Time<T>(string impl, int m, int n, int k, bool ta, bool tb, int threads, int reps)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var rng = new Random(42);
        T[] a = new T[m * k], b = new T[k * n], c = new T[m * n];
        for (int i = 0; i < a.Length; i++) a[i] = T.CreateChecked(rng.NextDouble() * 2 - 1);
        for (int i = 0; i < b.Length; i++) b[i] = T.CreateChecked(rng.NextDouble() * 2 - 1);
        var options = s_options with { MaxThreads = threads };
        if (impl == "vector") options = options with { Width = GemmWidth.Vector };
        Action op = impl switch
        {
            "fast" or "vector" => () => Gemm.MultiplyWith<T>(a, b, c, m, n, k, ta, tb, false, options),
            "rows6" => () => Rows6(a, b, c, m, n, k, ta, tb, options),
            "reference" => () => GemmReference.Multiply<T>(a, b, c, m, n, k, ta, tb),
            // The teaching versions of chapter 9 (src/Tutorial.Engine/Kernels/Teaching), plain A·B only.
            "naive" when !ta && !tb => () => GemmVariants.NaiveIjk<T>(a, b, c, m, n, k),
            "ikj" when !ta && !tb => () => GemmVariants.LoopOrderIkj<T>(a, b, c, m, n, k),
            "vector-rows" when !ta && !tb => () => GemmVariants.VectorRows<T>(a, b, c, m, n, k),
            "blocked" when !ta && !tb => () => GemmVariants.Blocked<T>(a, b, c, m, n, k),
            "tiles" when !ta && !tb => () => GemmVariants.RegisterTiles<T>(a, b, c, m, n, k),
            _ => throw new ArgumentException($"Unknown --impl {impl} (or naive/ikj/vector-rows/blocked/tiles with a transpose)."),
        };

        // Warm up (JIT tiers, helper threads, packing buffers) and size a batch to last ≥ 20 ms.
        var sw = Stopwatch.StartNew();
        int calls = 0;
        do { op(); calls++; } while (sw.Elapsed.TotalMilliseconds < 200 || calls < 3);
        double perCall = sw.Elapsed.TotalSeconds / calls;
        int batch = (int)Math.Max(1, s_batchSeconds / perCall);

        var times = new double[reps];
        for (int r = 0; r < reps; r++)
        {
            long t0 = Stopwatch.GetTimestamp();
            for (int i = 0; i < batch; i++) op();
            times[r] = Stopwatch.GetElapsedTime(t0).TotalSeconds / batch;
        }
        Array.Sort(times);
        return times;
    }

    private static unsafe void Rows6<T>(T[] a, T[] b, T[] c, int m, int n, int k, bool ta, bool tb, GemmOptions options)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        fixed (T* pa = a, pb = b, pc = c)
            GemmDriver<T, System.Runtime.Intrinsics.Vector512<T>, Simd512Rows6<T>>.Multiply(pa, pb, pc, m, n, k, ta, tb, false, options);
    }

    internal static Dictionary<string, string> ParseArgs(string[] args)
    {
        var result = new Dictionary<string, string>();
        for (int i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"Unexpected argument {args[i]}.");
            result[args[i][2..]] = i + 1 < args.Length ? args[++i] : "";
        }
        return result;
    }
}
