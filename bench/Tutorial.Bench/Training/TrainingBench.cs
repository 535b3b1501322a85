using System.Diagnostics;
using System.Globalization;
using Tutorial.Engine.Kernels;

namespace Tutorial.Bench.Training;

/// <summary>
/// Console modes for the training benchmarks (the PyTorch twin is <c>bench/torch_training.py</c>):
/// <code>
///   train --workload mlp|cnn|lstm [--threads 1] [--reps 5]
///         prints the median time per unit (mlp, cnn: one epoch over 10,000 samples; lstm: one batch step),
///         bytes allocated per training step in steady state and the peak working set
///   train-serve
///         reads "workload threads reps" lines from stdin and answers one line per request:
///         "&lt;median seconds per unit&gt; &lt;bytes per step, this thread&gt; &lt;bytes per step, all threads&gt; &lt;peak working set bytes&gt;"
///         (used by bench/training-vs-torch.sh)
/// </code>
/// Threads: <see cref="Gemm.MaxThreads"/>, the engine's only source of parallelism. Each request warms up
/// (a full unit the first time a workload is used, then a few steps), then times <c>reps</c> batches of whole
/// units, each batch lasting at least 50 ms, and reports the median time per unit. Allocation is measured
/// over the timed batches, i.e. in steady state: <see cref="GC.GetAllocatedBytesForCurrentThread"/> for the
/// training thread and <see cref="GC.GetTotalAllocatedBytes(bool)"/> for the whole process (GEMM helper threads included).
/// </summary>
public static class TrainingBench
{
    private const double MinBatchSeconds = 0.050;
    private static readonly Dictionary<string, TrainingWorkload> s_workloads = [];

    public record Result(double SecondsPerUnit, double BytesPerStepThread, double BytesPerStepTotal, long PeakWorkingSet);

    public static int Run(string[] args)
    {
        var opt = GemmQuick.ParseArgs(args);
        string workload = opt.GetValueOrDefault("workload", "mlp");
        int reps = int.Parse(opt.GetValueOrDefault("reps", "5"), CultureInfo.InvariantCulture);
        foreach (string t in opt.GetValueOrDefault("threads", "1").Split(','))
        {
            int threads = int.Parse(t, CultureInfo.InvariantCulture);
            foreach (string w in workload.Split(','))
            {
                var r = Measure(w, threads, reps);
                var wl = s_workloads[w];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{w,-5} threads {threads}: {r.SecondsPerUnit * 1000,9:F2} ms per {wl.Unit} ({r.SecondsPerUnit / wl.StepsPerUnit * 1e6:F0} µs per step), " +
                    $"allocated per step {r.BytesPerStepThread:F0} B (all threads {r.BytesPerStepTotal:F0} B), peak working set {r.PeakWorkingSet / 1048576.0:F0} MB"));
            }
        }
        return 0;
    }

    /// <summary><c>train-profile --workload cnn [--threads 1] [--units 3] [--clock cpu|wall]</c>: time per layer and
    /// direction; by default the training thread's CPU time (Linux), which waiting for a busy core does not inflate.</summary>
    public static int Profile(string[] args)
    {
        var opt = GemmQuick.ParseArgs(args);
        Gemm.MaxThreads = int.Parse(opt.GetValueOrDefault("threads", "1"), CultureInfo.InvariantCulture);
        int units = int.Parse(opt.GetValueOrDefault("units", "3"), CultureInfo.InvariantCulture);
        foreach (string w in opt.GetValueOrDefault("workload", "mlp").Split(','))
        {
            var workload = TrainingWorkload.Create(w);
            workload.RunUnit();
            var seconds = new Dictionary<string, double>();
            bool cpu = ThreadCpuClock.IsAvailable && opt.GetValueOrDefault("clock", "cpu") == "cpu";
            for (int u = 0; u < units; u++) workload.ProfileUnit(seconds, cpu);
            double total = seconds.Values.Sum();
            Console.WriteLine($"# {w}, threads {Gemm.MaxThreads}, {(cpu ? "CPU time of the training thread" : "wall time")}: {total / units / workload.StepsPerUnit * 1e6:F0} µs per step");
            foreach (var (key, s) in seconds)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {key,-40} {s / units / workload.StepsPerUnit * 1e6,9:F1} µs  {100 * s / total,5:F1} %"));
        }
        return 0;
    }

    public static int Serve()
    {
        string? line;
        while ((line = Console.ReadLine()) is not null)
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0 || parts[0] == "quit") break;
            var r = Measure(parts[0], int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.SecondsPerUnit:R} {r.BytesPerStepThread:R} {r.BytesPerStepTotal:R} {r.PeakWorkingSet}"));
            Console.Out.Flush();
        }
        return 0;
    }

    public static Result Measure(string name, int threads, int reps)
    {
        Gemm.MaxThreads = threads;
        if (!s_workloads.TryGetValue(name, out var workload))
        {
            workload = s_workloads[name] = TrainingWorkload.Create(name);
            workload.RunUnit();                                   // first use: JIT, buffers, caches
        }
        var clock = Stopwatch.StartNew();
        int units = 0;
        while (clock.Elapsed.TotalSeconds < 0.1 || units < 1)     // warm-up after switching thread counts
        {
            workload.RunUnit();
            units++;
        }
        int perBatch = Math.Max(1, (int)Math.Ceiling(MinBatchSeconds / (clock.Elapsed.TotalSeconds / units)));

        var times = new double[reps];
        long thread0 = GC.GetAllocatedBytesForCurrentThread();
        long total0 = GC.GetTotalAllocatedBytes(precise: true);
        for (int r = 0; r < reps; r++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int u = 0; u < perBatch; u++) workload.RunUnit();
            times[r] = Stopwatch.GetElapsedTime(start).TotalSeconds / perBatch;
        }
        long thread1 = GC.GetAllocatedBytesForCurrentThread();
        long total1 = GC.GetTotalAllocatedBytes(precise: true);
        double steps = (double)reps * perBatch * workload.StepsPerUnit;
        Array.Sort(times);
        using var process = Process.GetCurrentProcess();
        return new Result(times[reps / 2], (thread1 - thread0) / steps, (total1 - total0) / steps, process.PeakWorkingSet64);
    }
}
