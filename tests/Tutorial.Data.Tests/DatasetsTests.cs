namespace Tutorial.Data.Tests;

public class DatasetsTests
{
    [Fact]
    public void FindRoot_FromTheTestFolder_FindsTheRepositoryDatasets()
    {
        string root = Datasets.FindRoot(null, [AppContext.BaseDirectory]);
        Assert.Equal("datasets", Path.GetFileName(root));
        Assert.True(File.Exists(Path.Combine(root, "README.md")));
        Assert.True(File.Exists(Path.Combine(root, "mnist", "train-images-idx3-ubyte.gz")));
    }

    [Fact]
    public void FindRoot_FromADeepSubfolder_WalksUp()
    {
        using var dir = new TempFolder();
        dir.WriteText(Path.Combine("datasets", "README.md"), "x");
        dir.WriteText(Path.Combine("datasets", "build.sh"), "x");
        dir.WriteText(Path.Combine("a", "datasets", "README.md"), "a folder called datasets without build.sh is passed by");
        string deep = Path.Combine(dir.Path, "a", "b", "c");
        Directory.CreateDirectory(deep);
        Assert.Equal(Path.Combine(dir.Path, "datasets"), Datasets.FindRoot(null, [deep]));
    }

    [Fact]
    public void FindRoot_Override_WinsOverTheSearch()
    {
        using var dir = new TempFolder();
        Assert.Equal(dir.Path, Datasets.FindRoot(dir.Path, [AppContext.BaseDirectory]));
    }

    [Fact]
    public void FindRoot_OverrideIsNotAFolder_SaysWhichVariable()
    {
        using var dir = new TempFolder();
        string missing = dir.File("nowhere");
        var e = Assert.Throws<DirectoryNotFoundException>(() => Datasets.FindRoot(missing, [AppContext.BaseDirectory]));
        Assert.Contains("TUTORIAL_DATASETS is set to \"" + missing + "\", which is not a folder", e.Message);
    }

    [Fact]
    public void FindRoot_NotFound_SaysWhereItLookedAndHowToFix()
    {
        using var dir = new TempFolder();
        var e = Assert.Throws<DirectoryNotFoundException>(() => Datasets.FindRoot(null, [dir.Path]));
        Assert.Contains("Could not find the kit's datasets/ folder", e.Message);
        Assert.Contains(dir.Path, e.Message);
        Assert.Contains("set TUTORIAL_DATASETS", e.Message);
    }

    [Fact]
    public void OneLineLoaders_LoadEveryShippedDataset()
    {
        var train = Datasets.MnistTrain<float>();
        Assert.Equal("mnist-train: 8000 samples, X (8000, 1, 28, 28), 10 classes", train.ToString());
        Assert.Equal(8, train.Labels[0]);

        var test = Datasets.MnistTest<float>(ImageLayout.Flat);
        Assert.Equal([2000, 784], test.X.Shape.Dims);
        Assert.Equal(7, test.Labels[0]);

        var fashion = Datasets.FashionMnistTest<float>();
        Assert.Equal("Ankle boot", fashion.ClassNameOf(0));

        var iris = Datasets.Iris<double>();
        Assert.Equal(150, iris.Count);
        Assert.Equal("setosa", iris.ClassNames[0]);

        var digits = Datasets.Digits<float>(ImageLayout.Nchw);
        Assert.Equal([1797, 1, 8, 8], digits.X.Shape.Dims);

        var corpus = Datasets.DevilsDictionary();
        Assert.Equal(383_147, corpus.Length);
        Assert.Equal(82, corpus.Vocabulary.Size);

        var sunspots = Datasets.Sunspots();
        Assert.Equal("sunspots: 309 values, 1700 … 2008", sunspots.ToString());
    }

    [Fact]
    public void MnistTrainAndTest_AreDisjoint()
    {
        var train = Datasets.MnistTrain<float>(ImageLayout.Flat);
        var test = Datasets.MnistTest<float>(ImageLayout.Flat);
        var seen = new HashSet<string>();
        for (int i = 0; i < train.Count; i++) seen.Add(Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(train.X.Row(i).Span)));
        int shared = 0;
        for (int i = 0; i < test.Count; i++)
            if (seen.Contains(Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(test.X.Row(i).Span)))) shared++;
        Assert.Equal(0, shared);
    }
}
