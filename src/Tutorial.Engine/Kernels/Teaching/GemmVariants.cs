using System.Numerics;
using System.Runtime.CompilerServices;

namespace Tutorial.Engine.Kernels.Teaching;

/// <summary>
/// Matrix multiply C = A·B written the way one learns to make it fast, one step per method (chapter 9,
/// "Under the hood", measures each). All take row-major A (m, k), B (k, n) and write C (m, n); C must not
/// overlap A or B. Only the plain product is offered (no transposes, no accumulate): these are for reading
/// and measuring; layers call <see cref="Gemm.Multiply{T}"/>.
/// <list type="number">
/// <item><see cref="NaiveIjk{T}"/>: the textbook triple loop; its inner loop walks down a column of B.</item>
/// <item><see cref="LoopOrderIkj{T}"/>: the same arithmetic with the two inner loops swapped; every inner
/// loop now runs along rows, through consecutive memory.</item>
/// <item><see cref="VectorRows{T}"/>: the i-k-j loop with its inner loop on <see cref="Vector{T}"/>,
/// <c>Vector&lt;T&gt;.Count</c> columns per instruction.</item>
/// <item><see cref="Blocked{T}"/>: the same, cut into blocks of B small enough to stay in cache while many
/// rows of A use them.</item>
/// <item><see cref="RegisterTiles{T}"/>: blocks computed in 4 × 2-vector tiles of C that stay in registers.</item>
/// <item>The engine's <see cref="Gemm"/>: packed panels and a register-blocked micro-kernel
/// (<see cref="GemmVersion.PackedVectorT"/>, <see cref="GemmVersion.PackedOneThread"/>, <see cref="GemmVersion.PackedAllThreads"/>).</item>
/// </list>
/// <para>The five teaching versions visit the (i, j, p) triples in different orders, but each C[i, j] is still
/// 0 + A[i,0]·B[0,j] + A[i,1]·B[1,j] + … added in the order p = 0, 1, 2, …, with a separate multiply and add,
/// exactly as <see cref="GemmReference"/> does. So their results are bitwise equal to the reference. The
/// engine's kernel uses fused multiply-adds (one rounding instead of two) and splits long sums into blocks of
/// KC, so it differs from them in the last bits.</para>
/// <para>Every method is compiled fully optimised on its first call (<see cref="MethodImplOptions.AggressiveOptimization"/>),
/// as the engine's kernel is: with .NET's tiered compilation a method first runs as quickly compiled, slow code and
/// is optimised only after being called a number of times, which would make short measurements compare the compiler
/// instead of the loops.</para>
/// </summary>
public static class GemmVariants
{
    /// <summary>
    /// The textbook triple loop, C[i,j] = Σₚ A[i,p]·B[p,j], in the order i, j, p.
    /// <para>Memory: the inner loop reads A[i, p] along a row (stride 1) but B[p, j] down a column, n numbers
    /// apart. Once n·sizeof(T) exceeds a cache line (64 bytes), every step of the inner loop touches a new
    /// cache line of B, and once B no longer fits in cache, every one of them comes from further away.</para>
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void NaiveIjk<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        GemmReference.Validate(a.Length, b.Length, c.Length, m, n, k);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                T sum = T.Zero;
                for (int p = 0; p < k; p++) sum += a[i * k + p] * b[p * n + j];
                c[i * n + j] = sum;
            }
        }
    }

    /// <summary>
    /// The same sum with the loops in the order i, p, j: for each A[i, p], add A[i, p]·(row p of B) to row i of C.
    /// <para>Memory: the inner loop reads row p of B and updates row i of C, both consecutive numbers, so every
    /// cache line fetched is used completely (16 floats per 64-byte line) and the hardware prefetcher can
    /// stream the rows. The arithmetic is identical to <see cref="NaiveIjk{T}"/>; only the access order changed.</para>
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void LoopOrderIkj<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        GemmReference.Validate(a.Length, b.Length, c.Length, m, n, k);
        c[..(m * n)].Clear();
        for (int i = 0; i < m; i++)
        {
            Span<T> cRow = c.Slice(i * n, n);
            for (int p = 0; p < k; p++)
            {
                T aip = a[i * k + p];
                ReadOnlySpan<T> bRow = b.Slice(p * n, n);
                for (int j = 0; j < n; j++) cRow[j] += aip * bRow[j];
            }
        }
    }

    /// <summary>
    /// The i-p-j loop with its inner loop on SIMD registers: <c>C[i, j..j+W] += broadcast(A[i,p]) · B[p, j..j+W]</c>
    /// with W = <c>Vector&lt;T&gt;.Count</c> lanes (8 floats on an AVX2 machine), one vector multiply and one
    /// vector add per W columns; a scalar loop finishes the last n mod W columns.
    /// <para>Each lane does exactly what <see cref="LoopOrderIkj{T}"/> does for its column, so the result is the same
    /// to the last bit. What limits it: every step loads a vector of C, loads one of B and stores C again, three
    /// memory operations for two arithmetic ones, so it runs at the speed of the cache, not of the arithmetic.</para>
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void VectorRows<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        GemmReference.Validate(a.Length, b.Length, c.Length, m, n, k);
        c[..(m * n)].Clear();
        for (int i = 0; i < m; i++)
        {
            Span<T> cRow = c.Slice(i * n, n);
            for (int p = 0; p < k; p++) AddScaledRow(a[i * k + p], b.Slice(p * n, n), cRow);
        }
    }

    /// <summary>
    /// <see cref="VectorRows{T}"/> with cache blocking: B is cut into blocks of <paramref name="kBlock"/> rows ×
    /// <paramref name="nBlock"/> columns, and each block is used by all m rows of A before the next one is touched.
    /// <code>
    ///   for j0 in 0..n step nBlock:            a column strip of B and C
    ///     for p0 in 0..k step kBlock:          B block (kBlock × nBlock), reused by every row i
    ///       for i in 0..m:
    ///         for p in p0..p0+kBlock:          C[i, j0..j0+nBlock] stays in L1 during this loop
    ///           C[i, j0..] += A[i,p] · B[p, j0..]   (Vector&lt;T&gt; lanes)
    /// </code>
    /// The defaults (128 × 256 floats = 128 KB) keep a block of B in the L2 cache and a strip of C (1 KB) in L1.
    /// For every C[i, j] the blocks of p still come in order, so the result is again bitwise that of the reference.
    /// What is still missing: C is loaded and stored at every step p (the micro-kernel keeps it in registers), and
    /// B's rows in a block are n apart in memory (packing makes them adjacent).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Blocked<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k,
        int kBlock = 128, int nBlock = 256)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        GemmReference.Validate(a.Length, b.Length, c.Length, m, n, k);
        if (kBlock < 1 || nBlock < 1) throw new ArgumentOutOfRangeException(nameof(kBlock), $"GemmVariants.Blocked: block sizes must be positive, got kBlock={kBlock}, nBlock={nBlock}.");
        c[..(m * n)].Clear();
        for (int j0 = 0; j0 < n; j0 += nBlock)
        {
            int width = Math.Min(nBlock, n - j0);
            for (int p0 = 0; p0 < k; p0 += kBlock)
            {
                int p1 = Math.Min(p0 + kBlock, k);
                for (int i = 0; i < m; i++)
                {
                    Span<T> cStrip = c.Slice(i * n + j0, width);
                    for (int p = p0; p < p1; p++) AddScaledRow(a[i * k + p], b.Slice(p * n + j0, width), cStrip);
                }
            }
        }
    }

    /// <summary>
    /// <see cref="Blocked{T}"/> plus register blocking: C is computed in tiles of 4 rows × 2 vectors
    /// (2·<c>Vector&lt;T&gt;.Count</c> columns) held in 8 register accumulators for a whole block of p, so C is loaded
    /// and stored once per block instead of at every step.
    /// <code>
    ///   for each tile (rows i..i+3, columns j..j+2W) of a cache block:
    ///     acc[r][0..1] = C[i+r, j..j+2W]                  8 registers
    ///     for p in p0..p1:
    ///       b0, b1 = B[p, j..j+W], B[p, j+W..j+2W]          2 loads
    ///       for r in 0..3: a = broadcast(A[i+r, p]); acc[r][0] += a·b0; acc[r][1] += a·b1
    ///     C[i+r, j..j+2W] = acc[r][0..1]
    /// </code>
    /// Each step does 16 vector operations for 6 loads and no stores, where <see cref="VectorRows{T}"/> does 2 for
    /// 3 memory operations. Rows and columns that do not fill a tile take the <see cref="Blocked{T}"/> path.
    /// This is the idea of the engine's micro-kernel, without its packing, fused multiply-adds and taller tile;
    /// the result is still bitwise that of the reference (each C[i, j] sums its p in order, multiply then add).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RegisterTiles<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k,
        int kBlock = 128, int nBlock = 256)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        GemmReference.Validate(a.Length, b.Length, c.Length, m, n, k);
        if (kBlock < 1 || nBlock < 1) throw new ArgumentOutOfRangeException(nameof(kBlock), $"GemmVariants.RegisterTiles: block sizes must be positive, got kBlock={kBlock}, nBlock={nBlock}.");
        c[..(m * n)].Clear();
        bool simd = Vector.IsHardwareAccelerated && Vector<T>.IsSupported;
        int w = simd ? Vector<T>.Count : 1, tileColumns = 2 * w;
        for (int j0 = 0; j0 < n; j0 += nBlock)
        {
            int j1 = Math.Min(j0 + nBlock, n);
            int tiledEnd = simd ? j0 + (j1 - j0) / tileColumns * tileColumns : j0;   // columns covered by full tiles
            for (int p0 = 0; p0 < k; p0 += kBlock)
            {
                int p1 = Math.Min(p0 + kBlock, k);
                int i = 0;
                for (; i + 4 <= m; i += 4)
                {
                    for (int j = j0; j < tiledEnd; j += tileColumns)
                        Tile4x2(a, b, c, n, k, i, j, p0, p1);
                    for (int r = i; r < i + 4 && tiledEnd < j1; r++)
                        for (int p = p0; p < p1; p++)
                            AddScaledRow(a[r * k + p], b.Slice(p * n + tiledEnd, j1 - tiledEnd), c.Slice(r * n + tiledEnd, j1 - tiledEnd));
                }
                for (; i < m; i++)
                    for (int p = p0; p < p1; p++)
                        AddScaledRow(a[i * k + p], b.Slice(p * n + j0, j1 - j0), c.Slice(i * n + j0, j1 - j0));
            }
        }
    }

    /// <summary>C[i..i+4, j..j+2W] += Σ_{p0 ≤ p &lt; p1} A[i+r, p]·B[p, j..j+2W], accumulated in 8 registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x2<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int n, int k, int i, int j, int p0, int p1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector<T>.Count;
        int c0 = i * n + j, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
        Vector<T> acc00 = new(c.Slice(c0)), acc01 = new(c.Slice(c0 + w)), acc10 = new(c.Slice(c1)), acc11 = new(c.Slice(c1 + w)),
            acc20 = new(c.Slice(c2)), acc21 = new(c.Slice(c2 + w)), acc30 = new(c.Slice(c3)), acc31 = new(c.Slice(c3 + w));
        int a0 = i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
        for (int p = p0; p < p1; p++)
        {
            var b0 = new Vector<T>(b.Slice(p * n + j));
            var b1 = new Vector<T>(b.Slice(p * n + j + w));
            var x = new Vector<T>(a[a0 + p]);
            acc00 += x * b0; acc01 += x * b1;
            x = new Vector<T>(a[a1 + p]);
            acc10 += x * b0; acc11 += x * b1;
            x = new Vector<T>(a[a2 + p]);
            acc20 += x * b0; acc21 += x * b1;
            x = new Vector<T>(a[a3 + p]);
            acc30 += x * b0; acc31 += x * b1;
        }
        acc00.CopyTo(c.Slice(c0)); acc01.CopyTo(c.Slice(c0 + w));
        acc10.CopyTo(c.Slice(c1)); acc11.CopyTo(c.Slice(c1 + w));
        acc20.CopyTo(c.Slice(c2)); acc21.CopyTo(c.Slice(c2 + w));
        acc30.CopyTo(c.Slice(c3)); acc31.CopyTo(c.Slice(c3 + w));
    }

    /// <summary>C (m, n) = A (m, k)·B (k, n) with the given version (see <see cref="GemmVersion"/>).</summary>
    public static void Multiply<T>(GemmVersion version, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (version)
        {
            case GemmVersion.NaiveIjk: NaiveIjk(a, b, c, m, n, k); break;
            case GemmVersion.LoopOrderIkj: LoopOrderIkj(a, b, c, m, n, k); break;
            case GemmVersion.VectorRows: VectorRows(a, b, c, m, n, k); break;
            case GemmVersion.Blocked: Blocked(a, b, c, m, n, k); break;
            case GemmVersion.RegisterTiles: RegisterTiles(a, b, c, m, n, k); break;
            case GemmVersion.PackedVectorT:
                Gemm.MultiplyWith(a, b, c, m, n, k, false, false, false, GemmOptions.Default with { Width = GemmWidth.Vector, MaxThreads = 1 });
                break;
            case GemmVersion.PackedOneThread:
                Gemm.MultiplyWith(a, b, c, m, n, k, false, false, false, GemmOptions.Default with { MaxThreads = 1 });
                break;
            case GemmVersion.PackedAllThreads: Gemm.Multiply(a, b, c, m, n, k); break;
            default: throw new ArgumentOutOfRangeException(nameof(version), version, "Unknown GemmVersion.");
        }
    }

    /// <summary>A short name for plots and tables, e.g. "naive i-j-p".</summary>
    public static string Name(GemmVersion version) => version switch
    {
        GemmVersion.NaiveIjk => "naive i-j-p",
        GemmVersion.LoopOrderIkj => "loop order i-p-j",
        GemmVersion.VectorRows => "Vector<T> rows",
        GemmVersion.Blocked => "blocked + Vector<T>",
        GemmVersion.RegisterTiles => "blocked + 4×2 register tiles",
        GemmVersion.PackedVectorT => "packed kernel, Vector<T>",
        GemmVersion.PackedOneThread => $"packed kernel, {Kernel<float>().Register}",
        GemmVersion.PackedAllThreads => $"packed kernel, {Gemm.MaxThreads} threads",
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, "Unknown GemmVersion."),
    };

    /// <summary>What the engine's packed GEMM uses for element type <typeparamref name="T"/> on this machine.</summary>
    public static GemmKernelInfo Kernel<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var options = GemmOptions.Default;
        return options.ResolveWidth<T>() switch
        {
            GemmWidth.Vector512 => new GemmKernelInfo("Vector512<T>", 512, GemmSimd512<T>.Count, GemmSimd512<T>.KernelRows,
                2 * GemmSimd512<T>.Count, options.KC, options.MC, options.NC, Gemm.MaxThreads),
            GemmWidth.Vector => new GemmKernelInfo("Vector<T>", Vector<byte>.Count * 8, GemmSimdVector<T>.Count, GemmSimdVector<T>.KernelRows,
                2 * GemmSimdVector<T>.Count, options.KC, options.MC, options.NC, Gemm.MaxThreads),
            _ => new GemmKernelInfo("scalar", 0, 1, 1, 1, options.KC, options.MC, options.NC, 1),
        };
    }

    /// <summary>c[j] += s·row[j] for every j: <see cref="Vector{T}"/> lanes, then a scalar tail.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static void AddScaledRow<T>(T s, ReadOnlySpan<T> row, Span<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int j = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var sv = new Vector<T>(s);
            for (; j <= row.Length - Vector<T>.Count; j += Vector<T>.Count)
            {
                var acc = new Vector<T>(c.Slice(j));
                (acc + sv * new Vector<T>(row.Slice(j))).CopyTo(c.Slice(j));
            }
        }
        for (; j < row.Length; j++) c[j] += s * row[j];
    }
}

