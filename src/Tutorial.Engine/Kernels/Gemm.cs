using System.Numerics;
using System.Runtime.Intrinsics;

namespace Tutorial.Engine.Kernels;

/// <summary>
/// General matrix multiply, the engine's hot path: C = op(A)·op(B), or C += op(A)·op(B).
/// <para>Shapes (all row-major, leading dimension = row length):
/// op(A) is (m, k): A is stored (m, k), or (k, m) when <c>transposeA</c>;
/// op(B) is (k, n): B is stored (k, n), or (n, k) when <c>transposeB</c>;
/// C is (m, n). C must not overlap A or B.</para>
/// Layers use three forms: x·Wᵀ (forward), dY·W (dX) and dYᵀ·x (dW).
/// <para>How it is fast (each step has its own file, written to be read):</para>
/// <list type="number">
/// <item><see cref="GemmMicroKernel{T, TVec, TSimd}"/>: an 8 × 32 tile of C (floats, AVX-512) is kept in 16
/// registers while k outer products are added into it with fused multiply-adds.</item>
/// <item><see cref="GemmPacking{T, TVec, TSimd}"/>: blocks of A and B are copied into the exact order the
/// kernel reads them, which also takes care of the transposes.</item>
/// <item><see cref="GemmDriver{T, TVec, TSimd}"/>: the loops around the kernel cut the matrices into blocks
/// that fit the L1, L2 and L3 caches (KC, MC, NC), so each number is fetched from memory about once.</item>
/// <item><see cref="GemmThreading"/>: large products are shared between <see cref="MaxThreads"/> threads.</item>
/// </list>
/// <para>With AVX-512 the kernel uses 512-bit registers (<see cref="Vector512{T}"/>), which doubles the
/// arithmetic per instruction over <see cref="Vector{T}"/> (256-bit here); elsewhere it uses <see cref="Vector{T}"/>.
/// Products of at most 128 multiply-adds (m·n·k) take a scalar loop (<see cref="GemmSmall"/>); types other than
/// float and double take <see cref="GemmReference"/>, the plain triple-loop twin the tests compare against.</para>
/// <para>Each C[i, j] is computed the same way on every path: a sum over p in order, with fused multiply-adds,
/// restarted for every block of KC, each block's sum stored into (or added to) C. So a row of C does not depend
/// on m, the thread count or which path ran: a model's output for a sample is bitwise the same whatever batch
/// it is in. It does differ from <see cref="GemmReference"/> in the last bits (fused multiply-adds round once,
/// the reference rounds twice; long sums are split into KC blocks).</para>
/// </summary>
public static class Gemm
{
    private static int s_maxThreads = Math.Min(2, Environment.ProcessorCount);

    /// <summary>
    /// The most threads one GEMM call uses (the calling thread included). Default: 2, or 1 on a
    /// single-core machine. Set 1 for strictly single-threaded runs; raise it on machines with more cores.
    /// A call uses one thread per 0.6 MFLOP (2·m·n·k) up to this limit, so products below ~1.2 MFLOP (85 × 85 × 85)
    /// stay on the calling thread: below that, handing out work costs more than it saves. If another thread is
    /// already running a multi-threaded GEMM, a call runs on its own thread alone. When the other cores are busy
    /// the helpers simply take no work, and the call runs at single-thread speed (see <see cref="GemmThreading"/>).
    /// </summary>
    public static int MaxThreads
    {
        get => Volatile.Read(ref s_maxThreads);
        set
        {
            if (value < 1) throw new ArgumentOutOfRangeException(nameof(value), value, "Gemm.MaxThreads must be at least 1.");
            Volatile.Write(ref s_maxThreads, value);
        }
    }

    /// <summary>C = op(A)·op(B), or C += op(A)·op(B) when <paramref name="accumulate"/>.</summary>
    public static void Multiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k,
        bool transposeA = false, bool transposeB = false, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
        => MultiplyWith(a, b, c, m, n, k, transposeA, transposeB, accumulate, GemmOptions.Default);

    /// <summary>The same, with explicit tuning options (used by tests and benchmarks to force each path).</summary>
    internal static unsafe void MultiplyWith<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k,
        bool transposeA, bool transposeB, bool accumulate, in GemmOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        GemmReference.Validate(a.Length, b.Length, c.Length, m, n, k);
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            if (!accumulate) c[..(m * n)].Clear();
            return;
        }

        GemmWidth width = options.ResolveWidth<T>();
        if (width == GemmWidth.Scalar)
        {
            GemmReference.Multiply(a, b, c, m, n, k, transposeA, transposeB, accumulate);
            return;
        }
        if ((long)m * n * k <= options.ScalarMaxWork)
        {
            bool fused = width == GemmWidth.Vector512 || GemmSimdVector<T>.HasFma;
            GemmSmall.Multiply(a, b, c, m, n, k, transposeA, transposeB, accumulate, fused, options.DepthBlock(k));
            return;
        }

        fixed (T* pa = a, pb = b, pc = c)
        {
            if (width == GemmWidth.Vector512)
                GemmDriver<T, Vector512<T>, GemmSimd512<T>>.Multiply(pa, pb, pc, m, n, k, transposeA, transposeB, accumulate, options);
            else
                GemmDriver<T, Vector<T>, GemmSimdVector<T>>.Multiply(pa, pb, pc, m, n, k, transposeA, transposeB, accumulate, options);
        }
    }
}
