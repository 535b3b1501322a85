using Tutorial.Data.Loaders;

namespace Tutorial.Data.Tests.Loaders;

public class IrisLoaderTests
{
    [Fact]
    public void Load_ShippedIris_RowsClassesAndFeatureNames()
    {
        var iris = IrisLoader.Load<double>(ShippedData.PathOf("iris", "iris.csv"));
        Assert.Equal([150, 4], iris.X.Shape.Dims);
        Assert.Equal(["setosa", "versicolor", "virginica"], iris.ClassNames);
        Assert.Equal(IrisLoader.FeatureNames, iris.FeatureNames!);
        Assert.Equal([5.1, 3.5, 1.4, 0.2], iris.X.Row(0).ToArray());
        Assert.Equal("setosa", iris.ClassNameOf(0));
        Assert.Equal([7.0, 3.2, 4.7, 1.4], iris.X.Row(50).ToArray());
        Assert.Equal("versicolor", iris.ClassNameOf(50));
        Assert.Equal("virginica", iris.ClassNameOf(149));
        Assert.Equal([50, 50, 50], iris.ClassCounts());
        Assert.Equal(2078.7, iris.X.ToArray().Sum(), 1e-9);
    }

    [Fact]
    public void Load_RowCountDisagreesWithFirstLine_Fails()
    {
        using var dir = new TempFolder();
        string path = dir.WriteText("iris.csv", "3,2,a,b\n1,2,0\n3,4,1\n");
        var e = Assert.Throws<DataFormatException>(() => IrisLoader.Load<float>(path));
        Assert.Contains("the first line announces 3 samples, but the file holds 2 rows", e.Message);
        Assert.Equal(path, e.FilePath);
    }

    [Fact]
    public void Load_FirstLineNotCounts_Fails()
    {
        using var dir = new TempFolder();
        string path = dir.WriteText("iris.csv", "sepal,petal,label\n1,2,0\n");
        var e = Assert.Throws<DataFormatException>(() => IrisLoader.Load<float>(path));
        Assert.Contains("line 1 should be \"samples,features,class names…\"", e.Message);
    }

    [Fact]
    public void Load_BadValue_ReportsItsLineCountingTheFirstLine()
    {
        using var dir = new TempFolder();
        string path = dir.WriteText("iris.csv", "2,1,a,b\n1,0\nx,1\n");
        var e = Assert.Throws<DataFormatException>(() => IrisLoader.Load<float>(path));
        Assert.Contains("line 3, column 1: \"x\" is not a number", e.Message);
    }
}
