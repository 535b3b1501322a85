using System.Numerics;
using Tutorial.Data.Csv;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Loaders;

/// <summary>
/// Loads scikit-learn's 8×8 handwritten digits (<c>digits.csv.gz</c>, a copy of the test part of
/// the UCI "Optical Recognition of Handwritten Digits" data): 1,797 rows without a header, each
/// 64 pixel counts 0 … 16 (row by row) followed by the digit 0 … 9.
/// </summary>
public static class DigitsLoader
{
    /// <summary>Image side: the images are 8×8.</summary>
    public const int Side = 8;

    /// <summary>The largest pixel value (each pixel counts the set pixels of a 4×4 block).</summary>
    public const int MaxPixel = 16;

    /// <summary>
    /// Loads the file with pixels scaled to [0, 1] (count / 16): <c>X: (N, 64)</c> for
    /// <see cref="ImageLayout.Flat"/>, <c>(N, 1, 8, 8)</c> for <see cref="ImageLayout.Nchw"/>; labels 0 … 9.
    /// </summary>
    public static LabeledDataset<T> Load<T>(string path, ImageLayout layout = ImageLayout.Flat) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var table = CsvReader.Read(path, CsvOptions.NoHeader);
        if (table.ColumnCount != Side * Side + 1)
            throw new DataFormatException(path, $"rows have {table.ColumnCount} columns; 8×8 digits need 64 pixels and a label (65).");
        for (int r = 0; r < table.RowCount; r++)
            for (int c = 0; c < Side * Side; c++)
            {
                double v = table[r, c];
                if (v < 0 || v > MaxPixel)
                    throw new DataFormatException(path, $"line {table.LineOf(r)}, column {c + 1}: pixel {v} is outside 0 … {MaxPixel}.");
            }
        var data = table.ToLabeled<T>(-1, MnistLoader.DigitClassNames, "digits");
        var x = data.X;
        T scale = T.One / T.CreateChecked(MaxPixel);
        var span = x.Span;
        for (int i = 0; i < span.Length; i++) span[i] *= scale;
        Tensor<T> shaped = layout switch
        {
            ImageLayout.Flat => x,
            ImageLayout.Nchw => x.Reshape(table.RowCount, 1, Side, Side),
            _ => throw new ArgumentOutOfRangeException(nameof(layout), $"Unknown image layout {layout}."),
        };
        return new LabeledDataset<T>(shaped, data.LabelArray(), MnistLoader.DigitClassNames, name: "digits");
    }
}
