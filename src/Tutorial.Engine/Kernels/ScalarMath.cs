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
    /// For |x| &lt; 1, erf(x) = x·f(x) with f(x) = erf(x)/x, smooth and even, taken from a table of Chebyshev
    /// interpolants fitted to the series erf(x) = (2x/√π) e^(−x²) Σₙ (2x²)ⁿ / (1·3·…·(2n+1)), whose terms are all
    /// positive (no cancellation); beyond, erf(x) = ±(1 − erfc(|x|)).
    /// </summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x)) return x;
        double a = Math.Abs(x);
        if (a < 1) return x * ErfOverX.Evaluate(a);
        double r = 1 - ErfcTail(a);
        return x < 0 ? -r : r;
    }

    /// <summary>
    /// The complementary error function erfc(x) = 1 − erf(x), accurate also where it is tiny (large x).
    /// For x ≥ ½, erfc(x) = e^(−x²)·g(x) with g(x) = e^(x²) erfc(x), a smooth function near 1/(x√π): on [½, 5) g comes
    /// from a table of Chebyshev interpolants, beyond from the continued fraction (see <see cref="ScaledErfc"/>).
    /// For x ≤ −½, 2 − erfc(−x); in between 1 − erf(x), which there loses at most a factor 1/erfc(½) ≈ 2 in
    /// relative accuracy.
    /// </summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x)) return x;
        if (x >= 0.5) return ErfcTail(x);
        if (x <= -0.5) return 2 - ErfcTail(-x);
        return 1 - x * ErfOverX.Evaluate(Math.Abs(x));
    }

    /// <summary>Φ(x) = P(Z ≤ x) for a standard normal Z, = ½ erfc(−x/√2) (accurate also far in the left tail).</summary>
    public static double NormalCdf(double x) => 0.5 * Erfc(-x * OneOverSqrt2);

    /// <summary>φ(x) = e^(−x²/2) / √(2π), the standard normal density.</summary>
    public static double NormalPdf(double x) => Math.Exp(-0.5 * x * x) * OneOverSqrt2Pi;

    /// <summary>f(a) = erf(a)/a for 0 ≤ a ≤ 1 by the positive series (about 20 terms; f(0) = 2/√π).</summary>
    private static double ErfOverXSeries(double a)
    {
        double t = 2 * a * a, term = 1, sum = 1;
        for (int n = 1; n < 100; n++)
        {
            term *= t / (2 * n + 1);
            sum += term;
            if (term <= sum * 1e-17) break;
        }
        return TwoOverSqrtPi * ExpMinusSquare(a) * sum;
    }

    /// <summary>erfc(z) for z ≥ ½: e^(−z²)·g(z), g from the table on [½, 5), else from the continued fraction.</summary>
    private static double ErfcTail(double z)
    {
        if (double.IsPositiveInfinity(z)) return 0;
        return ExpMinusSquare(z) * (z < 5 ? ScaledErfcTable.Evaluate(z) : ScaledErfc(z));
    }

    /// <summary>
    /// g(z) = e^(z²) erfc(z) for z ≥ ½ by Legendre's continued fraction for Γ(½, z²) = √π erfc(z):
    /// g(z) = (z/√π) / (z² + ½ − (1·½) / (z² + 5/2 − (2·3/2) / (z² + 9/2 − …))), evaluated from the tail back
    /// (stable) with 100/z² + 8 terms. Against 40-digit values, 240 terms reach 4e-16 at z = 0.6, 88 at z = 1, 26 at
    /// z = 2, 9 at z = 4; the cost (a division per term) is why [½, 5) is tabulated (<see cref="ScaledErfcTable"/>).
    /// </summary>
    private static double ScaledErfc(double z)
    {
        double s = z * z;
        int depth = (int)(100 / s) + 8;
        double h = s + 0.5 + 2 * depth;
        for (int i = depth; i >= 1; i--) h = s + 0.5 + 2 * (i - 1) - i * (i - 0.5) / h;
        return z * OneOverSqrtPi / h;
    }

    /// <summary>f(z) = erf(z)/z on [0, 1), from the series.</summary>
    private static readonly ChebyshevTable ErfOverX = new(0, 1, ErfOverXSeries);

    /// <summary>g(z) = e^(z²) erfc(z) on [½, 5), from the continued fraction.</summary>
    private static readonly ChebyshevTable ScaledErfcTable = new(0.5, 5, ScaledErfc);

    /// <summary>
    /// A smooth function on [start, end) as Chebyshev interpolants on intervals of width ¼, 12 terms each, fitted once
    /// at the 12 Chebyshev nodes of each interval. Both functions tabulated here are entire and slowly varying: their
    /// 13th coefficient is below 1e-18 of the first (checked against 40-digit values), so the interpolants reproduce
    /// them to rounding (measured by the tests through erf and erfc), at the cost of 12 multiply-adds instead of a
    /// series or a continued fraction with a division per term.
    /// </summary>
    private sealed class ChebyshevTable
    {
        private const double Step = 0.25;
        private const int Terms = 12;
        private readonly double _start;
        private readonly double[] _coefficients;

        public ChebyshevTable(double start, double end, Func<double, double> f)
        {
            _start = start;
            // cos(π·m / 2n) for m = 0 … 4n − 1: every angle the nodes and the coefficients need, reduced to [0, 2π)
            // before rounding (cos(π·j(2i + 1) / 2n) with the unreduced angle would err by up to 5e-15).
            var cos = new double[4 * Terms];
            for (int m = 0; m < cos.Length; m++) cos[m] = Math.Cos(Math.PI * m / (2 * Terms));
            int intervals = (int)Math.Round((end - start) / Step);
            _coefficients = new double[intervals * Terms];
            var values = new double[Terms];
            for (int k = 0; k < intervals; k++)
            {
                double mid = start + (k + 0.5) * Step;
                for (int i = 0; i < Terms; i++) values[i] = f(mid + Step / 2 * cos[2 * i + 1]);
                for (int j = 0; j < Terms; j++)
                {
                    double sum = 0;
                    for (int i = 0; i < Terms; i++) sum += values[i] * cos[j * (2 * i + 1) % (4 * Terms)];
                    _coefficients[k * Terms + j] = (j == 0 ? 1.0 : 2.0) / Terms * sum;
                }
            }
        }

        /// <summary>f(z) for start ≤ z &lt; end: its interval's series Σⱼ cⱼTⱼ(t), t ∈ [−1, 1], by Clenshaw's recurrence.</summary>
        public double Evaluate(double z)
        {
            int k = (int)((z - _start) / Step);
            double t = (z - (_start + (k + 0.5) * Step)) / (Step / 2);
            var c = _coefficients.AsSpan(k * Terms, Terms);
            double b1 = 0, b2 = 0;
            for (int j = Terms - 1; j >= 1; j--)
            {
                double b0 = 2 * t * b1 - b2 + c[j];
                b2 = b1;
                b1 = b0;
            }
            return t * b1 - b2 + c[0];
        }
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
