using Tutorial.Engine.Kernels;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Tests.Kernels;

public class Im2ColTests
{
    public static IEnumerable<object[]> Geometries() => new ConvGeometry[]
    {
        new(1, 3, 3, 2, 1, 0, 1),
        new(2, 5, 4, 3, 1, 1, 1),
        new(3, 7, 9, (3, 2), 2, 1, 1),
        new(2, 8, 10, (2, 3), (1, 2), (2, 1), (2, 1)),
        new(1, 8, 11, 2, 3, 1, 1),
        new(2, 6, 6, 5, 1, 2, 1),
        new(1, 11, 9, (3, 5), (2, 3), (1, 2), (3, 2)),
        new(3, 4, 5, 1, 1, 0, 1),
        new(1, 4, 4, 4, 4, 2, 1),                        // more padding than image in the corner windows
    }.Select(g => new object[] { g });

    private static double[] UnfoldByReference(double[] image, ConvGeometry g)
    {
        var cols = new double[g.ColumnRows * g.ColumnCount];
        Im2ColReference.Unfold<double>(image, g, cols, g.ColumnCount, 0);
        return cols;
    }

    [Theory, MemberData(nameof(Geometries))]
    public void Unfold_MatchesItsPlainLoopTwin(ConvGeometry g)
    {
        var image = Tensor<double>.Normal(new Rng(1), 0, 1, g.SampleLength).ToArray();
        var cols = Enumerable.Repeat(double.NaN, g.ColumnRows * g.ColumnCount).ToArray();   // every cell must be written
        Im2Col.Unfold<double>(image, g, cols);
        Assert.Equal(UnfoldByReference(image, g), cols);
    }

    [Theory, MemberData(nameof(Geometries))]
    public void Fold_MatchesItsPlainLoopTwin(ConvGeometry g)
    {
        var cols = Tensor<double>.Normal(new Rng(6), 0, 1, g.ColumnRows * g.ColumnCount).ToArray();
        var start = Tensor<double>.Normal(new Rng(7), 0, 1, g.SampleLength).ToArray();
        var fast = (double[])start.Clone();
        var slow = (double[])start.Clone();
        Im2Col.Fold<double>(cols, g, fast);
        Im2ColReference.Fold<double>(cols, g.ColumnCount, 0, g, slow);
        Assert.Equal(slow, fast);
    }

    [Fact]
    public void Unfold_And_Fold_MatchTheirTwins_ForEveryRowLengthAroundTheVectorWidth()
    {
        // Stride-1 rows are copied and added with Vector<T>: cover lengths 1 … 3 vectors + 1, with and without padding.
        for (int width = 1; width <= 3 * System.Numerics.Vector<float>.Count + 1; width++)
            foreach (int pad in new[] { 0, 1 })
            {
                var g = new ConvGeometry(2, 3, width + 1, 2, 1, pad, 1);
                var image = Tensor<float>.Normal(new Rng((ulong)width), 0, 1, g.SampleLength).ToArray();
                float[] fast = new float[g.ColumnRows * g.ColumnCount], slow = new float[fast.Length];
                Im2Col.Unfold<float>(image, g, fast);
                Im2ColReference.Unfold<float>(image, g, slow, g.ColumnCount, 0);
                Assert.Equal(slow, fast);
                float[] back = new float[g.SampleLength], backSlow = new float[g.SampleLength];
                Im2Col.Fold<float>(fast, g, back);
                Im2ColReference.Fold<float>(slow, g.ColumnCount, 0, g, backSlow);
                Assert.Equal(backSlow, back);                       // same additions in the same order
            }
    }

    [Theory, MemberData(nameof(Geometries))]
    public void Fold_IsTheAdjointOfUnfold(ConvGeometry g)
    {
        // ⟨unfold(x), c⟩ = ⟨x, fold(c)⟩ for all x and c: fold is exactly the transpose that backprop needs.
        var x = Tensor<double>.Normal(new Rng(2), 0, 1, g.SampleLength).ToArray();
        var c = Tensor<double>.Normal(new Rng(3), 0, 1, g.ColumnRows * g.ColumnCount).ToArray();
        var unfolded = new double[c.Length];
        Im2Col.Unfold<double>(x, g, unfolded);
        var folded = new double[x.Length];
        Im2Col.Fold<double>(c, g, folded);
        double left = unfolded.Zip(c, (a, b) => a * b).Sum(), right = x.Zip(folded, (a, b) => a * b).Sum();
        Assert.Equal(left, right, 10);
    }

