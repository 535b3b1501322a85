using Tutorial.Engine.Tensors;

namespace Tutorial.Notebooks.Formatting;

/// <summary>Shows a <see cref="Shape"/>: <c>(64, 785)</c> with its rank and element count.</summary>
public static class ShapeFormatter
{
    /// <summary><c>(64, 785)</c>, as <see cref="Shape.ToString"/>.</summary>
    public static string ToText(Shape shape) => shape.ToString();

    /// <summary>The shape in monospace, then "rank 2 · 50,240 elements" in gray.</summary>
    public static string ToHtml(Shape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        string elements = shape.Length == 1 ? "1 element" : $"{NumberFormat.Count(shape.Length)} elements";
        return new HtmlBuilder()
            .Raw($"<span class=\"tutorial-shape\" style=\"font-family: {HtmlStyle.MonoFont}; font-size: 13px; color: #1f2328;\">")
            .Text(shape.ToString())
            .Raw($"</span> <span style=\"font-family: {HtmlStyle.TextFont}; font-size: 12px; color: #57606a;\">")
            .Text($"rank {shape.Rank} · {elements}")
            .Raw("</span>")
            .ToString();
    }
}
