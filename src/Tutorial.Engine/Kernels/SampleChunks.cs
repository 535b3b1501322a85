namespace Tutorial.Engine.Kernels;

/// <summary>
/// Runs a per-sample loop (a batch cut into chunks of consecutive samples) on the GEMM's threads.
/// <para>Layers such as <c>Conv2D</c> process a batch one sample at a time, with products too small for
/// <see cref="Gemm"/> to hand to a helper thread. Here the samples themselves are shared out: the batch of
/// <c>samples</c> is cut into <see cref="ChunkCount"/> chunks (fewer for a small batch), chunk c holding samples
/// <c>c·N/chunks … (c+1)·N/chunks − 1</c>, and the chunks are claimed by the caller and up to
/// <see cref="Gemm.MaxThreads"/> − 1 helpers (see <see cref="GemmThreading"/>; a chunk's own small GEMMs run on
/// the thread that claimed it).</para>
/// <para>The chunks do not depend on the thread count, so a body that sums into one partial result per chunk,
/// reduced afterwards in chunk order, gives bitwise the same result on 1 or 2 threads, run after run.</para>
/// </summary>
internal sealed class SampleChunks : IGemmParallelWork
{
    /// <summary>How many chunks a batch is cut into (at most; never more than one per sample, none for no samples).</summary>
    public const int ChunkCount = 8;

    /// <summary>Work below this many flops per thread stays on the calling thread (as for <see cref="Gemm"/>).</summary>
    public const long FlopsPerThread = 600_000;

    private readonly Action<int, int, int> _body;
    private int _samples, _chunks;

    /// <param name="body">Called as body(chunk, firstSample, endSample) for each chunk, on any thread.</param>
    public SampleChunks(Action<int, int, int> body) => _body = body;

    /// <summary>How many chunks a batch of <paramref name="samples"/> samples is cut into.</summary>
    public static int ChunksFor(int samples) => Math.Clamp(samples, 0, ChunkCount);

    /// <summary>Runs the body for every chunk of a batch of <paramref name="samples"/> samples and returns when all
    /// are done; <paramref name="flops"/> (the whole batch's work) decides how many threads are worth waking.</summary>
    public void Run(int samples, long flops)
    {
        _samples = samples;
        _chunks = ChunksFor(samples);
        if (_chunks == 0) return;
        int wanted = (int)Math.Clamp(flops / FlopsPerThread, 1, Math.Min(Gemm.MaxThreads, _chunks));
        int threads = GemmThreading.Enter(wanted);
        try
        {
            GemmThreading.Run(this, _chunks, threads);
        }
        finally
        {
            if (threads > 1) GemmThreading.Exit();
        }
    }

    /// <summary>Chunk <paramref name="item"/>: samples item·N/chunks … (item+1)·N/chunks − 1.</summary>
    public void Execute(int item)
        => _body(item, (int)((long)item * _samples / _chunks), (int)((long)(item + 1) * _samples / _chunks));
}
