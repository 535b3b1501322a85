using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Tests;

public class LabeledDatasetTests
{
    private static LabeledDataset<double> Small() =>
        new(Tensor<double>.FromMatrix(new double[,] { { 0, 1 }, { 2, 3 }, { 4, 5 } }), [1, 0, 1], ["no", "yes"], ["a", "b"], "small");

    [Fact]
    public void Y_HoldsTheLabelsAsClassIndices()
    {
        var d = Small();
        Assert.Equal([1.0, 0.0, 1.0], d.Y.ToArray());
        Assert.Equal([3], d.Y.Shape.Dims);
        Assert.Equal([1, 2], d.ClassCounts());
        Assert.Equal("yes", d.ClassNameOf(0));
    }

    [Fact]
    public void Subset_CopiesRowsAndLabelsInOrder()
    {
        var d = Small();
        var s = d.Subset([2, 1]);
        Assert.Equal([4.0, 5, 2, 3], s.X.ToArray());
        Assert.Equal([1, 0], s.LabelArray());
        s.X[0, 0] = 99;
        Assert.Equal(4.0, d.X[2, 0]);
    }

    [Fact]
    public void Constructor_LabelOutOfRange_Fails()
    {
        var e = Assert.Throws<ArgumentException>(() => new LabeledDataset<float>(new Tensor<float>(2, 1), [0, 2], ["a", "b"], name: "bad"));
        Assert.Contains("bad: label 2 of sample 1 is not a class index in 0 … 1", e.Message);
    }

    [Fact]
    public void Constructor_RowsAndLabelsDiffer_NamesTheShape()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => new LabeledDataset<float>(new Tensor<float>(3, 2), [0, 1], ["a", "b"]));
        Assert.Contains("features of shape (3, 2) do not have one row per label (2 labels)", e.Message);
    }

    [Fact]
    public void TensorRowsTake_CopiesRowsOfAnyRank()
    {
        var x = new Tensor<float>(3, 1, 2, 2);
        for (int i = 0; i < x.Length; i++) x[i] = i;
        var t = TensorRows.Take(x, [2, 2, 0]);
        Assert.Equal([3, 1, 2, 2], t.Shape.Dims);
        Assert.Equal([8f, 9, 10, 11, 8, 9, 10, 11, 0, 1, 2, 3], t.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => TensorRows.Take(x, [3]));
    }
}
