namespace Tutorial.Bench;

/// <summary>
/// The textbook triple loop in i-j-p order on plain arrays: C[i,j] = Σₚ A[i,p]·B[p,j].
/// The inner loop walks B down a column (stride n), so it misses the cache on every step for large n:
/// the baseline that shows what blocking, packing and SIMD buy.
/// </summary>
public static class GemmNaive
{
    public static void Multiply(float[] a, float[] b, float[] c, int m, int n, int k)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                float sum = 0;
                for (int p = 0; p < k; p++) sum += a[i * k + p] * b[p * n + j];
                c[i * n + j] = sum;
            }
    }
}
