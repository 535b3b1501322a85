using System.Numerics;
using Tutorial.Data.Idx;

namespace Tutorial.Data.Loaders;

/// <summary>
/// Loads MNIST-style folders: <c>train-images-idx3-ubyte</c>, <c>train-labels-idx1-ubyte</c>,
/// <c>t10k-images-idx3-ubyte</c>, <c>t10k-labels-idx1-ubyte</c>, each gzipped (<c>.gz</c>) or not,
/// as distributed for MNIST and Fashion-MNIST. Replace the shipped subsets with the full files
/// (60,000 + 10,000 images) and the same calls load them.
/// </summary>
public static class MnistLoader
{
    /// <summary>MNIST's classes: the digits "0" … "9".</summary>
    public static IReadOnlyList<string> DigitClassNames { get; } = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    /// <summary>Fashion-MNIST's classes, by label 0 … 9.</summary>
    public static IReadOnlyList<string> FashionClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>
    /// The <paramref name="part"/> (<c>"train"</c> or <c>"t10k"</c>) of the MNIST-style folder
    /// <paramref name="folder"/>: images scaled to [0, 1] in <paramref name="layout"/>, labels 0 … 9.
    /// </summary>
    public static LabeledDataset<T> Load<T>(string folder, string part, IReadOnlyList<string> classNames,
        ImageLayout layout = ImageLayout.Nchw, string? name = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        string images = FindFile(folder, $"{part}-images-idx3-ubyte");
        string labels = FindFile(folder, $"{part}-labels-idx1-ubyte");
        return IdxReader.ReadLabeled<T>(images, labels, classNames, layout, name ?? $"{Path.GetFileName(Path.TrimEndingDirectorySeparator(folder))}-{part}");
    }

    /// <summary>
    /// <paramref name="baseName"/> in <paramref name="folder"/>, gzipped or not; also accepts the
    /// <c>train-images.idx3-ubyte</c> spelling some mirrors use.
    /// </summary>
    public static string FindFile(string folder, string baseName)
    {
        string dotted = ReplaceLast(baseName, "-idx", ".idx");
        string[] candidates = [baseName + ".gz", baseName, dotted + ".gz", dotted];
        foreach (string c in candidates)
        {
            string path = Path.Combine(folder, c);
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException(
            $"{Path.GetFullPath(folder)} holds none of {string.Join(", ", candidates)}.", Path.Combine(folder, candidates[0]));
    }

    private static string ReplaceLast(string s, string what, string with)
    {
        int i = s.LastIndexOf(what, StringComparison.Ordinal);
        return i < 0 ? s : s[..i] + with + s[(i + what.Length)..];
    }
}
