using System.Numerics;
using Tutorial.Engine.Layers;

namespace Tutorial.Notebooks.Formatting;

/// <summary>
/// Shows a <see cref="ModelSummary"/> as a table: layer, output shape, parameter count and parameter shapes,
/// the totals in the last row, a red row where a shape error stopped the shapes. A layer or model displayed
/// on its own (<c>display(model)</c>) is shown as its summary without output shapes.
/// </summary>
public static class ModelSummaryFormatter
{
    public static string ToText(ModelSummary summary) => summary.ToString();

    public static string ToHtml(ModelSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        bool shapes = summary.InputShape is not null;
        string caption = shapes ? $"Model summary: {summary.Model} ({summary.ElementType}), input {summary.InputShape}" : $"Model summary: {summary.Model} ({summary.ElementType})";
        var h = new HtmlBuilder().OpenBlock("tutorial-model-summary").OpenTable(caption);
        h.OpenRow().Th("#", HtmlStyle.ThLeft).Th("layer", HtmlStyle.ThLeft);
        if (shapes) h.Th("output shape", HtmlStyle.ThLeft);
        h.Th("parameters").Th("parameter shapes", HtmlStyle.ThLeft).CloseRow();
        if (shapes)
        {
            h.OpenRow().Td("", HtmlStyle.TdLeft).Td("input", HtmlStyle.TdLeft + " color: #57606a;").Td(summary.InputShape!.ToString(), HtmlStyle.TdLeft)
                .Td("", HtmlStyle.Td).Td("", HtmlStyle.TdLeft).CloseRow();
        }
        bool afterError = false;
        foreach (var r in summary.Rows)
        {
            h.OpenRow(r.Error is not null ? HtmlStyle.Verdict(Verdict.Bad) : null)
                .Td(r.Path, HtmlStyle.TdLeft + " color: #57606a;")
                .Td(r.Layer, HtmlStyle.TdLeft);
            if (shapes)
            {
                if (r.Error is not null) h.Td("shape error", HtmlStyle.TdLeft + " font-weight: 700;", r.Error);
                else h.Td(afterError ? "?" : r.OutputShape?.ToString() ?? "?", HtmlStyle.TdLeft);
            }
            h.Td(NumberFormat.Count(r.Parameters)).Td(string.Join(" · ", r.ParameterShapes), HtmlStyle.TdLeft + " color: #57606a;").CloseRow();
            afterError |= r.Error is not null;
        }
        h.OpenRow(HtmlStyle.Total).Td("", HtmlStyle.TdLeft).Td("total", HtmlStyle.TdLeft);
        if (shapes) h.Td(summary.OutputShape?.ToString() ?? "", HtmlStyle.TdLeft);
        h.Td(NumberFormat.Count(summary.TotalParameters)).Td($"{NumberFormat.Bytes(summary.ParameterBytes)} as {summary.ElementType}", HtmlStyle.TdLeft).CloseRow();
        h.CloseTable();
        if (summary.Error is not null) h.Note("Shape error: " + summary.Error, $" color: {HtmlStyle.RedText}; font-weight: 600;");
        return h.CloseBlock().ToString();
    }

    /// <summary>The summary of a layer displayed on its own (no input shape, so no output shapes).</summary>
    public static string ToHtml<T>(Layer<T> layer) where T : unmanaged, IFloatingPointIeee754<T> => ToHtml(ModelSummary.Of(layer));

    public static string ToText<T>(Layer<T> layer) where T : unmanaged, IFloatingPointIeee754<T> => ModelSummary.Of(layer).ToString();
}
