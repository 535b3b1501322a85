using Tutorial.Data.Sampling;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Tests.Sampling;

public class MiniBatchesTests
{
    /// <summary>x row i = (i, 10i), y row i = i: every batch can be checked against its indices.</summary>
    private static (Tensor<double> X, Tensor<double> Y) Numbered(int n)
    {
        var x = new Tensor<double>(n, 2);
        var y = new Tensor<double>(n);
        for (int i = 0; i < n; i++) { x[i, 0] = i; x[i, 1] = 10 * i; y[i] = i; }
        return (x, y);
    }

    [Fact]
    public void InOrder_GivesConsecutiveViews_LastBatchSmaller()
    {
        var (x, y) = Numbered(10);
        var batches = MiniBatches.InOrder(x, y, 4).ToList();
        Assert.Equal(3, batches.Count);
        Assert.Equal([4, 4, 2], batches.Select(b => b.Size));
        Assert.Equal([8, 9], batches[2].Indices);
        Assert.Equal([8.0, 80, 9, 90], batches[2].X.ToArray());
        Assert.Same(x.Data, batches[1].X.Data); // a view, not a copy
    }

    [Fact]
    public void DropLast_LeavesOutTheIncompleteBatch()
    {
        var (x, y) = Numbered(10);
        var batches = MiniBatches.InOrder(x, y, 4, dropLast: true);
        Assert.Equal(2, batches.Count);
        Assert.Equal(2, batches.Count());
    }

    [Fact]
    public void Shuffled_EachEpochIsAPermutation_RowsStayPaired()
    {
        var (x, y) = Numbered(23);
        var batches = MiniBatches.Shuffled(x, y, 5, new Rng(11));
        var seen = new List<int>();
        foreach (var b in batches)
        {
            for (int i = 0; i < b.Size; i++)
            {
                Assert.Equal(b.Indices[i], b.Y[i]);
                Assert.Equal(b.Indices[i], b.X[i, 0]);
                Assert.Equal(10.0 * b.Indices[i], b.X[i, 1]);
            }
            seen.AddRange(b.Indices);
        }
        Assert.Equal(Enumerable.Range(0, 23), seen.Order());
        Assert.NotEqual(Enumerable.Range(0, 23), seen);
    }

    [Fact]
    public void Shuffled_SameSeed_SameOrder_EpochsDiffer()
    {
        var (x, y) = Numbered(50);
        int[] Epoch(MiniBatches<double> m) => m.SelectMany(b => b.Indices).ToArray();
        var a = MiniBatches.Shuffled(x, y, 8, new Rng(5));
        var b = MiniBatches.Shuffled(x, y, 8, new Rng(5));
        int[] a1 = Epoch(a), a2 = Epoch(a);
        Assert.Equal(a1, Epoch(b));
        Assert.Equal(a2, Epoch(b));
        Assert.NotEqual(a1, a2);
        // The order is the permutation Rng(5) draws: the shuffle is the engine's, nothing else.
        Assert.Equal(new Rng(5).Permutation(50), a1);
    }

    [Fact]
    public void Constructor_RowCountsDiffer_NamesBothShapes()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => MiniBatches.InOrder(new Tensor<float>(4, 2), new Tensor<float>(3), 2));
        Assert.Contains("x of shape (4, 2) and y of shape (3,)", e.Message);
    }

    [Fact]
    public void Shuffled_LabeledDataset_UsesItsClassIndexTargets()
    {
        var iris = Datasets.Iris<float>();
        var first = MiniBatches.Shuffled(iris, 32, new Rng(2)).First();
        Assert.Equal([32, 4], first.X.Shape.Dims);
        for (int i = 0; i < 32; i++) Assert.Equal(iris.Labels[first.Indices[i]], (int)first.Y[i]);
    }
}
