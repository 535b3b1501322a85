using System.Numerics;

namespace Tutorial.Engine.Kernels;

/// <summary>
/// Tiny products (m·n·k ≤ <see cref="GemmOptions.ScalarMaxWork"/>, e.g. 4 × 4 × 4), where setting up packed
/// panels would take longer than the multiply: a plain loop over i, j, p, one number at a time.
/// <para>It does exactly the arithmetic the SIMD kernel does for each C[i, j], so a result never depends on
/// which path computed it: the sum starts at zero, adds op(A)[i,p]·op(B)[p,j] for p in order with a fused
/// multiply-add when the kernel fuses (<c>fused</c>), restarts at zero for every block of
/// <c>kc</c> (the same split as <see cref="GemmOptions.DepthBlock"/>), and each block's sum is then stored
/// into C, or added to it. This is what makes a layer's output for one sample independent of the batch
/// it was computed in: a batch of 3 may take this path and a batch of 300 the packed one.</para>
/// </summary>
internal static class GemmSmall
{
    public static void Multiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k,
        bool transposeA, bool transposeB, bool accumulate, bool fused, int kc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                for (int p0 = 0; p0 < k; p0 += kc)
                {
                    T sum = T.Zero;
                    for (int p = p0; p < Math.Min(p0 + kc, k); p++)
                    {
                        T av = transposeA ? a[p * m + i] : a[i * k + p];
                        T bv = transposeB ? b[j * k + p] : b[p * n + j];
                        sum = fused ? T.FusedMultiplyAdd(av, bv, sum) : av * bv + sum;
                    }
                    c[i * n + j] = accumulate || p0 > 0 ? c[i * n + j] + sum : sum;
                }
            }
        }
    }
}
