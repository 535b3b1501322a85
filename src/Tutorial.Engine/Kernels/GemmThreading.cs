using System.Diagnostics;

namespace Tutorial.Engine.Kernels;

/// <summary>A parallel loop body: <c>Execute(item)</c> for item = 0 … count−1, in any order, on any thread.</summary>
internal interface IGemmParallelWork
{
    void Execute(int item);
}

/// <summary>
/// The small thread pool behind multi-threaded GEMM: the calling thread plus up to
/// <see cref="Gemm.MaxThreads"/> − 1 dedicated helper threads.
/// <para>Design goal: never be slower than one thread because a helper is late. On a shared machine
/// the other core may be busy (a compiler, another process), and a helper can be woken but not get
/// to run for milliseconds. So work is not divided up front. A parallel loop is published as
/// "items 0 … count−1"; the caller and every helper <em>claim</em> items one at a time with an
/// atomic compare-exchange and run them. The caller always works too, so if no helper shows up it
/// simply claims every item itself, and at the end it only waits for items a helper has actually
/// started. (This is the "work sharing with dynamic claiming" scheme of OpenMP's
/// <c>schedule(dynamic)</c>.)</para>
/// <para>The caller claims items from the front (0, 1, 2, …) and helpers from the back (count−1, count−2, …)
/// until the two ends meet. From one call to the next the same thread therefore tends to get the same
/// items, i.e. the same rows of C and A, which then stay in that core's cache instead of moving between
/// cores every call. Both ends and a job number live in one 64-bit word (job:24 | front:20 | back:20),
/// so a helper that wakes up late can never claim an item of a job that has already finished: its
/// compare-exchange fails because the job number moved on.</para>
/// <para>Idle helpers spin for ~<see cref="SpinMicroseconds"/> µs (a GEMM issues several loops in a
/// row, one per block of k), then sleep on a semaphore, so an idle engine costs no CPU.</para>
/// </summary>
internal static class GemmThreading
{
    private const int ItemBits = 20;
    private const long ItemMask = (1L << ItemBits) - 1;
    private const int JobShift = 2 * ItemBits;

    /// <summary>The most items one parallel loop may have.</summary>
    public const int MaxItems = (int)ItemMask;

    /// <summary>How long an idle helper polls for the next loop before going to sleep.</summary>
    public const int SpinMicroseconds = 50;

    private sealed class Helper
    {
        public readonly SemaphoreSlim Signal = new(0);
        public int Sleeping;
    }

    private static long s_helperItems;   // diagnostics: items run by helpers since start

    /// <summary>How many items helper threads (not callers) have run since the process started; for benchmarks.</summary>
    public static long HelperItemCount => Interlocked.Read(ref s_helperItems);

    private static long s_state;          // job:24 | front:20 | back:20; items front … back−1 are unclaimed
    private static IGemmParallelWork? s_work;
    private static int s_done;            // items finished in the current job
    private static int s_invitedHelpers;  // helpers 0 … s_invitedHelpers−1 take part in the current job
    private static int s_owner;           // 1 while a GEMM call holds the pool
    private static volatile Helper[] s_helpers = [];
    private static readonly object s_createLock = new();

    /// <summary>
    /// Reserves the pool for one GEMM call. Returns how many threads the call may use: <paramref name="wanted"/>,
    /// or 1 if the pool is already in use by another thread (then that call runs single-threaded).
    /// Every return value greater than 1 must be paired with <see cref="Exit"/>.
    /// </summary>
    public static int Enter(int wanted)
    {
        if (wanted <= 1) return 1;
        if (Interlocked.CompareExchange(ref s_owner, 1, 0) != 0) return 1;
        EnsureHelpers(wanted - 1);
        return wanted;
    }

    public static void Exit() => Volatile.Write(ref s_owner, 0);