/// <summary>The versions of C = A·B that <see cref="GemmVariants.Multiply{T}"/> runs, from slowest to fastest.</summary>
public enum GemmVersion
{
    /// <summary><see cref="GemmVariants.NaiveIjk{T}"/>: the textbook triple loop.</summary>
    NaiveIjk,
    /// <summary><see cref="GemmVariants.LoopOrderIkj{T}"/>: inner loops swapped, rows instead of columns.</summary>
    LoopOrderIkj,
    /// <summary><see cref="GemmVariants.VectorRows{T}"/>: the i-p-j loop on <see cref="Vector{T}"/>.</summary>
    VectorRows,
    /// <summary><see cref="GemmVariants.Blocked{T}"/>: cache blocks of B, <see cref="Vector{T}"/> inner loop.</summary>
    Blocked,
    /// <summary><see cref="GemmVariants.RegisterTiles{T}"/>: cache blocks and 4 × 2-vector tiles of C kept in registers.</summary>
    RegisterTiles,
    /// <summary>The engine's packed GEMM and micro-kernel, forced to <see cref="Vector{T}"/> registers, one thread.</summary>
    PackedVectorT,
    /// <summary>The engine's packed GEMM with the widest registers it finds (512-bit with AVX-512), one thread.</summary>
    PackedOneThread,
    /// <summary><see cref="Gemm.Multiply{T}"/> exactly as the layers call it (up to <see cref="Gemm.MaxThreads"/> threads).</summary>
    PackedAllThreads,
}

/// <summary>
/// The engine's GEMM on this machine: register type and width, lanes per register, the micro-kernel's tile
/// (<see cref="TileRows"/> × <see cref="TileColumns"/> of C held in registers) and the cache block sizes.
/// </summary>
/// <param name="Register">"Vector512&lt;T&gt;", "Vector&lt;T&gt;" or "scalar".</param>
/// <param name="Bits">Register width in bits.</param>
/// <param name="Lanes">Numbers per register.</param>
/// <param name="TileRows">MR, rows of the C tile.</param>
/// <param name="TileColumns">NR, columns of the C tile (two registers).</param>
/// <param name="KC">Depth of a block (k extent), in elements.</param>
/// <param name="MC">Rows of A per packed block.</param>
/// <param name="NC">Columns of B per packed block.</param>
/// <param name="MaxThreads">Threads a large product may use.</param>
public sealed record GemmKernelInfo(string Register, int Bits, int Lanes, int TileRows, int TileColumns, int KC, int MC, int NC, int MaxThreads);
