using System.Numerics;

namespace Tutorial.Engine.Kernels;

/// <summary>
/// Packing: copying a block of A or B into the order in which the micro-kernel reads it.
/// <para>Why copy at all? The micro-kernel (<see cref="GemmMicroKernel{T, TVec, TSimd}"/>) walks
/// p = 0..kc and at each step wants 6 numbers of A's column p and NR numbers of B's row p. In the
/// original row-major matrices those are scattered (A's column p is strided by a whole row), and a
/// transposed operand is scattered the other way. After packing, every number the kernel needs next
/// sits right after the previous one, so it streams from cache at full speed. Packing costs one pass
/// over the block (m·kc or kc·n copies) and is repaid many times: each packed number of A is used
/// by every column tile of C, each packed number of B by every row tile.</para>
/// <para>Layouts (MR = 6 rows, NR = 2 registers of columns):</para>
/// <code>
///   A block (mc × kc) → ⌈mc/MR⌉ micro-panels, each kc steps of MR numbers:
///       packed[panel·kc·MR + p·MR + r] = op(A)[i0 + panel·MR + r, p0 + p]
///   B block (kc × nc) → ⌈nc/NR⌉ micro-panels, each kc rows of NR numbers:
///       packed[panel·kc·NR + p·NR + j] = op(B)[p0 + p, j0 + panel·NR + j]
/// </code>
/// Rows or columns past the edge of the matrix are filled with zeros, so the kernel always computes
/// whole tiles; the zeros contribute nothing to the sums.
/// <para>The transposes are handled here and only here: op(A)[i, p] is <c>a[i·k + p]</c>, or
/// <c>a[p·m + i]</c> when A is stored transposed; likewise for B. After packing, the kernel no longer
/// knows or cares whether an operand was transposed.</para>
/// </summary>
internal static unsafe class GemmPacking<T, TVec, TSimd>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TVec : struct
    where TSimd : IGemmSimd<T, TVec>
{
    private const int MR = GemmMicroKernel<T, TVec, TSimd>.Rows;

    /// <summary>
    /// Packs op(A)[i0 .. i0+mc, p0 .. p0+kc] into ⌈mc/MR⌉ micro-panels at <paramref name="dst"/>.
    /// op(A) is (m, k); A is stored (m, k), or (k, m) when <paramref name="transposeA"/>.
    /// </summary>
    public static void PackA(T* a, int m, int k, bool transposeA, int i0, int mc, int p0, int kc, T* dst)
    {
        for (int ir = 0; ir < mc; ir += MR, dst += (nint)kc * MR)
        {
            int rows = Math.Min(MR, mc - ir);
            int i = i0 + ir;
            if (!transposeA)
            {
                // Row i of op(A) is contiguous: read MR rows side by side, write them interleaved.
                T* src = a + (nint)i * k + p0;
                if (rows == MR)
                {
                    T* s0 = src, s1 = s0 + k, s2 = s1 + k, s3 = s2 + k, s4 = s3 + k, s5 = s4 + k;
                    T* d = dst;
                    for (int p = 0; p < kc; p++, d += MR)
                    {
                        d[0] = s0[p]; d[1] = s1[p]; d[2] = s2[p];
                        d[3] = s3[p]; d[4] = s4[p]; d[5] = s5[p];
                    }
                }
                else
                {
                    for (int p = 0; p < kc; p++)
                    {
                        T* d = dst + p * MR;
                        for (int r = 0; r < rows; r++) d[r] = src[(nint)r * k + p];
                        for (int r = rows; r < MR; r++) d[r] = T.Zero;
                    }
                }
            }
            else
            {
                // A is stored (k, m): column i of A's storage is row i of op(A), so the MR numbers
                // for step p are already adjacent in memory; copy them row by row of storage.
                T* src = a + (nint)p0 * m + i;
                for (int p = 0; p < kc; p++, src += m)
                {
                    T* d = dst + p * MR;
                    for (int r = 0; r < rows; r++) d[r] = src[r];
                    for (int r = rows; r < MR; r++) d[r] = T.Zero;
                }
            }
        }
    }

    /// <summary>
    /// Packs micro-panels <paramref name="firstPanel"/> ≤ panel &lt; <paramref name="endPanel"/> of
    /// op(B)[p0 .. p0+kc, j0 .. j0+nc] (panel q covers columns j0 + q·NR …) into
    /// <c>dst + q·kc·NR</c>. op(B) is (k, n); B is stored (k, n), or (n, k) when <paramref name="transposeB"/>.
    /// Taking a range of panels lets several threads pack one block together.
    /// </summary>
    public static void PackB(T* b, int n, int k, bool transposeB, int p0, int kc, int j0, int nc,
        int firstPanel, int endPanel, T* dst)
    {
        int w = TSimd.Count, nr = 2 * w;
        for (int q = firstPanel; q < endPanel; q++)
        {
            T* d = dst + (nint)q * kc * nr;
            int j = j0 + q * nr;
            int cols = Math.Min(nr, nc - q * nr);
            if (!transposeB)
            {
                // Row p of op(B) is contiguous: copy NR numbers per row (two register loads).
                T* src = b + (nint)p0 * n + j;
                if (cols == nr)
                {
                    for (int p = 0; p < kc; p++, src += n, d += nr)
                    {
                        TSimd.Store(d, TSimd.Load(src));
                        TSimd.Store(d + w, TSimd.Load(src + w));
                    }
                }
                else
                {
                    for (int p = 0; p < kc; p++, src += n, d += nr)
                    {
                        for (int c = 0; c < cols; c++) d[c] = src[c];
                        for (int c = cols; c < nr; c++) d[c] = T.Zero;
                    }
                }
            }
            else
            {
                // B is stored (n, k): column j of op(B) is a contiguous row of storage. Read each of the
                // panel's columns sequentially and scatter it into every NR-th slot.
                for (int c = 0; c < cols; c++)
                {
                    T* src = b + (nint)(j + c) * k + p0;
                    T* dc = d + c;
                    for (int p = 0; p < kc; p++) dc[(nint)p * nr] = src[p];
                }
                for (int c = cols; c < nr; c++)
                    for (int p = 0; p < kc; p++) d[(nint)p * nr + c] = T.Zero;
            }
        }
    }
}