    /// <summary>
    /// Runs <c>work.Execute(i)</c> for i = 0 … <paramref name="count"/>−1 on up to <paramref name="threads"/>
    /// threads (the caller among them) and returns when all are done. Call only between <see cref="Enter"/>
    /// and <see cref="Exit"/> when <paramref name="threads"/> &gt; 1.
    /// </summary>
    public static void Run(IGemmParallelWork work, int count, int threads)
    {
        if (threads <= 1 || count <= 1)
        {
            for (int i = 0; i < count; i++) work.Execute(i);
            return;
        }
        if (count > MaxItems) throw new ArgumentOutOfRangeException(nameof(count), $"At most {MaxItems} items per parallel loop.");

        // Publish: the work and bookkeeping first, then the state word that makes the job visible.
        s_work = work;
        s_done = 0;
        int invited = Math.Min(threads - 1, count - 1);
        s_invitedHelpers = invited;
        long job = ((Volatile.Read(ref s_state) >>> JobShift) + 1) & 0xFFFFFF;
        Interlocked.Exchange(ref s_state, (job << JobShift) | (long)(uint)count);   // front = 0, back = count

        Helper[] helpers = s_helpers;
        for (int h = 0; h < invited; h++)
            if (Interlocked.Exchange(ref helpers[h].Sleeping, 0) == 1) helpers[h].Signal.Release();

        int mine = 0;
        while (TryClaim(job, fromFront: true, out int item))
        {
            work.Execute(item);
            mine++;
        }
        Interlocked.Add(ref s_done, mine);

        // Only items a helper has claimed remain; wait for them without sleeping a whole timer tick.
        var spinner = new SpinWait();
        while (Volatile.Read(ref s_done) < count) spinner.SpinOnce(sleep1Threshold: -1);
        s_work = null;
    }

    /// <summary>Claims the first (caller) or last (helpers) unclaimed item of <paramref name="job"/>, if any.</summary>
    private static bool TryClaim(long job, bool fromFront, out int item)
    {
        while (true)
        {
            long state = Volatile.Read(ref s_state);
            int front = (int)((state >>> ItemBits) & ItemMask);
            int back = (int)(state & ItemMask);
            if ((state >>> JobShift) != job || front >= back)
            {
                item = -1;
                return false;
            }
            long claimed = fromFront ? state + (1L << ItemBits) : state - 1;
            if (Interlocked.CompareExchange(ref s_state, claimed, state) == state)
            {
                item = fromFront ? front : back - 1;
                return true;
            }
        }
    }

    private static void EnsureHelpers(int count)
    {
        if (s_helpers.Length >= count) return;
        lock (s_createLock)
        {
            Helper[] old = s_helpers;
            if (old.Length >= count) return;
            var grown = new Helper[count];
            old.CopyTo(grown, 0);
            for (int h = old.Length; h < count; h++)
            {
                grown[h] = new Helper();
                int index = h;
                var thread = new Thread(() => HelperLoop(index, grown[index]))
                {
                    IsBackground = true,
                    Name = $"GEMM helper {h + 1}",
                };
                thread.Start();
            }
            s_helpers = grown;
        }
    }

    private static void HelperLoop(int index, Helper self)
    {
        long seenJob = Volatile.Read(ref s_state) >>> JobShift;
        while (true)
        {
            long job = Volatile.Read(ref s_state) >>> JobShift;
            if (job == seenJob)
            {
                if (!SpinUntilNewJob(seenJob)) Sleep(self, seenJob);
                continue;
            }
            seenJob = job;
            if (index >= Volatile.Read(ref s_invitedHelpers)) continue;

            int mine = 0;
            while (TryClaim(job, fromFront: false, out int item))
            {
                // Safe to read s_work now: the job cannot finish (and be replaced) while our item is unfinished.
                s_work!.Execute(item);
                mine++;
            }
            if (mine > 0)
            {
                Interlocked.Add(ref s_helperItems, mine);
                Interlocked.Add(ref s_done, mine);
            }
        }
    }

    private static bool SpinUntilNewJob(long seenJob)
    {
        long deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * SpinMicroseconds / 1_000_000;
        do
        {
            Thread.SpinWait(30);
            if ((Volatile.Read(ref s_state) >>> JobShift) != seenJob) return true;
        } while (Stopwatch.GetTimestamp() < deadline);
        return false;
    }

    private static void Sleep(Helper self, long seenJob)
    {
        Interlocked.Exchange(ref self.Sleeping, 1);
        if ((Volatile.Read(ref s_state) >>> JobShift) != seenJob)
        {
            // A job arrived while we were getting ready to sleep. If the caller already cleared our flag it
            // has released (or is about to release) the semaphore once: consume that release.
            if (Interlocked.Exchange(ref self.Sleeping, 0) == 1) return;
        }
        self.Signal.Wait();
    }
}
