using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Csv;

/// <summary>
/// A numeric table read by <see cref="CsvReader"/>: <see cref="RowCount"/> rows of
/// <see cref="ColumnCount"/> numbers (stored as double, row-major) with column names.
/// </summary>
public sealed class CsvTable
{
    private readonly double[] _values;
    private readonly int[] _lines;
    private readonly string[] _names;

    internal CsvTable(string source, string[] columnNames, double[] values, int[] lineNumbers)
    {
        Source = source;
        _names = columnNames;
        _values = values;
        _lines = lineNumbers;
    }

    /// <summary>The file (or source name) the table came from.</summary>
    public string Source { get; }

    /// <summary>Column names: the header, or <c>column0</c>, <c>column1</c>, … when there is none.</summary>
    public IReadOnlyList<string> ColumnNames => _names;

    /// <summary>Number of data rows.</summary>
    public int RowCount => _lines.Length;

    /// <summary>Number of columns.</summary>
    public int ColumnCount => _names.Length;

    /// <summary>The value at (<paramref name="row"/>, <paramref name="column"/>), both from 0.</summary>
    public double this[int row, int column]
    {
        get
        {
            if ((uint)row >= (uint)RowCount || (uint)column >= (uint)ColumnCount)
                throw new ArgumentOutOfRangeException(nameof(row), $"{Source}: cell ({row}, {column}) is outside a table of {RowCount} rows and {ColumnCount} columns.");
            return _values[row * ColumnCount + column];
        }
    }

    /// <summary>The line of the file that row <paramref name="row"/> came from (from 1).</summary>
    public int LineOf(int row) => _lines[row];

    /// <summary>The index of the column called <paramref name="name"/> (exact match, then case-insensitive).</summary>
    public int ColumnIndex(string name)
    {
        int i = Array.IndexOf(_names, name);
        if (i >= 0) return i;
        i = Array.FindIndex(_names, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        if (i >= 0) return i;
        throw new ArgumentException($"{Source} has no column \"{name}\"; its columns are {string.Join(", ", _names.Select(n => $"\"{n}\""))}.", nameof(name));
    }

    /// <summary>Column <paramref name="column"/> as a new array; negative indices count from the end (−1 is the last).</summary>
    public double[] Column(int column)
    {
        int c = Resolve(column);
        var result = new double[RowCount];
        for (int r = 0; r < RowCount; r++) result[r] = _values[r * ColumnCount + c];
        return result;
    }

    /// <summary>The column called <paramref name="name"/> as a new array.</summary>
    public double[] Column(string name) => Column(ColumnIndex(name));

    /// <summary>The whole table as a tensor, <c>(rows, columns)</c>.</summary>
    public Tensor<T> ToTensor<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
        Columns<T>(Enumerable.Range(0, ColumnCount).ToArray());

    /// <summary>The given columns, in that order, as a tensor <c>(rows, columns.Length)</c>; negative indices count from the end.</summary>
    public Tensor<T> Columns<T>(params int[] columns) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(columns);
        int[] cs = columns.Select(Resolve).ToArray();
        var t = new Tensor<T>(RowCount, cs.Length);
        var dst = t.Span;
        for (int r = 0; r < RowCount; r++)
            for (int j = 0; j < cs.Length; j++)
                dst[r * cs.Length + j] = T.CreateChecked(_values[r * ColumnCount + cs[j]]);
        return t;
    }

    /// <summary>
    /// A labeled dataset: column <paramref name="labelColumn"/> (negative counts from the end) holds
    /// class indices 0 … K−1, every other column becomes a feature, <c>X: (rows, columns − 1)</c>.
    /// Without <paramref name="classNames"/> the classes are called "0" … "K−1", K = largest label + 1.
    /// </summary>
    public LabeledDataset<T> ToLabeled<T>(int labelColumn, IReadOnlyList<string>? classNames = null, string? name = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lc = Resolve(labelColumn);
        var labels = new int[RowCount];
        for (int r = 0; r < RowCount; r++)
        {
            double v = _values[r * ColumnCount + lc];
            if (v < 0 || v != Math.Floor(v) || v > int.MaxValue)
                throw new DataFormatException(Source, $"line {_lines[r]}, label column {lc + 1} (\"{_names[lc]}\"): {v} is not a class index (a whole number ≥ 0).");
            labels[r] = (int)v;
            if (classNames is not null && labels[r] >= classNames.Count)
                throw new DataFormatException(Source, $"line {_lines[r]}, label column {lc + 1} (\"{_names[lc]}\"): label {labels[r]} is not a class index in 0 … {classNames.Count - 1} ({string.Join(", ", classNames)}).");
        }
        if (classNames is null)
        {
            int k = labels.Length == 0 ? 1 : labels.Max() + 1;
            classNames = Enumerable.Range(0, k).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        }
        int[] features = Enumerable.Range(0, ColumnCount).Where(c => c != lc).ToArray();
        return new LabeledDataset<T>(Columns<T>(features), labels, classNames, features.Select(c => _names[c]).ToArray(),
            name ?? Path.GetFileName(Source));
    }

    /// <summary>A labeled dataset whose labels are in the column called <paramref name="labelColumn"/>.</summary>
    public LabeledDataset<T> ToLabeled<T>(string labelColumn, IReadOnlyList<string>? classNames = null, string? name = null)
        where T : unmanaged, IFloatingPointIeee754<T> => ToLabeled<T>(ColumnIndex(labelColumn), classNames, name);

    private int Resolve(int column)
    {
        int c = column < 0 ? column + ColumnCount : column;
        if ((uint)c >= (uint)ColumnCount)
            throw new ArgumentOutOfRangeException(nameof(column), $"{Source}: column {column} does not exist in a table of {ColumnCount} columns.");
        return c;
    }

    /// <summary>E.g. <c>iris.csv: 150 rows × 5 columns</c>.</summary>
    public override string ToString() => $"{Path.GetFileName(Source)}: {RowCount} rows × {ColumnCount} columns";
}
