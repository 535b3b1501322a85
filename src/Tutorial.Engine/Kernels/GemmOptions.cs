using System.Numerics;
using System.Runtime.Intrinsics;

namespace Tutorial.Engine.Kernels;

/// <summary>Which register width the GEMM kernel uses.</summary>
internal enum GemmWidth
{
    /// <summary>512-bit if the CPU has AVX-512, else <see cref="Vector{T}"/>, else scalar.</summary>
    Auto,
    /// <summary>The scalar triple loop of <see cref="GemmReference"/>.</summary>
    Scalar,
    /// <summary><see cref="Vector{T}"/> (256-bit on AVX2 machines).</summary>
    Vector,
    /// <summary><see cref="Vector512{T}"/> (AVX-512).</summary>
    Vector512,
}

/// <summary>
/// Tuning knobs of the fast GEMM. <see cref="Default"/> holds the measured defaults (see bench/README.md);
/// tests and benchmarks pass other values to force a particular path.
/// </summary>
internal readonly record struct GemmOptions
{
    public GemmWidth Width { get; init; }
    /// <summary>Upper bound on threads; <see cref="Default"/> takes <see cref="Gemm.MaxThreads"/>.</summary>
    public int MaxThreads { get; init; }
    /// <summary>A call gets one thread per this many flops (2·m·n·k), up to <see cref="MaxThreads"/>.</summary>
    public long FlopsPerThread { get; init; }
    /// <summary>Products with m·n·k at most this go to the scalar loop (<see cref="GemmSmall"/>).</summary>
    public long ScalarMaxWork { get; init; }
    /// <summary>Read B in place, without packing, when it is not transposed and m is at most this.</summary>
    public int InPlaceBMaxRows { get; init; }
    /// <summary>Depth of a block (the k extent kept in cache), in elements.</summary>
    public int KC { get; init; }
    /// <summary>Rows of A packed per block (kept in L2).</summary>
    public int MC { get; init; }
    /// <summary>Columns of B packed per block (kept in L3).</summary>
    public int NC { get; init; }

    public static GemmOptions Default => new()
    {
        Width = GemmWidth.Auto,
        MaxThreads = Gemm.MaxThreads,
        FlopsPerThread = 600_000,
        ScalarMaxWork = 128,
        InPlaceBMaxRows = 64,
        KC = 256,
        MC = 120,
        NC = 4096,
    };

    /// <summary>
    /// The depth of the k blocks: k split into equal parts of at most <see cref="KC"/> (a depth of 300 becomes
    /// 150 + 150, not 256 + 44, which would spend a whole pass over C on a thin sliver).
    /// </summary>
    public int DepthBlock(int k)
    {
        int parts = (k + KC - 1) / KC;
        return (k + parts - 1) / parts;
    }

    public int ThreadsFor(int m, int n, int k)
    {
        double flops = 2.0 * m * n * k;
        return (int)Math.Clamp(flops / FlopsPerThread, 1, Math.Max(1, MaxThreads));
    }

    public GemmWidth ResolveWidth<T>()
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double)) return GemmWidth.Scalar;
        return Width switch
        {
            GemmWidth.Auto when Vector512.IsHardwareAccelerated => GemmWidth.Vector512,
            GemmWidth.Auto when Vector.IsHardwareAccelerated => GemmWidth.Vector,
            GemmWidth.Auto => GemmWidth.Scalar,
            _ => Width,
        };
    }
}
