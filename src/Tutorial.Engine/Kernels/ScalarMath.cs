using System.Numerics;

namespace Tutorial.Engine.Kernels;

/// <summary>
/// Scalar functions that .NET lacks or computes inaccurately, for the activation kernels:
/// eˣ − 1 and ln(1 + x) accurate near 0 (.NET's <c>double.ExpM1</c> and <c>double.LogP1</c> are computed as
/// <c>Exp(x) − 1</c> and <c>Log(1 + x)</c>, which lose every digit for |x| near 1e-16), the error function
/// erf / erfc and the standard normal Φ, φ (for the exact GELU).
/// <para>Accuracy, measured by the tests against identities and MathNet.Numerics: a few units in the last
/// place, about 1e-15 relative in double, which the derivation checks need.</para>
/// </summary>
public static class ScalarMath
{
    /// <summary>2/√π.</summary>
    private const double TwoOverSqrtPi = 1.1283791670955126;

    /// <summary>1/√π.</summary>
    private const double OneOverSqrtPi = 0.5641895835477563;

    /// <summary>1/√2.</summary>
    private const double OneOverSqrt2 = 0.7071067811865476;

    /// <summary>1/√(2π).</summary>
    private const double OneOverSqrt2Pi = 0.3989422804014327;

    /// <summary>
    /// eˣ − 1, accurate for x near 0, by Kahan's trick: with u = fl(eˣ), the quotient (u − 1)·x / ln u cancels the
    /// rounding error of u (u − 1 is exact there, and ln u "knows" which u was actually computed).
    /// </summary>
    public static T ExpM1<T>(T x) where T : IFloatingPointIeee754<T>
    {
        T u = T.Exp(x);
        if (u == T.One) return x;                       // |x| below half an ulp of 1: eˣ − 1 = x to working precision
        T um1 = u - T.One;
        if (um1 == -T.One) return -T.One;              // eˣ below half an ulp of 1
        if (T.IsPositiveInfinity(u)) return u;
        return um1 * (x / T.Log(u));                    // x / ln u ≈ 1 first: um1·x could underflow
    }

    /// <summary>ln(1 + x), accurate for x near 0, by Kahan's trick: with u = fl(1 + x), ln(u)·x / (u − 1).</summary>
    public static T Log1P<T>(T x) where T : IFloatingPointIeee754<T>
    {
        T u = T.One + x;
        if (u == T.One) return x;                       // |x| below half an ulp of 1: ln(1 + x) = x to working precision
        if (T.IsPositiveInfinity(u)) return u;
        return T.Log(u) * (x / (u - T.One));
    }

    /// <summary>
    /// The error function erf(x) = (2/√π) ∫₀ˣ e^(−t²) dt.
    /// For |x| &lt; 1 the series erf(x) = (2x/√π) e^(−x²) Σₙ (2x²)ⁿ / (1·3·…·(2n+1)), whose terms are all positive
    /// (no cancellation); beyond, erf(x) = ±(1 − erfc(|x|)).
    /// </summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x)) return x;
        double a = Math.Abs(x);
        double r = a < 1 ? ErfSeries(a) : 1 - ErfcContinuedFraction(a);
        return x < 0 ? -r : r;
    }

    /// <summary>
    /// The complementary error function erfc(x) = 1 − erf(x), accurate also where it is tiny (large x).
    /// For x ≥ 1 Legendre's continued fraction for Γ(½, x²) = √π erfc(x),
    /// erfc(x) = (x e^(−x²)/√π) / (x² + ½ − (1·½) / (x² + 5/2 − (2·3/2) / (x² + 9/2 − …))),
    /// evaluated from the tail back (stable), with about 100/x² + 8 terms; for x ≤ −1, 2 − erfc(−x);
    /// in between 1 − erf(x), which there loses at most a factor 1/erfc(1) ≈ 6 in relative accuracy.
    /// </summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x)) return x;
        if (x >= 1) return ErfcContinuedFraction(x);
        if (x <= -1) return 2 - ErfcContinuedFraction(-x);
        return 1 - ErfSeries(Math.Abs(x)) * Math.Sign(x);
    }

    /// <summary>Φ(x) = P(Z ≤ x) for a standard normal Z, = ½ erfc(−x/√2) (accurate also far in the left tail).</summary>
    public static double NormalCdf(double x) => 0.5 * Erfc(-x * OneOverSqrt2);

    /// <summary>φ(x) = e^(−x²/2) / √(2π), the standard normal density.</summary>
    public static double NormalPdf(double x) => Math.Exp(-0.5 * x * x) * OneOverSqrt2Pi;

    /// <summary>erf(a) for 0 ≤ a &lt; 1 by the positive series (about 20 terms).</summary>
    private static double ErfSeries(double a)
    {
        double t = 2 * a * a, term = 1, sum = 1;
        for (int n = 1; n < 100; n++)
        {
            term *= t / (2 * n + 1);
            sum += term;
            if (term <= sum * 1e-17) break;
        }
        return TwoOverSqrtPi * a * ExpMinusSquare(a) * sum;
    }

    /// <summary>erfc(z) for z ≥ 1 by Legendre's continued fraction, evaluated backwards from a fixed depth.</summary>
    private static double ErfcContinuedFraction(double z)
    {
        if (double.IsPositiveInfinity(z)) return 0;
        double s = z * z;
        // Depth measured against 40-digit values: 88 terms reach 4e-16 at z = 1, 26 at z = 2, 9 at z = 4.
        int depth = (int)(100 / s) + 8;
        double h = s + 0.5 + 2 * depth;
        for (int i = depth; i >= 1; i--) h = s + 0.5 + 2 * (i - 1) - i * (i - 0.5) / h;
        return ExpMinusSquare(z) * z * OneOverSqrtPi / h;
    }

    /// <summary>
    /// e^(−z²) without the error of rounding z² first: z = hi + lo with hi holding 26 bits, so hi² is exact and
    /// e^(−z²) = e^(−hi²) · e^(−(z − hi)(z + hi)).
    /// </summary>
    private static double ExpMinusSquare(double z)
    {
        double hi = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(z) & unchecked((long)0xFFFF_FFFF_F800_0000UL));
        return Math.Exp(-hi * hi) * Math.Exp(-(z - hi) * (z + hi));
    }
}
