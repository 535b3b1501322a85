using System.Numerics;

namespace Tutorial.Engine.Kernels;

/// <summary>
/// The plain triple loop, C[i,j] (+)= Σₚ op(A)[i,p]·op(B)[p,j], accumulated in the element type.
/// Same contract as <see cref="Gemm.Multiply{T}"/>; kept as the reference the fast kernel is tested against.
/// </summary>
public static class GemmReference
{
    public static void Multiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k,
        bool transposeA = false, bool transposeB = false, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Validate(a.Length, b.Length, c.Length, m, n, k);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                T sum = T.Zero;
                for (int p = 0; p < k; p++)
                {
                    T av = transposeA ? a[p * m + i] : a[i * k + p];
                    T bv = transposeB ? b[j * k + p] : b[p * n + j];
                    sum += av * bv;
                }
                c[i * n + j] = accumulate ? c[i * n + j] + sum : sum;
            }
        }
    }

    /// <summary>Checks that the spans are large enough for an (m, k)·(k, n) product.</summary>
    public static void Validate(int aLength, int bLength, int cLength, int m, int n, int k)
    {
        if (m < 0 || n < 0 || k < 0) throw new ArgumentException($"GEMM sizes must be non-negative, got m={m}, n={n}, k={k}.");
        if (aLength < (long)m * k) throw new ArgumentException($"GEMM: A has {aLength} elements, op(A) of shape ({m}, {k}) needs {(long)m * k}.");
        if (bLength < (long)k * n) throw new ArgumentException($"GEMM: B has {bLength} elements, op(B) of shape ({k}, {n}) needs {(long)k * n}.");
        if (cLength < (long)m * n) throw new ArgumentException($"GEMM: C has {cLength} elements, C of shape ({m}, {n}) needs {(long)m * n}.");
    }
}