    [Fact]
    public void Unfold_OfA3x3Image_WithA2x2Kernel_HasOneColumnPerWindow()
    {
        var g = new ConvGeometry(1, 3, 3, 2, 1, 0, 1);
        var cols = new double[4 * 4];
        Im2Col.Unfold<double>([1, 2, 3, 4, 5, 6, 7, 8, 9], g, cols);
        // Columns are the windows [1 2; 4 5], [2 3; 5 6], [4 5; 7 8], [5 6; 8 9]; rows are the taps (0,0), (0,1), (1,0), (1,1).
        Assert.Equal([1.0, 2, 4, 5,
                      2, 3, 5, 6,
                      4, 5, 7, 8,
                      5, 6, 8, 9], cols);
    }

    [Fact]
    public void Fold_AddsOverlappingPatches_SoOnesCountTheWindowsCoveringEachPixel()
    {
        var g = new ConvGeometry(1, 3, 3, 2, 1, 0, 1);
        var image = new double[9];
        Im2Col.Fold<double>(Enumerable.Repeat(1.0, 16).ToArray(), g, image);
        Assert.Equal([1.0, 2, 1, 2, 4, 2, 1, 2, 1], image);
        Im2Col.Fold<double>(Enumerable.Repeat(1.0, 16).ToArray(), g, image);
        Assert.Equal([2.0, 4, 2, 4, 8, 4, 2, 4, 2], image);          // it accumulates (+=)
    }

    [Fact]
    public void Unfold_IntoABatchedLayout_WritesOnlyItsOwnBlock()
    {
        var g = new ConvGeometry(2, 4, 5, 3, 1, 1, 1);              // L = 4·5 = 20 columns per sample
        int l = g.ColumnCount, stride = 3 * l;
        var image = Tensor<double>.Normal(new Rng(4), 0, 1, g.SampleLength).ToArray();
        var cols = Enumerable.Repeat(-7.0, g.ColumnRows * stride).ToArray();
        Im2Col.Unfold<double>(image, g, cols, stride, l);          // sample 1 of 3
        var expected = UnfoldByReference(image, g);
        for (int r = 0; r < g.ColumnRows; r++)
            for (int j = 0; j < stride; j++)
                Assert.Equal(j >= l && j < 2 * l ? expected[r * l + j - l] : -7.0, cols[r * stride + j]);

        var back = new double[g.SampleLength];
        Im2Col.Fold<double>(cols, stride, l, g, back);
        var direct = new double[g.SampleLength];
        Im2Col.Fold<double>(expected, g, direct);
        Assert.Equal(direct, back);
    }

    [Fact]
    public void Unfold_And_Fold_RejectBuffersThatAreTooSmall()
    {
        var g = new ConvGeometry(1, 4, 4, 3, 1, 0, 1);
        Assert.Throws<ArgumentException>(() => Im2Col.Unfold<double>(new double[15], g, new double[9 * 4]));
        Assert.Throws<ArgumentException>(() => Im2Col.Unfold<double>(new double[16], g, new double[9 * 4 - 1]));
        Assert.Throws<ArgumentException>(() => Im2Col.Unfold<double>(new double[16], g, new double[9 * 8], 8, 5));
        Assert.Throws<ArgumentException>(() => Im2Col.Fold<double>(new double[9 * 4], g, new double[15]));
        Assert.Throws<ArgumentException>(() => Im2Col.Unfold<double>(new double[4], new ConvGeometry(1, 2, 2, 3, 1, 0, 1), new double[9]));
    }

    [Fact]
    public void Unfold_Float_MatchesDouble()
    {
        var g = new ConvGeometry(2, 7, 6, (3, 2), (2, 1), 1, (1, 2));
        var image = Tensor<float>.Normal(new Rng(5), 0, 1, g.SampleLength);
        var colsF = new float[g.ColumnRows * g.ColumnCount];
        Im2Col.Unfold<float>(image.Span, g, colsF);
        Assert.Equal(UnfoldByReference(image.Cast<double>().ToArray(), g), colsF.Select(v => (double)v).ToArray());
    }
}
