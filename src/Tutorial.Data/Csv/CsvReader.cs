using System.Globalization;
using System.Numerics;
using System.Text;
using Tutorial.Data.IO;

namespace Tutorial.Data.Csv;

/// <summary>
/// Reads numeric CSV files (gzipped or not) into a <see cref="CsvTable"/>: an optional header row of
/// column names, then rows of numbers (invariant culture: <c>5.1</c>, <c>-3e-2</c>). Fields may be
/// quoted (<c>"YEAR","SUNACTIVITY"</c>, with <c>""</c> for a quote inside); blank lines are skipped.
/// A field that is not a number, or a row with the wrong number of fields, throws a
/// <see cref="DataFormatException"/> naming the file, the line and the column.
/// </summary>
public static class CsvReader
{
    /// <summary>Reads a CSV file; <c>.gz</c> files (recognised by their content) are decompressed first.</summary>
    public static CsvTable Read(string path, CsvOptions? options = null)
    {
        string text = DataFile.ReadAllText(path);
        using var reader = new StringReader(text);
        return Parse(reader, path, options);
    }

    /// <summary>Reads a CSV file and turns it into a labeled dataset (see <see cref="CsvTable.ToLabeled{T}(int, IReadOnlyList{string}?, string?)"/>).</summary>
    public static LabeledDataset<T> ReadLabeled<T>(string path, int labelColumn, IReadOnlyList<string>? classNames = null, CsvOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Read(path, options).ToLabeled<T>(labelColumn, classNames, Path.GetFileName(path));

    /// <summary>Parses CSV text; <paramref name="source"/> names it in error messages.</summary>
    public static CsvTable Parse(TextReader reader, string source, CsvOptions? options = null) =>
        Parse(reader, source, options, linesAlreadyRead: 0);

    /// <summary>Parses CSV text of which <paramref name="linesAlreadyRead"/> lines were consumed by the caller (for line numbers in messages).</summary>
    internal static CsvTable Parse(TextReader reader, string source, CsvOptions? options, int linesAlreadyRead)
    {
        ArgumentNullException.ThrowIfNull(reader);
        options ??= new CsvOptions();
        string[]? names = null;
        var values = new List<double>();
        var lines = new List<int>();
        int columns = -1;
        int lineNumber = linesAlreadyRead;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            string trimmed = line.Trim();
            if (trimmed.Length == 0) continue;
            if (options.CommentPrefix is char comment && trimmed[0] == comment) continue;
            var fields = SplitFields(line, options.Delimiter, source, lineNumber);
            if (options.HasHeader && names is null)
            {
                names = [.. fields];
                columns = names.Length;
                continue;
            }
            if (columns < 0) columns = fields.Count;
            if (fields.Count != columns)
                throw new DataFormatException(source, $"line {lineNumber} has {fields.Count} fields, but {(names is null ? "the first row has" : "the header names")} {columns}.");
            for (int c = 0; c < fields.Count; c++)
            {
                string f = fields[c];
                if (f.Length == 0)
                    throw new DataFormatException(source, $"line {lineNumber}, column {c + 1}{ColumnLabel(names, c)}: the field is empty; every field must be a number.");
                if (!double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
                    throw new DataFormatException(source, $"line {lineNumber}, column {c + 1}{ColumnLabel(names, c)}: \"{f}\" is not a number.");
                values.Add(v);
            }
            lines.Add(lineNumber);
        }
        if (columns < 0) throw new DataFormatException(source, "the file holds no rows (it is empty or blank).");
        names ??= Enumerable.Range(0, columns).Select(i => $"column{i}").ToArray();
        return new CsvTable(source, names, [.. values], [.. lines]);
    }

    private static string ColumnLabel(string[]? names, int c) => names is null ? "" : $" (\"{names[c]}\")";

    /// <summary>Splits one line into fields; quoted fields keep delimiters and unescape <c>""</c>; unquoted fields are trimmed.</summary>
    internal static List<string> SplitFields(string line, char delimiter, string source, int lineNumber)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        int i = 0;
        while (true)
        {
            field.Clear();
            while (i < line.Length && line[i] is ' ' or '\t' && line[i] != delimiter) i++;
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                        throw new DataFormatException(source, $"line {lineNumber}: a quoted field is not closed.");
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    field.Append(line[i++]);
                }
                while (i < line.Length && line[i] is ' ' or '\t' && line[i] != delimiter) i++;
                if (i < line.Length && line[i] != delimiter)
                    throw new DataFormatException(source, $"line {lineNumber}: unexpected text after a closing quote at character {i + 1}.");
                fields.Add(field.ToString());
            }
            else
            {
                int start = i;
                while (i < line.Length && line[i] != delimiter) i++;
                fields.Add(line[start..i].Trim());
            }
            if (i >= line.Length) return fields;
            i++; // the delimiter
        }
    }
}
