using System.Globalization;
using Tutorial.Engine.Metrics;

namespace Tutorial.Notebooks.Formatting;

/// <summary>
/// Shows a <see cref="ConfusionMatrix"/> as a table that is also a heatmap: actual classes down, predicted
/// classes across (scikit-learn's convention), each cell shaded by the fraction of its row (its class) that
/// landed there, from white (none) to blue (all), the diagonal (correct predictions) in bold. A last column
/// gives each class's support; hovering a cell says what it counts.
/// </summary>
public static class ConfusionMatrixFormatter
{
    /// <summary>The engine's text table.</summary>
    public static string ToText(ConfusionMatrix matrix) => $"Confusion matrix ({matrix.Classes} classes, {matrix.Total} samples, accuracy {NumberFormat.Ratio(matrix.Accuracy)})\n{matrix}";

    public static string ToHtml(ConfusionMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int k = matrix.Classes;
        var names = matrix.ClassNames;
        var h = new HtmlBuilder().OpenBlock("tutorial-confusion-matrix")
            .OpenTable($"Confusion matrix: {k} classes, {NumberFormat.Count(matrix.Total)} samples, accuracy {NumberFormat.Ratio(matrix.Accuracy)}");
        h.OpenRow().Th("", HtmlStyle.ThLeft).Th("predicted →", HtmlStyle.Th + " text-align: center;", colspan: k).Th("").CloseRow();
        h.OpenRow().Th("actual ↓", HtmlStyle.ThLeft);
        foreach (var n in names) h.Th(n);
        h.Th("support").CloseRow();
        var normalized = matrix.NormalizedByRow();
        for (int a = 0; a < k; a++)
        {
            h.OpenRow().Th(names[a], HtmlStyle.ThLeft);
            for (int p = 0; p < k; p++)
            {
                double f = normalized[a, p];
                string style = HtmlStyle.Td + " min-width: 2.5em; " + Shade(f) + (a == p ? " font-weight: 700;" : "");
                string title = $"actual {names[a]}, predicted {names[p]}: {matrix[a, p]} ({(100 * f).ToString("0.0", CultureInfo.InvariantCulture)}% of {names[a]})";
                h.Td(matrix[a, p].ToString(CultureInfo.InvariantCulture), style, title);
            }
            h.Td(NumberFormat.Count(matrix.Support(a)), HtmlStyle.Td + " color: #57606a;").CloseRow();
        }
        h.CloseTable();
        h.Note("rows: actual class · columns: predicted class · shade: fraction of the row (recall on the diagonal)");
        return h.CloseBlock().ToString();
    }

    /// <summary>Background from white (f = 0) to blue (f = 1); white text on dark cells.</summary>
    internal static string Shade(double f)
    {
        f = double.IsFinite(f) ? Math.Clamp(f, 0, 1) : 0;
        // Interpolate #ffffff -> #0969da.
        int r = (int)Math.Round(255 + (9 - 255) * f), g = (int)Math.Round(255 + (105 - 255) * f), b = (int)Math.Round(255 + (218 - 255) * f);
        string text = f > 0.55 ? "#ffffff" : "#1f2328";
        return $"background: #{r:x2}{g:x2}{b:x2}; color: {text};";
    }
}
