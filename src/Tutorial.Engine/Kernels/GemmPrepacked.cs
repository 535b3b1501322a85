using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Tutorial.Engine.Kernels;

/// <summary>
/// A right-hand matrix op(B) packed once and multiplied many times: C (+)= A·op(B) for a sequence of A.
/// <para>Why: a recurrent layer multiplies the same W_hh by a new h_{t−1} at every time step
/// (<c>a_t += h_{t−1}·W_hhᵀ</c>, a (N, H)·(H, G·H) product). <see cref="Gemm.Multiply{T}"/> would pack W_hh
/// into kernel order (a transpose, see <see cref="GemmPacking{T, TVec, TSimd}"/>) on every call, i.e. T times
/// per Forward although W_hh does not change within it. Here <see cref="Pack"/> does that once, and
/// <see cref="Multiply"/> only packs the small A and runs the micro-kernel over the stored panels.</para>
/// <code>
///   Pack(B, k, n, transposeB)       op(B): (k, n); B stored (k, n), or (n, k) when transposeB
///   Multiply(A, C, m, accumulate)   A: (m, k) row-major   C: (m, n)   C = A·op(B), or C += A·op(B)
/// </code>
/// <para>The panels are stored per block of KC rows of op(B) (the same <see cref="GemmOptions.DepthBlock"/> split
/// as <see cref="Gemm"/>), panel q of block p at <c>p0·n_pad + q·kc·NR</c> where n_pad = ⌈n/NR⌉·NR. Each C[i, j]
/// is computed with exactly the operations <see cref="Gemm"/> uses (same kernel, same k blocks, same order), so the
/// result is bitwise that of <c>Gemm.Multiply(A, B, C, m, n, k, transposeB: …, accumulate: …)</c>; tiny products
/// and element types without SIMD take the same scalar paths as there, on a plain copy of op(B).</para>
/// <para>Threads: a product is cut into ranges of B panels (columns of C); every thread packs A itself (A has few
/// rows here) and walks all k blocks of its columns, so one call is one parallel loop of
/// <see cref="GemmThreading"/>, with no barrier between k blocks.</para>
/// Meant for small m (a batch of rows against a weight matrix): A is packed whole, not in blocks of MC rows.
/// </summary>
internal sealed unsafe class GemmPrepacked<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly PackBuffer<T> _panels = new();
    private T[] _plain = [];           // op(B) as given, for the scalar and tiny-product paths
    private GemmOptions _options;
    private GemmWidth _width;
    private bool _transposeB;

    /// <summary>k, the rows of op(B) (0 before the first Pack).</summary>
    public int K { get; private set; }

    /// <summary>n, the columns of op(B).</summary>
    public int N { get; private set; }

    /// <summary>Packs op(B): (k, n) for the following <see cref="Multiply"/> calls. Reuses its storage when the size allows.</summary>
    public void Pack(ReadOnlySpan<T> b, int k, int n, bool transposeB = false) => PackWith(b, k, n, transposeB, GemmOptions.Default);

    /// <summary>The same, with explicit tuning options (tests force each width and thread count).</summary>
    internal void PackWith(ReadOnlySpan<T> b, int k, int n, bool transposeB, in GemmOptions options)
    {
        if (k < 0 || n < 0) throw new ArgumentOutOfRangeException(nameof(k), $"GEMM sizes must not be negative, got k: {k}, n: {n}.");
        if (b.Length < k * n) throw new ArgumentException($"B needs {k * n} elements for op(B) of ({k}, {n}), got {b.Length}.", nameof(b));
        K = k;
        N = n;
        _options = options;
        _width = options.ResolveWidth<T>();
        _transposeB = transposeB;

        // A copy of B for the paths that do not use panels: the scalar width, and products small enough for GemmSmall.
        if (_width == GemmWidth.Scalar || (long)k * n <= options.ScalarMaxWork)
        {
            if (_plain.Length < k * n) _plain = new T[k * n];
            b[..(k * n)].CopyTo(_plain);
        }
        if (_width == GemmWidth.Scalar || k == 0 || n == 0) return;

        fixed (T* pb = b)
        {
            if (_width == GemmWidth.Vector512)
                Panels<Vector512<T>, GemmSimd512<T>>.Pack(pb, k, n, transposeB, options.DepthBlock(k), _panels);
            else
                Panels<Vector<T>, GemmSimdVector<T>>.Pack(pb, k, n, transposeB, options.DepthBlock(k), _panels);
        }
    }

    /// <summary>C = A·op(B), or C += A·op(B) when <paramref name="accumulate"/>; A: (m, k), C: (m, n), row-major, not overlapping.</summary>
    public void Multiply(ReadOnlySpan<T> a, Span<T> c, int m, bool accumulate = false)
    {
        int k = K, n = N;
        GemmReference.Validate(a.Length, _transposeB ? n * k : k * n, c.Length, m, n, k);
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            if (!accumulate) c[..(m * n)].Clear();
            return;
        }
        if (_width == GemmWidth.Scalar)
        {
            GemmReference.Multiply<T>(a, _plain, c, m, n, k, false, _transposeB, accumulate);
            return;
        }
        if ((long)m * n * k <= _options.ScalarMaxWork)
        {
            bool fused = _width == GemmWidth.Vector512 || GemmSimdVector<T>.HasFma;
            GemmSmall.Multiply<T>(a, _plain, c, m, n, k, false, _transposeB, accumulate, fused, _options.DepthBlock(k));
            return;
        }
        fixed (T* pa = a, pc = c)
        {
            if (_width == GemmWidth.Vector512)
                Panels<Vector512<T>, GemmSimd512<T>>.Multiply(pa, _panels, pc, m, n, k, accumulate, _options);
            else
                Panels<Vector<T>, GemmSimdVector<T>>.Multiply(pa, _panels, pc, m, n, k, accumulate, _options);
        }
    }

    /// <summary>Packing and multiplying for one register width; the per-call state lives in a per-thread instance.</summary>
    private sealed class Panels<TVec, TSimd> : IGemmParallelWork
        where TVec : struct
        where TSimd : IGemmSimd<T, TVec>
    {
        private static int MR => GemmMicroKernel<T, TVec, TSimd>.Rows;
        private static int NR => GemmMicroKernel<T, TVec, TSimd>.Columns;

        [ThreadStatic] private static Panels<TVec, TSimd>? t_call;    // one per calling thread
        [ThreadStatic] private static PackBuffer<T>? t_packedA;       // one per working thread

        private T* _a, _b, _c;
        private int _m, _n, _k, _kc, _panelsPerItem, _panelCount;
        private bool _accumulate;

        public static void Pack(T* b, int k, int n, bool transposeB, int kc, PackBuffer<T> storage)
        {
            int panels = (n + NR - 1) / NR;
            nint padded = (nint)panels * NR;
            T* dst = storage.Ensure(k * padded);
            for (int p0 = 0; p0 < k; p0 += kc)
            {
                int depth = Math.Min(kc, k - p0);
                GemmPacking<T, TVec, TSimd>.PackB(b, n, k, transposeB, p0, depth, 0, n, 0, panels, dst + p0 * padded);
            }
        }

        public static void Multiply(T* a, PackBuffer<T> storage, T* c, int m, int n, int k, bool accumulate, in GemmOptions options)
        {
            var call = t_call ??= new Panels<TVec, TSimd>();
            call._a = a;
            call._b = storage.Ensure(0);
            call._c = c;
            call._m = m;
            call._n = n;
            call._k = k;
            call._kc = options.DepthBlock(k);
            call._accumulate = accumulate;
            call._panelCount = (n + NR - 1) / NR;

            int threads = GemmThreading.Enter(Math.Min(options.ThreadsFor(m, n, k), call._panelCount));
            try
            {
                int items = threads == 1 ? 1 : Math.Min(call._panelCount, 3 * threads);
                call._panelsPerItem = (call._panelCount + items - 1) / items;
                items = (call._panelCount + call._panelsPerItem - 1) / call._panelsPerItem;
                GemmThreading.Run(call, items, threads);
            }
            finally
            {
                if (threads > 1) GemmThreading.Exit();
                call._a = call._b = call._c = null;
            }
        }

        /// <summary>Panels item·p … (item+1)·p − 1 of C, over all k blocks (the first writes or adds, the rest add).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Execute(int item)
        {
            int q0 = item * _panelsPerItem, q1 = Math.Min(q0 + _panelsPerItem, _panelCount);
            int m = _m, n = _n, k = _k, mr = MR, nr = NR;
            nint padded = (nint)_panelCount * nr;
            T* aPacked = (t_packedA ??= new PackBuffer<T>()).Ensure((nint)((m + mr - 1) / mr * mr) * _kc);
            for (int p0 = 0; p0 < k; p0 += _kc)
            {
                int kc = Math.Min(_kc, k - p0);
                bool addToC = _accumulate || p0 > 0;
                GemmPacking<T, TVec, TSimd>.PackA(_a, m, k, false, 0, m, p0, kc, aPacked);
                T* block = _b + p0 * padded;
                for (int q = q0; q < q1; q++)
                {
                    int j = q * nr, cols = Math.Min(nr, n - j);
                    T* bPanel = block + (nint)q * kc * nr;
                    for (int ir = 0; ir < m; ir += mr)
                    {
                        int rows = Math.Min(mr, m - ir);
                        T* cTile = _c + (nint)ir * n + j;
                        if (rows == mr && cols == nr)
                            GemmMicroKernel<T, TVec, TSimd>.Tile(kc, aPacked + (nint)ir * kc, bPanel, nr, cTile, n, addToC);
                        else
                            GemmMicroKernel<T, TVec, TSimd>.EdgeTile(kc, aPacked + (nint)ir * kc, bPanel, nr, cTile, n, rows, cols, addToC);
                    }
                }
            }
        }
    }
}
