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
///   for jc in 0..n step NC:                    B block kc × nc       stays in L2/L3
///     for pc in 0..k step KC:
///       pack B[pc.., jc..] into Bp
///       for ic in 0..m step MC:
///         pack A[ic.., pc..] into Ap           A block mc × kc       stays in L2
///         for jr in 0..nc step NR:             B micro-panel kc × NR stays in L1
///           for ir in 0..mc step MR:
///             micro-kernel: C[ic+ir.., jc+jr..] (+)= Ap[ir] · Bp[jr]   (MR × NR tile in registers)
/// </code>
/// <para>The first kc block writes C (or adds to it when <c>accumulate</c>); later blocks add.</para>
/// <para>A shortcut for the skinny shapes layers produce: when op(B) is B itself (not transposed) and m is
/// small, B is read in place (B's row p is already NR adjacent numbers, just n apart) instead of being
/// copied to be used only ⌈m/MR⌉ times.</para>
/// <para>Threads. For each (jc, pc) block, the work is cut into items that threads claim dynamically
/// (see <see cref="GemmThreading"/>): bands of rows of C ("row split"), or, when m is small and n is not,
/// ranges of B panels ("column split"). A thread never reads panels another thread packed in the same
/// call: moving freshly written data between cores costs ~10 cycles per number here (measured: 25 GB/s
/// against ~145 GB/s from a core's own cache), while packing costs well under one. So in a row split each
/// thread packs the B block itself, in a column split all of A (small, since m is); the rest of the
/// packing is divided, not repeated. On one thread this is exactly the loop nest above.</para>
/// <para>Every path computes each C[i, j] with the same operations in the same order (see
/// <see cref="Gemm"/>), so the split, the thread count and packing or not never change a result.</para>
/// </summary>
internal sealed unsafe class GemmDriver<T, TVec, TSimd> : IGemmParallelWork
    where T : unmanaged, IFloatingPointIeee754<T>
    where TVec : struct
    where TSimd : IGemmSimd<T, TVec>
{
    private static int MR => GemmMicroKernel<T, TVec, TSimd>.Rows;
    private static int NR => GemmMicroKernel<T, TVec, TSimd>.Columns;

    /// <summary>Numbers every (call, jc, pc) block, so a thread can tell whether its packed copy is current.</summary>
    private static long s_nextBlockId;

    [ThreadStatic] private static GemmDriver<T, TVec, TSimd>? t_driver;   // one per calling thread
    [ThreadStatic] private static Scratch? t_scratch;                     // one per working thread

    /// <summary>A working thread's packing buffers, and which block the "shared" operand in them belongs to.</summary>
    private sealed class Scratch
    {
        public readonly PackBuffer<T> A = new(), B = new();
        public long BlockOfA = -1, BlockOfB = -1;
    }

    // The call.
    private T* _a, _b, _c;
    private int _m, _n, _k;
    private bool _transposeA, _transposeB, _bInPlace;
    // The current (jc, pc) block.
    private long _blockId;
    private int _jc, _nc, _pc, _kc, _bPanels;
    private bool _addToC;
    // Its work items: row bands, or (column split) ranges of B panels.
    private bool _columnSplit;
    private int _rowsPerItem, _panelsPerItem;

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

        for (_jc = 0; _jc < n; _jc += ncStep)
        {
            _nc = Math.Min(ncStep, n - _jc);
            _bPanels = (_nc + NR - 1) / NR;
            int items = PlanItems(options.MC, threads);
            for (_pc = 0; _pc < k; _pc += kc)
            {
                _kc = Math.Min(kc, k - _pc);
                _addToC = accumulate || _pc > 0;
                _blockId = Interlocked.Increment(ref s_nextBlockId);
                GemmThreading.Run(this, items, threads);
            }
        }
    }

    /// <summary>
    /// Cuts the current column block into work items and returns their number. One thread: bands of MC rows
    /// (the loop nest of the class comment). Several threads: a column split when m fits one band and is
    /// smaller than n (repeating A's packing is then cheaper than repeating B's), else a row split; about
    /// three items per thread so that a late or busy helper costs little, rounded to share out evenly.
    /// </summary>
    private int PlanItems(int mcMax, int threads)
    {
        int rowTiles = (_m + MR - 1) / MR;
        int bands = (_m + mcMax - 1) / mcMax;
        _columnSplit = threads > 1 && bands == 1 && _m < _nc && _bPanels >= 2 * threads;
        if (_columnSplit)
        {
            int ranges = Math.Min(_bPanels, 3 * threads);
            _panelsPerItem = (_bPanels + ranges - 1) / ranges;
            return (_bPanels + _panelsPerItem - 1) / _panelsPerItem;
        }
        if (threads > 1)
            bands = Math.Min(rowTiles, Math.Max(RoundUp(bands, threads), 3 * threads));
        _rowsPerItem = (rowTiles + bands - 1) / bands * MR;
        return (_m + _rowsPerItem - 1) / _rowsPerItem;
    }

    /// <summary>One work item of the current block: a band of rows of C, or a range of its panels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Execute(int item)
    {
        var scratch = t_scratch ??= new Scratch();
        int kc = _kc;
        if (!_columnSplit)
        {
            // Row split: B block packed once per thread (or read in place), this band of A packed for this item.
            int i0 = item * _rowsPerItem, mc = Math.Min(_rowsPerItem, _m - i0);
            T* bPacked = PanelRoom(scratch, 0, _bPanels);
            if (scratch.BlockOfB != _blockId)
            {
                PackB(0, _bPanels, bPacked);
                scratch.BlockOfB = _blockId;
            }
            T* aPacked = scratch.A.Ensure((nint)RoundUp(mc, MR) * kc);
            GemmPacking<T, TVec, TSimd>.PackA(_a, _m, _k, _transposeA, i0, mc, _pc, kc, aPacked);
            Compute(aPacked, i0, mc, 0, _bPanels, bPacked);
        }
        else
        {
            // Column split: all of A packed once per thread, this range of B panels packed for this item.
            int q0 = item * _panelsPerItem, q1 = Math.Min(q0 + _panelsPerItem, _bPanels);
            T* aPacked = scratch.A.Ensure((nint)RoundUp(_m, MR) * kc);
            if (scratch.BlockOfA != _blockId)
            {
                GemmPacking<T, TVec, TSimd>.PackA(_a, _m, _k, _transposeA, 0, _m, _pc, kc, aPacked);
                scratch.BlockOfA = _blockId;
            }
            T* bPacked = PanelRoom(scratch, q0, q1);
            PackB(q0, q1, bPacked);
            Compute(aPacked, 0, _m, q0, q1, bPacked);
        }
    }

    /// <summary>
    /// Room in the thread's B buffer for panels q0 … q1−1 (when B is read in place, only for the last one, the
    /// only one that may need a copy), returned as the address panel 0 would have: panel q is at + q·kc·NR.
    /// </summary>
    private T* PanelRoom(Scratch scratch, int q0, int q1)
    {
        if (_bInPlace) q0 = q1 - 1;
        nint panel = (nint)NR * _kc;
        return scratch.B.Ensure((q1 - q0) * panel) - q0 * panel;
    }

    /// <summary>Packs B panels q0 … q1−1 of the current block to <c>dst + q·kc·NR</c>; read in place, only a ragged last panel.</summary>
    private void PackB(int q0, int q1, T* dst)
    {
        if (!_bInPlace)
            GemmPacking<T, TVec, TSimd>.PackB(_b, _n, _k, _transposeB, _pc, _kc, _jc, _nc, q0, q1, dst);
        else if (q1 == _bPanels && _nc % NR != 0)
            GemmPacking<T, TVec, TSimd>.PackB(_b, _n, _k, false, _pc, _kc, _jc, _nc, q1 - 1, q1, dst);
    }

    /// <summary>
    /// The two innermost loops: C rows i0 … i0+mc−1 (packed A at <paramref name="aPacked"/>) times B panels
    /// q0 … q1−1 (packed at <c>bPacked + q·kc·NR</c>, or read in place), one MR × NR tile at a time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Compute(T* aPacked, int i0, int mc, int q0, int q1, T* bPacked)
    {
        int kc = _kc, nr = NR;
        for (int q = q0; q < q1; q++)
        {
            int j = q * nr;                       // column within the nc block
            int cols = Math.Min(nr, _nc - j);
            T* bPanel = bPacked + (nint)q * kc * nr;
            nint bStride = nr;
            if (_bInPlace && cols == nr)
            {
                bPanel = _b + (nint)_pc * _n + _jc + j;
                bStride = _n;
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
