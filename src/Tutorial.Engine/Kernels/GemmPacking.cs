using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
/// <para>Layouts (MR = 6 or 8 rows, NR = 2 registers of columns):</para>
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

    /// <summary>
    /// Packs op(A)[i0 .. i0+mc, p0 .. p0+kc] into ⌈mc/MR⌉ micro-panels at <paramref name="dst"/>.
    /// op(A) is (m, k); A is stored (m, k), or (k, m) when <paramref name="transposeA"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA(T* a, int m, int k, bool transposeA, int i0, int mc, int p0, int kc, T* dst)
    {
        int MR = TSimd.KernelRows;
        for (int ir = 0; ir < mc; ir += MR, dst += (nint)kc * MR)
        {
            int rows = Math.Min(MR, mc - ir);
            int i = i0 + ir;
            if (!transposeA)
            {
                // Row i of op(A) is contiguous, but the panel wants it spread over every MR-th slot: a transpose.
                Transpose(a + (nint)i * k + p0, k, rows, kc, dst, MR);
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
                // B is stored (n, k): column j of op(B) is a contiguous row of storage, and the panel wants
                // it spread over every NR-th slot: a transpose.
                Transpose(b + (nint)j * k + p0, k, cols, kc, d, nr);
            }
        }
    }

    /// <summary>
    /// Transposes <paramref name="count"/> rows of <paramref name="kc"/> numbers (row r at
    /// <c>src + r·srcStride</c>) into a panel, <c>dst[p·width + r] = src[r·srcStride + p]</c>, and fills the
    /// slots r = count … width−1 with zeros.
    /// <para>Done one number at a time this costs a load and a store per number, as much as the rest of a
    /// small GEMM. With AVX it goes in square blocks instead: load 8 rows of 8 floats (4 × 4 doubles) into
    /// registers, shuffle them so register q holds element q of every row, store them as 8 panel rows.
    /// Rows past <paramref name="count"/> are loaded as zeros, so the padding costs no extra pass.</para>
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Transpose(T* src, nint srcStride, int count, int kc, T* dst, int width)
    {
        int block = Vector256<T>.Count;
        if (Avx.IsSupported && (typeof(T) == typeof(float) || typeof(T) == typeof(double)) && width % block == 0)
        {
            for (int r = 0; r < width; r += block)
            {
                int rows = Math.Clamp(count - r, 0, block);   // real rows in this block; the rest are zeros
                T* s = src + r * srcStride;
                int p = 0;
                for (; p + block <= kc; p += block)
                {
                    if (typeof(T) == typeof(float)) TransposeBlock8x8((float*)(s + p), srcStride, rows, (float*)(dst + (nint)p * width + r), width);
                    else TransposeBlock4x4((double*)(s + p), srcStride, rows, (double*)(dst + (nint)p * width + r), width);
                }
                for (; p < kc; p++)
                    for (int rr = 0; rr < block; rr++) dst[(nint)p * width + r + rr] = rr < rows ? s[rr * srcStride + p] : T.Zero;
            }
            return;
        }

        for (int r = 0; r < width; r++)
        {
            T* s = src + r * srcStride;
            T* d = dst + r;
            if (r < count)
                for (int p = 0; p < kc; p++, d += width) *d = s[p];
            else
                for (int p = 0; p < kc; p++, d += width) *d = T.Zero;
        }
    }

    /// <summary>
    /// dst[q·dstStride + r] = src[r·srcStride + q] for an 8 × 8 block of floats (the classic AVX transpose);
    /// rows r ≥ <paramref name="rows"/> are taken as zeros and not read.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TransposeBlock8x8(float* src, nint srcStride, int rows, float* dst, nint dstStride)
    {
        Vector256<float> r0 = LoadRow(src, 0), r1 = LoadRow(src + srcStride, 1), r2 = LoadRow(src + 2 * srcStride, 2),
            r3 = LoadRow(src + 3 * srcStride, 3), r4 = LoadRow(src + 4 * srcStride, 4), r5 = LoadRow(src + 5 * srcStride, 5),
            r6 = LoadRow(src + 6 * srcStride, 6), r7 = LoadRow(src + 7 * srcStride, 7);
        // Interleave pairs of rows: t0 = r0[0] r1[0] r0[1] r1[1] | r0[4] r1[4] r0[5] r1[5], …
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1), t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3),
            t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5), t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        // Combine pairs of pairs: u0 = r0[0] r1[0] r2[0] r3[0] | r0[4] r1[4] r2[4] r3[4], …
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE), u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE),
            u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE), u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);
        // Swap 128-bit halves between rows 0–3 and 4–7.
        Avx.Store(dst, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(dst + dstStride, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(dst + 2 * dstStride, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(dst + 3 * dstStride, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(dst + 4 * dstStride, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(dst + 5 * dstStride, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(dst + 6 * dstStride, Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(dst + 7 * dstStride, Avx.Permute2x128(u3, u7, 0x31));

        Vector256<float> LoadRow(float* row, int r) => r < rows ? Avx.LoadVector256(row) : Vector256<float>.Zero;
    }

    /// <summary>dst[q·dstStride + r] = src[r·srcStride + q] for a 4 × 4 block of doubles; rows r ≥ <paramref name="rows"/> are zeros.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TransposeBlock4x4(double* src, nint srcStride, int rows, double* dst, nint dstStride)
    {
        Vector256<double> r0 = LoadRow(src, 0), r1 = LoadRow(src + srcStride, 1),
            r2 = LoadRow(src + 2 * srcStride, 2), r3 = LoadRow(src + 3 * srcStride, 3);
        Vector256<double> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1), t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Avx.Store(dst, Avx.Permute2x128(t0, t2, 0x20));
        Avx.Store(dst + dstStride, Avx.Permute2x128(t1, t3, 0x20));
        Avx.Store(dst + 2 * dstStride, Avx.Permute2x128(t0, t2, 0x31));
        Avx.Store(dst + 3 * dstStride, Avx.Permute2x128(t1, t3, 0x31));

        Vector256<double> LoadRow(double* row, int r) => r < rows ? Avx.LoadVector256(row) : Vector256<double>.Zero;
    }
}
