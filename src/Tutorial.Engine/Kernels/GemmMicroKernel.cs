using System.Numerics;
using System.Runtime.CompilerServices;

namespace Tutorial.Engine.Kernels;

/// <summary>
/// The GEMM micro-kernel: the innermost loop, where all the arithmetic happens.
/// <para>It computes one small tile of C, <see cref="Rows"/> rows × NR = 2 registers of columns
/// (6 × 32 floats with AVX-512, 6 × 16 with AVX2), as a sum of kc outer products:
/// <code>
///   for p in 0..kc:   C_tile += A[:, p] (a column of 6 numbers) ⊗ B[p, :] (a row of NR numbers)
/// </code>
/// The 12 accumulators (6 rows × 2 registers) live in CPU registers for the whole loop; C is read
/// and written once, at the end. Each step loads 2 registers of B, broadcasts 6 numbers of A, and
/// issues 12 fused multiply-adds: 12 FMAs for 8 loads, enough arithmetic per load that the two FMA
/// units of a core stay busy (an FMA takes 4 cycles, so at least 8 independent accumulators are
/// needed to issue 2 per cycle).</para>
/// <para>The kernel reads A and B in "packed" order (see <see cref="GemmPacking{T, TVec, TSimd}"/>): the 6 numbers of
/// A for step p are adjacent, and B's row p is NR adjacent numbers, the next row <c>bStride</c>
/// further. So every load is sequential and the hardware prefetcher can stream them.</para>
/// </summary>
internal static unsafe class GemmMicroKernel<T, TVec, TSimd>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TVec : struct
    where TSimd : IGemmSimd<T, TVec>
{
    /// <summary>MR: rows of C per tile.</summary>
    public const int Rows = 6;

    /// <summary>NR: columns of C per tile, two registers wide.</summary>
    public static int Columns => 2 * TSimd.Count;

    /// <summary>
    /// C[0..6, 0..NR] (+)= Σₚ a[p·6 + r] · b[p·bStride + j], for a full tile.
    /// </summary>
    /// <param name="kc">Length of the sum.</param>
    /// <param name="a">Packed A micro-panel: kc steps of 6 numbers.</param>
    /// <param name="b">B micro-panel: kc rows of NR numbers, <paramref name="bStride"/> apart.</param>
    /// <param name="bStride">Distance between B's rows: NR when packed, n when B is read in place.</param>
    /// <param name="c">Top-left of the C tile.</param>
    /// <param name="ldc">Distance between C's rows (n).</param>
    /// <param name="addToC">Add to C instead of overwriting it.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile(int kc, T* a, T* b, nint bStride, T* c, nint ldc, bool addToC)
    {
        int w = TSimd.Count;
        TVec c00 = TSimd.Zero, c01 = TSimd.Zero, c10 = TSimd.Zero, c11 = TSimd.Zero,
             c20 = TSimd.Zero, c21 = TSimd.Zero, c30 = TSimd.Zero, c31 = TSimd.Zero,
             c40 = TSimd.Zero, c41 = TSimd.Zero, c50 = TSimd.Zero, c51 = TSimd.Zero;

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
            a += Rows;
            b += bStride;
        }

        StoreRow(c, w, c00, c01, addToC); c += ldc;
        StoreRow(c, w, c10, c11, addToC); c += ldc;
        StoreRow(c, w, c20, c21, addToC); c += ldc;
        StoreRow(c, w, c30, c31, addToC); c += ldc;
        StoreRow(c, w, c40, c41, addToC); c += ldc;
        StoreRow(c, w, c50, c51, addToC);
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
    /// A tile at the bottom or right edge of C, with only <paramref name="rows"/> ≤ 6 rows and
    /// <paramref name="columns"/> ≤ NR columns inside the matrix. The packed panels are padded with
    /// zeros, so the full tile is computed into a scratch tile on the stack and only the valid part
    /// is copied (or added) into C.
    /// </summary>
    public static void EdgeTile(int kc, T* a, T* b, nint bStride, T* c, nint ldc, int rows, int columns, bool addToC)
    {
        int nr = Columns;
        T* scratch = stackalloc T[Rows * nr];
        Tile(kc, a, b, bStride, scratch, nr, addToC: false);
        for (int r = 0; r < rows; r++)
        {
            T* src = scratch + r * nr;
            T* dst = c + r * ldc;
            if (addToC)
                for (int j = 0; j < columns; j++) dst[j] += src[j];
            else
                for (int j = 0; j < columns; j++) dst[j] = src[j];
        }
    }
}
