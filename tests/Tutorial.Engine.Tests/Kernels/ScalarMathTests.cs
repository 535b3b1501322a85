using MathNet.Numerics;
using Tutorial.Engine.Kernels;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Tests.Kernels;

/// <summary>The accurate scalar helpers against independent references (MathNet.Numerics, identities).</summary>
public class ScalarMathTests
{
    private static double Rel(double a, double b) => a == b ? 0 : Math.Abs(a - b) / Math.Abs(b);

    /// <summary>x over many magnitudes, both signs: 1e-12 … 6.</summary>
    private static IEnumerable<double> Arguments()
    {
        var rng = new Rng(11);
        for (int i = 0; i < 3000; i++)
        {
            double magnitude = Math.Pow(10, rng.Uniform(-12, 0.78));
            yield return rng.NextDouble() < 0.5 ? -magnitude : magnitude;
        }
    }

    [Fact]
    public void Erf_And_Erfc_MatchMathNet_WithinAFewUlp()
    {
        double worstErf = 0, worstErfc = 0;
        foreach (double x in Arguments())
        {
            worstErf = Math.Max(worstErf, Rel(ScalarMath.Erf(x), SpecialFunctions.Erf(x)));
            worstErfc = Math.Max(worstErfc, Rel(ScalarMath.Erfc(x), SpecialFunctions.Erfc(x)));
        }
        // Against 40-digit values (mpmath) this implementation errs by at most 1.4e-15 (erf) and 1.2e-15 (erfc), MathNet
        // by 3e-16 (erf) and up to 1.4e-14 (erfc, far tail), so their difference stays below these bounds.
        Assert.True(worstErf < 2e-15, $"erf: worst relative difference {worstErf:E2}");
        Assert.True(worstErfc < 5e-15, $"erfc: worst relative difference {worstErfc:E2}");
    }

    [Fact]
    public void Erf_KnownValues_AndSpecialCases()
    {
        // Reference values rounded from 30-digit mpmath computations; one per branch (table of erf/x, table of
        // e^(x²)erfc(x), continued fraction beyond 5).
        Assert.True(Rel(ScalarMath.Erf(0.3), 0.3286267594591274) < 2e-15);
        Assert.True(Rel(ScalarMath.Erf(1), 0.8427007929497149) < 2e-15);
        Assert.True(Rel(ScalarMath.Erfc(0.75), 0.28884436634648486) < 2e-15);
        Assert.True(Rel(ScalarMath.Erfc(2.5), 0.0004069520174449589) < 2e-15);
        Assert.True(Rel(ScalarMath.Erfc(5), 1.537459794428035e-12) < 2e-15);
        Assert.Equal(0.0, ScalarMath.Erf(0));
        Assert.Equal(1.0, ScalarMath.Erf(double.PositiveInfinity));
        Assert.Equal(-1.0, ScalarMath.Erf(double.NegativeInfinity));
        Assert.Equal(2.0, ScalarMath.Erfc(double.NegativeInfinity));
        Assert.True(double.IsNaN(ScalarMath.Erf(double.NaN)));
    }

    [Fact]
    public void NormalCdf_IsAccurateInTheLeftTail()
    {
        // Φ(−10) = 7.619853024160527e-24: ½(1 + erf(x/√2)) would give 0 there.
        Assert.True(Rel(ScalarMath.NormalCdf(-10), 7.619853024160526e-24) < 1e-14);
        Assert.Equal(0.5, ScalarMath.NormalCdf(0));
        Assert.Equal(0.8413447460685429, ScalarMath.NormalCdf(1), 15);
    }

    [Fact]
    public void ExpM1_IsAccurateNearZero_WhereExpMinusOneIsNot()
    {
        double worst = 0;
        foreach (double x in Arguments())
        {
            // For |x| < 1: expm1(x) = 2·tanh(x/2) / (1 − tanh(x/2)), an exact identity without cancellation there;
            // beyond, eˣ − 1 itself cancels little (eˣ ≥ e or ≤ 1/e).
            double t = Math.Tanh(x / 2);
            double reference = Math.Abs(x) < 1 ? 2 * t / (1 - t) : Math.Exp(x) - 1;
            worst = Math.Max(worst, Rel(ScalarMath.ExpM1(x), reference));
        }
        Assert.True(worst < 2e-15, $"worst relative difference {worst:E2}");
        Assert.True(Rel(Math.Exp(1e-12) - 1, 1e-12) > 1e-5);           // why the helper exists
        Assert.Equal(-1.0, ScalarMath.ExpM1(-800.0));
        Assert.Equal(double.PositiveInfinity, ScalarMath.ExpM1(800.0));
        Assert.Equal(1e-12f, ScalarMath.ExpM1(1e-12f));
    }

    [Fact]
    public void Log1P_IsAccurateNearZero()
    {
        double worst = 0;
        foreach (double x in Arguments().Where(v => v > -0.99))
            worst = Math.Max(worst, Rel(ScalarMath.Log1P(x), 2 * Math.Atanh(x / (2 + x))));   // ln(1+x) = 2 atanh(x/(2+x))
        Assert.True(worst < 2e-15, $"worst relative difference {worst:E2}");
        Assert.Equal(double.NegativeInfinity, ScalarMath.Log1P(-1.0));
        Assert.Equal(double.PositiveInfinity, ScalarMath.Log1P(double.PositiveInfinity));
    }
}
