using Tutorial.Data.Loaders;

namespace Tutorial.Data.Tests.Loaders;

public class MnistLoaderTests
{
    [Fact]
    public void Load_ShippedMnistTrain_ShapesRangeAndFirstDigit()
    {
        var train = MnistLoader.Load<float>(ShippedData.PathOf("mnist"), "train", MnistLoader.DigitClassNames);
        Assert.Equal([8000, 1, 28, 28], train.X.Shape.Dims);
        Assert.Equal(8000, train.Count);
        Assert.Equal(10, train.NumClasses);
        Assert.Equal(8, train.Labels[0]);
        Assert.Equal("8", train.ClassNameOf(0));
        Assert.Equal(8f, train.Y[0]);
        Assert.Equal(97f / 255f, train.X[0, 0, 14, 14]);
        double firstSum = 0;
        foreach (float v in train.X.Row(0).Span) firstSum += v;
        Assert.Equal(19934 / 255.0, firstSum, 1e-3);
        Assert.Equal(0f, train.X.Span.ToArray().Min());
        Assert.Equal(1f, train.X.Span.ToArray().Max());
    }

    [Fact]
    public void Load_ShippedMnistTest_FlatLayoutAndPixelSum()
    {
        var test = MnistLoader.Load<double>(ShippedData.PathOf("mnist"), "t10k", MnistLoader.DigitClassNames, ImageLayout.Flat);
        Assert.Equal([2000, 784], test.X.Shape.Dims);
        Assert.Equal(7, test.Labels[0]);
        double sum = 0;
        foreach (double v in test.X.Span) sum += v;
        Assert.Equal(52_375_103 / 255.0, sum, 1e-6);
        Assert.Equal([184, 228, 208, 206, 206, 169, 187, 191, 204, 217], test.ClassCounts());
    }

    [Fact]
    public void Load_ShippedFashionMnist_FirstItemIsAnAnkleBoot()
    {
        var fashion = MnistLoader.Load<float>(ShippedData.PathOf("fashion-mnist"), "t10k", MnistLoader.FashionClassNames);
        Assert.Equal([2000, 1, 28, 28], fashion.X.Shape.Dims);
        Assert.Equal([9, 2, 1, 1, 6, 1, 4, 6, 5, 7], fashion.LabelArray()[..10]);
        Assert.Equal("Ankle boot", fashion.ClassNameOf(0));
        Assert.Equal("Trouser", fashion.ClassNameOf(2));
        Assert.Equal([200, 203, 214, 190, 219, 195, 197, 200, 194, 188], fashion.ClassCounts());
        double firstSum = 0;
        foreach (float v in fashion.X.Row(0).Span) firstSum += v;
        Assert.Equal(33456 / 255.0, firstSum, 1e-3);
    }

    [Fact]
    public void FindFile_AcceptsPlainAndDottedNames()
    {
        using var dir = new TempFolder();
        dir.Write("train-images.idx3-ubyte", TempFolder.IdxImages(1, 1, 1, [9]));
        dir.Write("train-labels-idx1-ubyte", TempFolder.IdxLabels([3]));
        Assert.Equal(dir.File("train-images.idx3-ubyte"), MnistLoader.FindFile(dir.Path, "train-images-idx3-ubyte"));
        var data = MnistLoader.Load<float>(dir.Path, "train", MnistLoader.DigitClassNames);
        Assert.Equal(3, data.Labels[0]);
        Assert.Equal(9f / 255f, data.X[0, 0, 0, 0]);
    }

    [Fact]
    public void FindFile_NothingThere_ListsWhatWasLookedFor()
    {
        using var dir = new TempFolder();
        var e = Assert.Throws<FileNotFoundException>(() => MnistLoader.FindFile(dir.Path, "t10k-images-idx3-ubyte"));
        Assert.Contains("t10k-images-idx3-ubyte.gz, t10k-images-idx3-ubyte, t10k-images.idx3-ubyte.gz, t10k-images.idx3-ubyte", e.Message);
        Assert.Contains(dir.Path, e.Message);
    }
}
