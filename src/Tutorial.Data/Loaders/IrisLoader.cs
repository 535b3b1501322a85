using System.Globalization;
using System.Numerics;
using Tutorial.Data.Csv;
using Tutorial.Data.IO;

namespace Tutorial.Data.Loaders;

/// <summary>
/// Loads Fisher's iris data in scikit-learn's <c>iris.csv</c> layout: a first line
/// <c>150,4,setosa,versicolor,virginica</c> (samples, features, class names), then one row per
/// flower: sepal length, sepal width, petal length, petal width (cm), class index 0 … 2.
/// </summary>
public static class IrisLoader
{
    /// <summary>The four measurements, in column order.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } =
        ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"];

    /// <summary>Loads the file: <c>X: (150, 4)</c> in centimetres, labels 0 … 2, class names from the first line.</summary>
    public static LabeledDataset<T> Load<T>(string path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (samples, features, classNames, reader, headerLine) = ReadCountsHeader(path);
        using (reader)
        {
            var table = CsvReader.Parse(reader, path, CsvOptions.NoHeader, headerLine);
            CheckCounts(path, table, samples, features);
            var data = table.ToLabeled<T>(-1, classNames.Length == 0 ? null : classNames, "iris");
            return features == FeatureNames.Count
                ? new LabeledDataset<T>(data.X, data.LabelArray(), data.ClassNames, FeatureNames, "iris")
                : data;
        }
    }

    /// <summary>
    /// Reads scikit-learn's first line <c>samples,features[,class names…]</c> and returns a reader
    /// positioned after it.
    /// </summary>
    internal static (int Samples, int Features, string[] ClassNames, StringReader Reader, int HeaderLine) ReadCountsHeader(string path)
    {
        var reader = new StringReader(DataFile.ReadAllText(path));
        int line = 0;
        string? first;
        do { first = reader.ReadLine(); line++; } while (first is not null && first.Trim().Length == 0);
        if (first is null) throw new DataFormatException(path, "the file is empty.");
        var fields = CsvReader.SplitFields(first, ',', path, line);
        if (fields.Count < 2 || !int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out int samples)
            || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out int features))
            throw new DataFormatException(path, $"line {line} should be \"samples,features,class names…\" (e.g. 150,4,setosa,versicolor,virginica), but is \"{first}\".");
        return (samples, features, fields.Skip(2).ToArray(), reader, line);
    }

    internal static void CheckCounts(string path, CsvTable table, int samples, int features)
    {
        if (table.RowCount != samples)
            throw new DataFormatException(path, $"the first line announces {samples} samples, but the file holds {table.RowCount} rows.");
        if (table.ColumnCount != features + 1)
            throw new DataFormatException(path, $"the first line announces {features} features and a label, but rows have {table.ColumnCount} columns.");
    }
}
