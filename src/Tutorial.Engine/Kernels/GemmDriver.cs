using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tutorial.Engine.Kernels;

/// <summary>
/// The blocked loops of the fast GEMM (the "GotoBLAS / BLIS" algorithm), for one register type.
/// <para>A multiply of (m × k)·(k × n) does 2·m·n·k flops on m·k + k·n + m·n numbers, so every
/// number can be reused many times. Whether it is depends on where it is when it is needed: a
/// core can do ~32–64 flops per cycle but load only a few numbers per cycle from its L1 cache and
/// far fewer from memory. The loops below cut the matrices into blocks sized for each cache level:</para>
/// <code>
///   for jc in 0..n step NC:                    B block kc × nc     stays in L3
///     for pc in 0..k step KC:
///       pack B[pc.., jc..] into Bp             (phase 1, threads share the panels)
///       for ic in 0..m step MC:                (phase 2, threads claim (ic, jr-range) items)
///         pack A[ic.., pc..] into Ap           A block mc × kc     stays in L2
///         for jr in 0..nc step NR:             B micro-panel kc × NR stays in L1
///           for ir in 0..mc step MR:
///             micro-kernel: C[ic+ir.., jc+jr..] += Ap[ir] · Bp[jr]   (MR × NR tile in registers)
/// </code>
/// <para>The first kc block writes C (or adds to it when <c>accumulate</c>); later blocks add.</para>
/// <para>A shortcut for the skinny shapes layers produce: when op(B) is B itself (not transposed) and m is
/// small, B is read in place (B's row p is already NR adjacent numbers, just n apart) instead of being
/// copied to be used only ⌈m/MR⌉ times.</para>
/// <para>Every path computes each C[i, j] with the same operations in the same order (see
/// <see cref="Gemm"/>), so the row blocking, the thread split and packing or not never change a result.</para>
/// <para>Threads: both parallel phases hand out items dynamically (see <see cref="GemmThreading"/>).
/// Items split the rows of C (each item packs its own rows of A, B is shared); when there are too
/// few rows, they split the columns too.</para>
/// </summary>
internal sealed unsafe class GemmDriver<T, TVec, TSimd> : IGemmParallelWork
    where T : unmanaged, IFloatingPointIeee754<T>
    where TVec : struct
    where TSimd : IGemmSimd<T, TVec>
{
    private static int MR => GemmMicroKernel<T, TVec, TSimd>.Rows;
    private static int NR => GemmMicroKernel<T, TVec, TSimd>.Columns;

    [ThreadStatic] private static GemmDriver<T, TVec, TSimd>? t_driver;   // one per calling thread
    [ThreadStatic] private static PackBuffer<T>? t_aBuffer;               // one per working thread

    private readonly PackBuffer<T> _bBuffer = new();

    // The call.
    private T* _a, _b, _c;
    private int _m, _n, _k;
    private bool _transposeA, _transposeB, _bInPlace;
    // The current (jc, pc) block.
    private int _jc, _nc, _pc, _kc;
    private bool _addToC;
    private T* _bPacked;
    // Work items of the current phase.
    private Phase _phase;
    private int _bPanelsPerItem, _bPanels;
    private int _rowsPerItem, _rowItems, _panelsPerItem, _panelItems;

    /// <summary>Runs C (+)= op(A)·op(B) with the blocked algorithm. Sizes are validated, m, n, k &gt; 0.</summary>
    public static void Multiply(T* a, T* b, T* c, int m, int n, int k, bool transposeA, bool transposeB,
        bool accumulate, in GemmOptions options)
    {
        var driver = t_driver ??= new GemmDriver<T, TVec, TSimd>();
        int wanted = options.ThreadsFor(m, n, k);
        int threads = GemmThreading.Enter(wanted);
        try
        {
            driver.Run(a, b, c, m, n, k, transposeA, transposeB, accumulate, threads, options);
        }
        finally
        {
            if (threads > 1) GemmThreading.Exit();
            driver._a = driver._b = driver._c = null;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Run(T* a, T* b, T* c, int m, int n, int k, bool transposeA, bool transposeB, bool accumulate,
        int threads, in GemmOptions options)
    {
        _a = a; _b = b; _c = c; _m = m; _n = n; _k = k;
        _transposeA = transposeA; _transposeB = transposeB;
        _bInPlace = !transposeB && m <= options.InPlaceBMaxRows;

        // Split k and n into equal blocks no larger than KC and NC.
        int kc = options.DepthBlock(k);
        int ncStep = EvenSplit(n, options.NC, NR);
        // Packed B holds a kc × nc block; read in place, only its last (ragged) panel is copied.
        int packedColumns = _bInPlace ? NR : RoundUp(Math.Min(n, ncStep), NR);
        _bPacked = _bBuffer.Ensure((nint)packedColumns * kc);

        for (_jc = 0; _jc < n; _jc += ncStep)
        {
            _nc = Math.Min(ncStep, n - _jc);
            _bPanels = (_nc + NR - 1) / NR;
            PlanItems(m, _nc, options.MC, threads);
            for (_pc = 0; _pc < k; _pc += kc)
            {
                _kc = Math.Min(kc, k - _pc);
                _addToC = accumulate || _pc > 0;

                if (!_bInPlace)
                {
                    // Threads share the packing of a large B block; a small one the caller packs alone, as
                    // handing it out would cost more than it saves.
                    int packThreads = (long)_kc * _nc >= options.ParallelPackMinElements ? threads : 1;
                    _phase = Phase.PackB;
                    _bPanelsPerItem = (_bPanels + 2 * packThreads - 1) / (2 * packThreads);
                    GemmThreading.Run(this, (_bPanels + _bPanelsPerItem - 1) / _bPanelsPerItem, packThreads);
                }
                else if (_nc % NR != 0)
                {
                    // Reading B in place: only the ragged last panel needs a zero-padded copy.
                    GemmPacking<T, TVec, TSimd>.PackB(_b, _n, _k, false, _pc, _kc, _jc + (_bPanels - 1) * NR, _nc - (_bPanels - 1) * NR, 0, 1, _bPacked);
                }

                _phase = Phase.Compute;
                GemmThreading.Run(this, _rowItems * _panelItems, threads);
            }
        }
    }

    /// <summary>
    /// Chooses the compute items: <see cref="_rowItems"/> bands of rows (each at most MC, a multiple of MR)
    /// times <see cref="_panelItems"/> ranges of B panels. One thread: bands of MC rows, all columns.
    /// Several threads: at least three items per thread, split by rows while bands stay at least 2·MR rows
    /// (rows do not duplicate packing work), then by columns; the item count is rounded so that it shares
    /// out evenly.
    /// </summary>
    private void PlanItems(int m, int nc, int mcMax, int threads)
    {
        int rowTiles = (m + MR - 1) / MR;
        int bands = (m + mcMax - 1) / mcMax;
        int panels = (nc + NR - 1) / NR;
        int columnRanges = 1;
        if (threads > 1)
        {
            int target = 3 * threads;
            if (bands < target) bands = Math.Min(target, Math.Max(bands, rowTiles / 2));
            else bands = Math.Min(rowTiles, RoundUp(bands, threads));   // 10 bands share out evenly, 9 do not
            if (bands < target) columnRanges = Math.Min(panels, (target + bands - 1) / bands);
        }
        _rowsPerItem = ((rowTiles + bands - 1) / bands) * MR;
        _rowItems = (m + _rowsPerItem - 1) / _rowsPerItem;
        _panelsPerItem = (panels + columnRanges - 1) / columnRanges;
        _panelItems = (panels + _panelsPerItem - 1) / _panelsPerItem;
    }

    private enum Phase { PackB, Compute }

    /// <summary>One item of the current phase: a range of B panels to pack, or a (rows, panels) block of C.</summary>
    public void Execute(int item)
    {
        switch (_phase)
        {
            case Phase.PackB:
                int first = item * _bPanelsPerItem;
                GemmPacking<T, TVec, TSimd>.PackB(_b, _n, _k, _transposeB, _pc, _kc, _jc, _nc,
                    first, Math.Min(first + _bPanelsPerItem, _bPanels), _bPacked);
                break;
            case Phase.Compute:
                ComputeBlock(item / _panelItems, item % _panelItems);
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ComputeBlock(int rowItem, int panelItem)
    {
        int i0 = rowItem * _rowsPerItem;
        int mc = Math.Min(_rowsPerItem, _m - i0);
        int kc = _kc, nr = NR;

        // Pack this band of A into the working thread's own buffer (it stays in that core's L2).
        T* aPacked = (t_aBuffer ??= new PackBuffer<T>()).Ensure((nint)RoundUp(_rowsPerItem, MR) * kc);
        GemmPacking<T, TVec, TSimd>.PackA(_a, _m, _k, _transposeA, i0, mc, _pc, kc, aPacked);

        int firstPanel = panelItem * _panelsPerItem;
        int endPanel = Math.Min(firstPanel + _panelsPerItem, _bPanels);
        for (int q = firstPanel; q < endPanel; q++)
        {
            int j = q * nr;                       // column within the nc block
            int cols = Math.Min(nr, _nc - j);
            T* bPanel;
            nint bStride;
            if (!_bInPlace)
            {
                bPanel = _bPacked + (nint)q * kc * nr;
                bStride = nr;
            }
            else if (cols == nr)
            {
                bPanel = _b + (nint)_pc * _n + _jc + j;
                bStride = _n;
            }
            else
            {
                bPanel = _bPacked;                        // the zero-padded copy of the last panel
                bStride = nr;
            }

            T* cColumn = _c + (nint)i0 * _n + _jc + j;
            for (int ir = 0; ir < mc; ir += MR)
            {
                int rows = Math.Min(MR, mc - ir);
                T* aPanel = aPacked + (nint)ir * kc;
                T* cTile = cColumn + (nint)ir * _n;
                if (rows == MR && cols == nr)
                    GemmMicroKernel<T, TVec, TSimd>.Tile(kc, aPanel, bPanel, bStride, cTile, _n, _addToC);
                else
                    GemmMicroKernel<T, TVec, TSimd>.EdgeTile(kc, aPanel, bPanel, bStride, cTile, _n, rows, cols, _addToC);
            }
        }
    }

    private static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;

    /// <summary>Splits <paramref name="total"/> into equal parts of at most <paramref name="max"/>, rounded up to a multiple.</summary>
    private static int EvenSplit(int total, int max, int multiple)
    {
        int parts = (total + max - 1) / max;
        return RoundUp((total + parts - 1) / parts, multiple);
    }
}

/// <summary>
/// A reusable, 64-byte-aligned scratch buffer for packed panels. It grows when a larger block is
/// needed and is kept for the next call, so steady-state GEMM calls allocate nothing. The memory is a
/// pinned array, so its address can be handed to other threads and the GC still frees it when the
/// owning thread ends.
/// </summary>
internal sealed unsafe class PackBuffer<T> where T : unmanaged
{
    private byte[]? _storage;
    private T* _aligned;
    private nint _capacity;

    public T* Ensure(nint elements)
    {
        if (elements > _capacity)
        {
            // Grow by at least half again, so a slowly growing sequence of shapes does not reallocate every call.
            nint capacity = Math.Max(elements, _capacity + _capacity / 2);
            _storage = GC.AllocateUninitializedArray<byte>(checked((int)(capacity * sizeof(T) + 64)), pinned: true);
            nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_storage));
            _aligned = (T*)((address + 63) & ~(nint)63);
            _capacity = capacity;
        }
        return _aligned;
    }
}
