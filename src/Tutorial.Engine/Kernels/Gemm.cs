using System.Numerics;

namespace Tutorial.Engine.Kernels;

/// <summary>
/// General matrix multiply, the engine's hot path: C = op(A)·op(B), or C += op(A)·op(B).
/// <para>Shapes (all row-major, leading dimension = row length):
/// op(A) is (m, k): A is stored (m, k), or (k, m) when <c>transposeA</c>;
/// op(B) is (k, n): B is stored (k, n), or (n, k) when <c>transposeB</c>;
/// C is (m, n).</para>
/// Layers use three forms: x·Wᵀ (forward), dY·W (dX) and dYᵀ·x (dW).
/// <see cref="GemmReference"/> is the plain triple-loop twin the tests compare against.
/// </summary>
public static class Gemm
{
    /// <summary>C = op(A)·op(B), or C += op(A)·op(B) when <paramref name="accumulate"/>.</summary>
    public static void Multiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k,
        bool transposeA = false, bool transposeB = false, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        GemmReference.Validate(a.Length, b.Length, c.Length, m, n, k);
        // Placeholder path until the packed kernel lands: the reference is correct, just slow.
        GemmReference.Multiply(a, b, c, m, n, k, transposeA, transposeB, accumulate);
    }
}
