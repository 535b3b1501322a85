using System.Globalization;

namespace Tutorial.Notebooks.Formatting;

/// <summary>
/// Compact number formatting for tables, in the spirit of numpy's array printing: one format for all the
/// numbers shown together, so columns line up.
/// <list type="bullet">
/// <item>All integers (|v| &lt; 1e8): no decimals — <c>1, 2, 30</c>.</item>
/// <item>Scientific when the largest |v| ≥ 1e8, the smallest non-zero |v| &lt; 1e-4, or their ratio &gt; 1e4:
/// <c>1.2346e-05</c> (<see cref="Precision"/> digits after the point, trailing zeros shared by all trimmed).</item>
/// <item>Otherwise fixed point with at most <see cref="Precision"/> decimals, padded to the same count:
/// <c>0.50, 0.25</c>.</item>
/// </list>
/// NaN prints as <c>nan</c>, infinities as <c>inf</c> / <c>-inf</c>. Invariant culture throughout.
/// </summary>
public static class NumberFormat
{
    /// <summary>Digits after the decimal point (fixed) or in the mantissa (scientific).</summary>
    public const int Precision = 4;

    /// <summary>A formatter shared by <paramref name="values"/> (the numbers that will be shown together).</summary>
    public static Func<double, string> For(IEnumerable<double> values)
    {
        double maxAbs = 0, minNonZero = double.PositiveInfinity;
        bool allIntegers = true;
        var finite = new List<double>();
        foreach (double v in values)
        {
            if (!double.IsFinite(v)) continue;
            finite.Add(v);
            double a = Math.Abs(v);
            if (a > maxAbs) maxAbs = a;
            if (a > 0 && a < minNonZero) minNonZero = a;
            if (v != Math.Round(v)) allIntegers = false;
        }
        if (finite.Count == 0) return v => Special(v) ?? Compact(v);
        if (allIntegers && maxAbs < 1e8) return v => Special(v) ?? v.ToString("0", CultureInfo.InvariantCulture);

        bool scientific = maxAbs >= 1e8 || (minNonZero < 1e-4) || (minNonZero < double.PositiveInfinity && maxAbs / minNonZero > 1e4);
        if (scientific)
        {
            int decimals = finite.Max(v => Decimals(Mantissa(v)));
            string format = "0." + new string('0', Math.Max(decimals, 1)) + "e+00";
            return v => Special(v) ?? v.ToString(format, CultureInfo.InvariantCulture);
        }
        else
        {
            int decimals = finite.Max(v => Decimals(v.ToString("0.####", CultureInfo.InvariantCulture)));
            string format = decimals == 0 ? "0" : "0." + new string('0', decimals);
            return v => Special(v) ?? v.ToString(format, CultureInfo.InvariantCulture);
        }
    }

    /// <summary>One number on its own, short: <c>0.1235</c>, <c>12</c>, <c>3.2e-09</c>, <c>1.5e+06</c>.</summary>
    public static string Compact(double v)
    {
        if (Special(v) is { } s) return s;
        double a = Math.Abs(v);
        if (a == 0) return "0";
        if (a >= 1e6 || a < 1e-4) return v.ToString("0.###e+00", CultureInfo.InvariantCulture);
        if (v == Math.Round(v)) return v.ToString("0", CultureInfo.InvariantCulture);
        return v.ToString("0.####", CultureInfo.InvariantCulture);
    }

    /// <summary>A relative error or tolerance in scientific notation with two significant digits: <c>3.2e-09</c>.</summary>
    public static string Scientific(double v) => Special(v) ?? (v == 0 ? "0" : v.ToString("0.0e+00", CultureInfo.InvariantCulture));

    /// <summary>A count with thousands separators: <c>101,770</c>.</summary>
    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A fraction in [0, 1] with four decimals, as in scikit-learn's reports: <c>0.9512</c>.</summary>
    public static string Ratio(double v) => Special(v) ?? v.ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>A size in bytes: <c>397.5 KiB</c>.</summary>
    public static string Bytes(long bytes)
    {
        string[] units = ["bytes", "KiB", "MiB", "GiB"];
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.Length - 1)
        {
            v /= 1024;
            u++;
        }
        return u == 0 ? $"{bytes} bytes" : v.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[u];
    }

    private static string? Special(double v) =>
        double.IsNaN(v) ? "nan" : double.IsPositiveInfinity(v) ? "inf" : double.IsNegativeInfinity(v) ? "-inf" : null;

    private static string Mantissa(double v)
    {
        string s = v.ToString("0." + new string('#', Precision) + "e+00", CultureInfo.InvariantCulture);
        return s[..s.IndexOf('e')];
    }

    private static int Decimals(string s)
    {
        int dot = s.IndexOf('.');
        return dot < 0 ? 0 : s.Length - dot - 1;
    }
}
