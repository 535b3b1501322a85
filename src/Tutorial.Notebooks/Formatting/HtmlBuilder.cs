using System.Text;

namespace Tutorial.Notebooks.Formatting;

/// <summary>
/// Writes HTML tables with inline styles. Every piece of text goes through <see cref="Escape"/>, so a
/// layer or class named <c>&lt;script&gt;</c> shows as text and never as markup.
/// </summary>
internal sealed class HtmlBuilder
{
    private readonly StringBuilder _sb = new();

    /// <summary>
    /// HTML-escapes text: &amp; &lt; &gt; " ' become entities; every other character (·, ×, …, σ) stays as it is,
    /// since the outputs are UTF-8.
    /// </summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0) return text;
        var sb = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    public HtmlBuilder Raw(string html)
    {
        _sb.Append(html);
        return this;
    }

    public HtmlBuilder Text(string? text)
    {
        _sb.Append(Escape(text));
        return this;
    }

    /// <summary>Opens a &lt;div&gt; that holds one formatted value.</summary>
    public HtmlBuilder OpenBlock(string cssClass) => Raw($"<div class=\"{cssClass}\" style=\"display: inline-block; max-width: 100%; overflow-x: auto;\">");

    public HtmlBuilder CloseBlock() => Raw("</div>");

    /// <summary>
    /// Opens a table under an optional title (text, escaped). The title is a block above the table rather than a
    /// &lt;caption&gt;, which a narrow table would wrap onto several lines.
    /// </summary>
    public HtmlBuilder OpenTable(string? title = null, string? extraStyle = null)
    {
        if (title is not null) Raw($"<div class=\"tutorial-title\" style=\"{HtmlStyle.Title}\">").Text(title).Raw("</div>");
        return Raw($"<table style=\"{HtmlStyle.Table}{extraStyle}\">");
    }

    public HtmlBuilder CloseTable() => Raw("</table>");

    public HtmlBuilder OpenRow(string? style = null) => Raw(style is null ? "<tr>" : $"<tr style=\"{style}\">");

    public HtmlBuilder CloseRow() => Raw("</tr>");

    /// <summary>A header cell with escaped text.</summary>
    public HtmlBuilder Th(string? text, string style = HtmlStyle.Th, string? title = null, int colspan = 1) =>
        Cell("th", text, style, title, colspan);

    /// <summary>A data cell with escaped text.</summary>
    public HtmlBuilder Td(string? text, string style = HtmlStyle.Td, string? title = null, int colspan = 1) =>
        Cell("td", text, style, title, colspan);

    private HtmlBuilder Cell(string tag, string? text, string style, string? title, int colspan)
    {
        _sb.Append('<').Append(tag).Append(" style=\"").Append(style).Append('"');
        if (colspan > 1) _sb.Append(" colspan=\"").Append(colspan).Append('"');
        if (title is not null) _sb.Append(" title=\"").Append(Escape(title)).Append('"');
        _sb.Append('>').Append(Escape(text)).Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>A gray note paragraph (text, escaped).</summary>
    public HtmlBuilder Note(string text, string? extraStyle = null) =>
        Raw($"<div style=\"{HtmlStyle.Note}{extraStyle}\">").Text(text).Raw("</div>");

    public override string ToString() => _sb.ToString();
}
