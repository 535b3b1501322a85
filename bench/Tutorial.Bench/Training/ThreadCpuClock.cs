using System.Runtime.InteropServices;

namespace Tutorial.Bench.Training;

/// <summary>CPU time of the calling thread (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>), in seconds. On a
/// machine shared with other processes it counts only the time this thread actually ran, so a per-layer profile is
/// not inflated by waiting for a core (cache misses caused by neighbours still count).</summary>
internal static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out Timespec time);

    public static bool IsAvailable { get; } = OperatingSystem.IsLinux();

    public static double Now()
    {
        ClockGetTime(ClockThreadCpuTimeId, out var t);
        return t.Seconds + t.Nanoseconds * 1e-9;
    }
}
