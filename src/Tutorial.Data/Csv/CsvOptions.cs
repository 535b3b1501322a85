namespace Tutorial.Data.Csv;

/// <summary>How <see cref="CsvReader"/> reads a file.</summary>
public sealed record CsvOptions
{
    /// <summary>The field separator (default comma).</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>True when the first non-empty line holds column names (default); false names the columns <c>column0</c>, <c>column1</c>, ….</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>Lines starting with this character (after leading spaces) are skipped; null (default) skips none.</summary>
    public char? CommentPrefix { get; init; }

    /// <summary>A header-less file: every line is data.</summary>
    public static CsvOptions NoHeader { get; } = new() { HasHeader = false };
}
