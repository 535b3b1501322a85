namespace Tutorial.Notebooks.Formatting;

/// <summary>
/// The inline styles of the kit's HTML tables and the colours that carry meaning (pass, warn, fail).
/// Everything is inline so an output stays self-contained: it looks the same in Jupyter, VS Code, the
/// book's static pages and the old .NET Interactive kernel, and no stylesheet has to be loaded.
/// Colours are chosen for Jupyter's light theme (dark text on pale backgrounds).
/// </summary>
public static class HtmlStyle
{
    /// <summary>Numbers and code: a monospace stack that exists on every platform.</summary>
    public const string MonoFont = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', monospace";

    /// <summary>Captions and notes.</summary>
    public const string TextFont = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

    public const string Table =
        "border-collapse: collapse; margin: 4px 0 8px 0; font-family: " + MonoFont + "; font-size: 12px; line-height: 1.4; color: #1f2328; background: #ffffff;";

    /// <summary>The title above a table.</summary>
    public const string Title =
        "text-align: left; margin: 4px 0 2px 0; font-family: " + TextFont + "; font-size: 13px; font-weight: 600; color: #1f2328; white-space: nowrap;";

    /// <summary>A header cell (column names, row indices).</summary>
    public const string Th =
        "padding: 2px 8px; border: 1px solid #d0d7de; background: #f6f8fa; color: #57606a; font-weight: 600; text-align: right; white-space: nowrap;";

    /// <summary>A left-aligned header cell (row labels such as layer names).</summary>
    public const string ThLeft =
        "padding: 2px 8px; border: 1px solid #d0d7de; background: #f6f8fa; color: #57606a; font-weight: 600; text-align: left; white-space: nowrap;";

    /// <summary>A number.</summary>
    public const string Td =
        "padding: 2px 8px; border: 1px solid #d0d7de; text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums;";

    /// <summary>Text in a table (names, descriptions).</summary>
    public const string TdLeft =
        "padding: 2px 8px; border: 1px solid #d0d7de; text-align: left; white-space: nowrap;";

    /// <summary>The "…" cell standing for elided rows or columns.</summary>
    public const string Ellipsis =
        "padding: 2px 8px; border: 1px solid #d0d7de; text-align: center; color: #8c959f; background: #fafbfc;";

    /// <summary>A small gray note under or beside a table.</summary>
    public const string Note =
        "font-family: " + TextFont + "; font-size: 12px; color: #57606a; margin: 0 0 2px 0;";

    /// <summary>A row of totals.</summary>
    public const string Total = "font-weight: 600; background: #f6f8fa;";

    // Meaningful colours: background and text of good / doubtful / bad results (GitHub's light palette).

    public const string GreenBackground = "#dafbe1";
    public const string GreenText = "#116329";
    public const string AmberBackground = "#fff8c5";
    public const string AmberText = "#7d4e00";
    public const string RedBackground = "#ffebe9";
    public const string RedText = "#a40e26";

    /// <summary>Inline style of a cell judged good, doubtful or bad.</summary>
    public static string Verdict(Verdict verdict) => verdict switch
    {
        Formatting.Verdict.Good => $"background: {GreenBackground}; color: {GreenText};",
        Formatting.Verdict.Doubtful => $"background: {AmberBackground}; color: {AmberText};",
        _ => $"background: {RedBackground}; color: {RedText};",
    };
}

/// <summary>How a number is judged in a colour-coded table.</summary>
public enum Verdict
{
    /// <summary>Green.</summary>
    Good,

    /// <summary>Amber.</summary>
    Doubtful,

    /// <summary>Red.</summary>
    Bad,
}
