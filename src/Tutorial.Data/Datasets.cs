using System.Numerics;
using Tutorial.Data.IO;
using Tutorial.Data.Loaders;
using Tutorial.Data.Series;
using Tutorial.Data.Text;

namespace Tutorial.Data;

/// <summary>
/// One-line loaders for the small real datasets shipped in the repository's <c>datasets/</c> folder
/// (sources and licences in <c>datasets/README.md</c>):
/// <code>
/// var train = Datasets.MnistTrain&lt;float&gt;();      // 8,000 MNIST digits, X (8000, 1, 28, 28) in [0, 1]
/// var iris  = Datasets.Iris&lt;double&gt;();           // 150 flowers, X (150, 4) in cm, 3 classes
/// </code>
/// The folder is found, in this order: the path in the environment variable
/// <c>TUTORIAL_DATASETS</c>; a <c>datasets/</c> folder holding <c>README.md</c> and <c>build.sh</c> in the current
/// directory or one of its parents; the same search from the application's base directory.
/// </summary>
public static class Datasets
{
    /// <summary>The environment variable that, when set, names the datasets folder.</summary>
    public const string EnvironmentVariable = "TUTORIAL_DATASETS";

    /// <summary>The datasets folder (searched anew on every call; see the class summary).</summary>
    public static string Root => FindRoot(Environment.GetEnvironmentVariable(EnvironmentVariable),
        [Environment.CurrentDirectory, AppContext.BaseDirectory]);

    /// <summary>A path inside the datasets folder, e.g. <c>PathOf("iris", "iris.csv")</c>.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>
    /// Finds the datasets folder: <paramref name="overridePath"/> when set (it must exist), otherwise
    /// the first <c>datasets/</c> holding <c>README.md</c> and <c>build.sh</c> found walking up from each start directory.
    /// </summary>
    public static string FindRoot(string? overridePath, IEnumerable<string> startDirectories)
    {
        ArgumentNullException.ThrowIfNull(startDirectories);
        if (!string.IsNullOrWhiteSpace(overridePath))
        {
            string full = Path.GetFullPath(overridePath);
            if (!Directory.Exists(full))
                throw new DirectoryNotFoundException(
                    $"{EnvironmentVariable} is set to \"{overridePath}\", which is not a folder. Point it at the kit's datasets/ folder or unset it.");
            return full;
        }
        var searched = new List<string>();
        foreach (string start in startDirectories)
        {
            if (string.IsNullOrEmpty(start)) continue;
            for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "datasets");
                if (IsKitDatasetsFolder(candidate)) return candidate;
            }
            searched.Add(Path.GetFullPath(start));
        }
        throw new DirectoryNotFoundException(
            "Could not find the kit's datasets/ folder (a folder named datasets holding README.md and build.sh). Searched upward from " +
            $"{string.Join(" and from ", searched.Select(s => $"\"{s}\""))}. Run from inside the repository, or set " +
            $"{EnvironmentVariable} to the folder's path.");
    }

    /// <summary>
    /// True for the kit's own datasets folder: it holds README.md and build.sh. (README.md alone is
    /// not enough: a clone of the repository inside a folder called "datasets" would match.)
    /// </summary>
    private static bool IsKitDatasetsFolder(string folder) =>
        File.Exists(Path.Combine(folder, "README.md")) && File.Exists(Path.Combine(folder, "build.sh"));

    /// <summary>MNIST training digits (8,000 shipped; drop in the full 60,000 and the same call loads them), pixels in [0, 1].</summary>
    public static LabeledDataset<T> MnistTrain<T>(ImageLayout layout = ImageLayout.Nchw) where T : unmanaged, IFloatingPointIeee754<T> =>
        MnistLoader.Load<T>(PathOf("mnist"), "train", MnistLoader.DigitClassNames, layout, "mnist-train");

    /// <summary>MNIST test digits (2,000 shipped, disjoint from the training digits), pixels in [0, 1].</summary>
    public static LabeledDataset<T> MnistTest<T>(ImageLayout layout = ImageLayout.Nchw) where T : unmanaged, IFloatingPointIeee754<T> =>
        MnistLoader.Load<T>(PathOf("mnist"), "t10k", MnistLoader.DigitClassNames, layout, "mnist-test");

    /// <summary>The first 2,000 Fashion-MNIST test images (10 kinds of clothing), pixels in [0, 1].</summary>
    public static LabeledDataset<T> FashionMnistTest<T>(ImageLayout layout = ImageLayout.Nchw) where T : unmanaged, IFloatingPointIeee754<T> =>
        MnistLoader.Load<T>(PathOf("fashion-mnist"), "t10k", MnistLoader.FashionClassNames, layout, "fashion-mnist-test");

    /// <summary>Fisher's iris: 150 flowers, 4 measurements in cm, classes setosa, versicolor, virginica.</summary>
    public static LabeledDataset<T> Iris<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
        IrisLoader.Load<T>(PathOf("iris", "iris.csv"));

    /// <summary>1,797 8×8 handwritten digits, pixels in [0, 1]: <c>(N, 64)</c> or <c>(N, 1, 8, 8)</c>.</summary>
    public static LabeledDataset<T> Digits<T>(ImageLayout layout = ImageLayout.Flat) where T : unmanaged, IFloatingPointIeee754<T> =>
        DigitsLoader.Load<T>(PathOf("digits", "digits.csv.gz"), layout);

    /// <summary>Ambrose Bierce's <i>The Devil's Dictionary</i> (1911, public domain) as plain text.</summary>
    public static string DevilsDictionaryText() => DataFile.ReadAllText(PathOf("text", "devils-dictionary.txt"));

    /// <summary><i>The Devil's Dictionary</i> ready for a character-level model (vocabulary and encoded text).</summary>
    public static CharCorpus DevilsDictionary() => new(DevilsDictionaryText());

    /// <summary>Yearly mean sunspot numbers, 1700 … 2008 (309 values).</summary>
    public static TimeSeries Sunspots() => TimeSeries.FromCsv(PathOf("sunspots", "sunspots.csv"), "YEAR", "SUNACTIVITY", "sunspots");
}
