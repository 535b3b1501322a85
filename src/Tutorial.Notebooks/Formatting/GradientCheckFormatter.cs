using Tutorial.Engine.Gradients;
using Tutorial.Engine.Tensors;

namespace Tutorial.Notebooks.Formatting;

/// <summary>
/// Shows a <see cref="GradientCheckResult"/> as a colour-coded table: one row per checked tensor (the input
/// x, then each parameter) with its largest relative error, where it occurred, the analytic and numeric
/// gradients there, and PASS / FAIL against the check's tolerance.
/// <para>Colours follow cs231n's rules of thumb for double precision: green below 1e-7 (the backward pass is
/// right), amber below 1e-4 (look closer: kinks such as ReLU at 0), red otherwise (almost certainly a bug).</para>
/// </summary>
public static class GradientCheckFormatter
{
    /// <summary>Relative errors below this are green.</summary>
    public const double GreenBelow = 1e-7;

    /// <summary>Relative errors below this (and not green) are amber; the rest red.</summary>
    public const double AmberBelow = 1e-4;

    /// <summary>The colour of a relative error.</summary>
    public static Verdict Judge(double relativeError) =>
        relativeError < GreenBelow ? Verdict.Good : relativeError < AmberBelow ? Verdict.Doubtful : Verdict.Bad;

    /// <summary>The engine's text table (one line per tensor, "ok" or "FAIL").</summary>
    public static string ToText(GradientCheckResult result) => result.ToString();

    public static string ToHtml(GradientCheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        string verdict = result.Passed ? "passed" : "FAILED";
        var h = new HtmlBuilder().OpenBlock("tutorial-gradient-check")
            .OpenTable($"Gradient check of {result.Subject}: {verdict} (tolerance {NumberFormat.Scientific(result.Tolerance)})");
        h.OpenRow().Th("tensor", HtmlStyle.ThLeft).Th("shape", HtmlStyle.ThLeft).Th("max relative error").Th("worst element", HtmlStyle.ThLeft)
            .Th("analytic").Th("numeric").Th("result", HtmlStyle.ThLeft).CloseRow();
        foreach (var e in result.Entries)
        {
            bool ok = e.Passed(result.Tolerance);
            string color = HtmlStyle.Verdict(Judge(e.MaxRelativeError));
            h.OpenRow(color)
                .Td(e.Name, HtmlStyle.TdLeft)
                .Td(e.Shape.ToString(), HtmlStyle.TdLeft)
                .Td(NumberFormat.Scientific(e.MaxRelativeError), HtmlStyle.Td + " font-weight: 600;")
                .Td(Index(e.Shape, e.WorstIndex), HtmlStyle.TdLeft)
                .Td(e.Analytic.ToString("G8", System.Globalization.CultureInfo.InvariantCulture))
                .Td(e.Numeric.ToString("G8", System.Globalization.CultureInfo.InvariantCulture))
                .Td(ok ? "PASS" : "FAIL", HtmlStyle.TdLeft + " font-weight: 700;", ok ? null : $"{NumberFormat.Scientific(e.MaxRelativeError)} > tolerance {NumberFormat.Scientific(result.Tolerance)}")
                .CloseRow();
        }
        h.CloseTable();
        int failed = result.Entries.Count(e => !e.Passed(result.Tolerance));
        string summary = result.Passed
            ? $"✓ Every relative error is within the tolerance {NumberFormat.Scientific(result.Tolerance)}."
            : $"✗ {failed} of {result.Entries.Count} tensors exceed the tolerance {NumberFormat.Scientific(result.Tolerance)}: check their backward pass.";
        h.Note(summary, $" font-weight: 600; color: {(result.Passed ? HtmlStyle.GreenText : HtmlStyle.RedText)};");
        h.Note("relative error |a − n| / max(|a|, |n|, 1e-8): green < 1e-7 right · amber < 1e-4 look closer (kinks, float precision) · red: almost certainly wrong");
        return h.CloseBlock().ToString();
    }

    /// <summary>The flat index as a multi-index: 5 in shape (2, 3) is <c>[1, 2]</c>.</summary>
    internal static string Index(Shape shape, int flat)
    {
        var dims = shape.Dims;
        if (dims.Length == 0) return "[]";
        var index = new int[dims.Length];
        for (int i = dims.Length - 1; i >= 0; i--)
        {
            int d = Math.Max(dims[i], 1);
            index[i] = flat % d;
            flat /= d;
        }
        return "[" + string.Join(", ", index) + "]";
    }
}
