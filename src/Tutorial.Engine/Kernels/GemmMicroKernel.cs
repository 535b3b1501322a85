using System.Numerics;
using System.Runtime.CompilerServices;

namespace Tutorial.Engine.Kernels;

/// <summary>
/// The GEMM micro-kernel: the innermost loop, where all the arithmetic happens.
/// <para>It computes one small tile of C, MR rows × NR = 2 registers of columns (8 × 32 floats with
/// AVX-512, 6 × 16 with AVX2; see <see cref="IGemmSimd{T, TVec}.KernelRows"/>), as a sum of kc outer products:
/// <code>
///   for p in 0..kc:   C_tile += A[:, p] (a column of MR numbers) ⊗ B[p, :] (a row of NR numbers)
/// </code>
/// The MR × 2 accumulators live in CPU registers for the whole loop; C is read and written once, at the
/// end. Each step loads 2 registers of B, broadcasts MR numbers of A, and issues 2·MR fused
/// multiply-adds (16 FMAs for 10 loads with 8 rows). That is enough arithmetic per load to keep both FMA
/// units of a core busy; and because an FMA takes 4 cycles before its result can be used again, at
/// least 8 independent accumulators are needed to start 2 per cycle.</para>
/// <para>The kernel reads A and B in "packed" order (see <see cref="GemmPacking{T, TVec, TSimd}"/>): the MR
/// numbers of A for step p are adjacent, and B's row p is NR adjacent numbers, the next row
/// <c>bStride</c> further. So every load is sequential and the hardware prefetcher can stream them.</para>
/// <para>One body serves both tile heights: <c>TSimd.KernelRows</c> is a constant in each compiled copy,
/// so the lines for rows 6 and 7 are compiled only into the 8-row kernel.</para>
/// </summary>
internal static unsafe class GemmMicroKernel<T, TVec, TSimd>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TVec : struct
    where TSimd : IGemmSimd<T, TVec>
{
    /// <summary>MR: rows of C per tile (6 or 8).</summary>
    public static int Rows => TSimd.KernelRows;

    /// <summary>NR: columns of C per tile, two registers wide.</summary>
    public static int Columns => 2 * TSimd.Count;

    /// <summary>
    /// C[0..MR, 0..NR] (+)= Σₚ a[p·MR + r] · b[p·bStride + j], for a full tile.
    /// </summary>
    /// <param name="kc">Length of the sum.</param>
    /// <param name="a">Packed A micro-panel: kc steps of MR numbers.</param>
    /// <param name="b">B micro-panel: kc rows of NR numbers, <paramref name="bStride"/> apart.</param>
    /// <param name="bStride">Distance between B's rows: NR when packed, n when B is read in place.</param>
    /// <param name="c">Top-left of the C tile.</param>
    /// <param name="ldc">Distance between C's rows (n).</param>
    /// <param name="addToC">Add to C instead of overwriting it.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile(int kc, T* a, T* b, nint bStride, T* c, nint ldc, bool addToC)
    {
        int w = TSimd.Count, mr = TSimd.KernelRows;
        bool eightRows = TSimd.KernelRows == 8;
        TVec c00 = TSimd.Zero, c01 = TSimd.Zero, c10 = TSimd.Zero, c11 = TSimd.Zero,
             c20 = TSimd.Zero, c21 = TSimd.Zero, c30 = TSimd.Zero, c31 = TSimd.Zero,
             c40 = TSimd.Zero, c41 = TSimd.Zero, c50 = TSimd.Zero, c51 = TSimd.Zero,
             c60 = TSimd.Zero, c61 = TSimd.Zero, c70 = TSimd.Zero, c71 = TSimd.Zero;

        for (int p = 0; p < kc; p++)
        {
            TVec b0 = TSimd.Load(b), b1 = TSimd.Load(b + w);
            TVec ar = TSimd.Broadcast(a[0]);
            c00 = TSimd.MultiplyAdd(ar, b0, c00); c01 = TSimd.MultiplyAdd(ar, b1, c01);
            ar = TSimd.Broadcast(a[1]);
            c10 = TSimd.MultiplyAdd(ar, b0, c10); c11 = TSimd.MultiplyAdd(ar, b1, c11);
            ar = TSimd.Broadcast(a[2]);
            c20 = TSimd.MultiplyAdd(ar, b0, c20); c21 = TSimd.MultiplyAdd(ar, b1, c21);
            ar = TSimd.Broadcast(a[3]);
            c30 = TSimd.MultiplyAdd(ar, b0, c30); c31 = TSimd.MultiplyAdd(ar, b1, c31);
            ar = TSimd.Broadcast(a[4]);
            c40 = TSimd.MultiplyAdd(ar, b0, c40); c41 = TSimd.MultiplyAdd(ar, b1, c41);
            ar = TSimd.Broadcast(a[5]);
            c50 = TSimd.MultiplyAdd(ar, b0, c50); c51 = TSimd.MultiplyAdd(ar, b1, c51);
            if (eightRows)
            {
                ar = TSimd.Broadcast(a[6]);
                c60 = TSimd.MultiplyAdd(ar, b0, c60); c61 = TSimd.MultiplyAdd(ar, b1, c61);
                ar = TSimd.Broadcast(a[7]);
                c70 = TSimd.MultiplyAdd(ar, b0, c70); c71 = TSimd.MultiplyAdd(ar, b1, c71);
            }
            a += mr;
            b += bStride;
        }

        StoreRow(c, w, c00, c01, addToC); c += ldc;
        StoreRow(c, w, c10, c11, addToC); c += ldc;
        StoreRow(c, w, c20, c21, addToC); c += ldc;
        StoreRow(c, w, c30, c31, addToC); c += ldc;
        StoreRow(c, w, c40, c41, addToC); c += ldc;
        StoreRow(c, w, c50, c51, addToC);
        if (eightRows)
        {
            c += ldc;
            StoreRow(c, w, c60, c61, addToC); c += ldc;
            StoreRow(c, w, c70, c71, addToC);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(T* c, int w, TVec v0, TVec v1, bool addToC)
    {
        if (addToC)
        {
            v0 = TSimd.Add(TSimd.Load(c), v0);
            v1 = TSimd.Add(TSimd.Load(c + w), v1);
        }
        TSimd.Store(c, v0);
        TSimd.Store(c + w, v1);
    }

    /// <summary>
    /// A tile at the bottom or right edge of C, with only <paramref name="rows"/> ≤ MR rows and
    /// <paramref name="columns"/> ≤ NR columns inside the matrix. The packed panels are padded with
    /// zeros, so the full tile is computed into a scratch tile on the stack and only the valid part
    /// is copied (or added) into C.
    /// <para>A row of w &lt; columns &lt; 2w numbers (w = lanes per register) is copied as two overlapping
    /// registers, [0, w) and [columns − w, columns). Both are computed from the old C before either is
    /// stored, so the overlap receives the same value twice; only rows narrower than one register go
    /// number by number.</para>
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization), SkipLocalsInit]
    public static void EdgeTile(int kc, T* a, T* b, nint bStride, T* c, nint ldc, int rows, int columns, bool addToC)
    {
        int nr = Columns, w = TSimd.Count;
        T* scratch = stackalloc T[8 * 2 * 64 / sizeof(T)]; // room for the largest tile, 8 × 2 × 512 bits
        Tile(kc, a, b, bStride, scratch, nr, addToC: false);
        for (int r = 0; r < rows; r++)
        {
            T* src = scratch + r * nr;
            T* dst = c + r * ldc;
            if (columns >= w)
            {
                int tail = columns - w;
                TVec head = TSimd.Load(src), last = TSimd.Load(src + tail);
                if (addToC)
                {
                    head = TSimd.Add(head, TSimd.Load(dst));
                    last = TSimd.Add(last, TSimd.Load(dst + tail));
                }
                TSimd.Store(dst + tail, last);
                TSimd.Store(dst, head);
            }
            else if (addToC)
            {
                for (int j = 0; j < columns; j++) dst[j] += src[j];
            }
            else
            {
                for (int j = 0; j < columns; j++) dst[j] = src[j];
            }
        }
    }
}
