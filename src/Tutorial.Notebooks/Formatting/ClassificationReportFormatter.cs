using System.Globalization;

namespace Tutorial.Notebooks.Formatting;

/// <summary>Shows a <see cref="ClassificationReport"/> as a table with a pale bar behind each score (its length is the score).</summary>
public static class ClassificationReportFormatter
{
    public static string ToText(ClassificationReport report) => report.ToString();

    public static string ToHtml(ClassificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var m = report.Matrix;
        var h = new HtmlBuilder().OpenBlock("tutorial-classification-report")
            .OpenTable($"Classification report: {m.Classes} classes, {NumberFormat.Count(m.Total)} samples");
        h.OpenRow().Th("class", HtmlStyle.ThLeft).Th("precision").Th("recall").Th("F1").Th("support").CloseRow();
        for (int c = 0; c < m.Classes; c++)
            Row(h, m.ClassNames[c], m.Precision(c), m.Recall(c), m.F1(c), m.Support(c), null);
        string total = NumberFormat.Count(m.Total);
        h.OpenRow(HtmlStyle.Total).Td("accuracy", HtmlStyle.TdLeft).Td("", HtmlStyle.Td).Td("", HtmlStyle.Td)
            .Td(NumberFormat.Ratio(m.Accuracy), HtmlStyle.Td + Bar(m.Accuracy), $"{m.Correct} of {m.Total} correct").Td(total).CloseRow();
        Row(h, "macro avg", m.MacroPrecision, m.MacroRecall, m.MacroF1, m.Total, HtmlStyle.Total);
        Row(h, "weighted avg", Weighted(m, m.Precision), Weighted(m, m.Recall), m.WeightedF1, m.Total, HtmlStyle.Total);
        h.CloseTable();
        h.Note("precision = TP / (TP + FP) · recall = TP / (TP + FN) · F1 = 2PR / (P + R) · macro: mean over classes · weighted: by support");
        return h.CloseBlock().ToString();
    }

    private static void Row(HtmlBuilder h, string name, double p, double r, double f1, int support, string? style)
    {
        h.OpenRow(style).Td(name, HtmlStyle.TdLeft)
            .Td(NumberFormat.Ratio(p), HtmlStyle.Td + Bar(p))
            .Td(NumberFormat.Ratio(r), HtmlStyle.Td + Bar(r))
            .Td(NumberFormat.Ratio(f1), HtmlStyle.Td + Bar(f1))
            .Td(NumberFormat.Count(support)).CloseRow();
    }

    private static double Weighted(Tutorial.Engine.Metrics.ConfusionMatrix m, Func<int, double> metric)
    {
        if (m.Total == 0) return 0;
        double s = 0;
        for (int c = 0; c < m.Classes; c++) s += m.Support(c) * metric(c);
        return s / m.Total;
    }

    /// <summary>A left-to-right pale blue bar covering <paramref name="v"/> of the cell.</summary>
    internal static string Bar(double v)
    {
        double pct = double.IsFinite(v) ? Math.Clamp(v, 0, 1) * 100 : 0;
        string p = pct.ToString("0.#", CultureInfo.InvariantCulture);
        return $" background: linear-gradient(90deg, #ddf4ff {p}%, transparent {p}%);";
    }
}
