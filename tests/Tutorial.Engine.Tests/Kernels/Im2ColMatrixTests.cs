using Tutorial.Engine.Kernels;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Tests.Kernels;

public class Im2ColMatrixTests
{
    [Fact]
    public void Unfold_Of3x3ImageWith2x2Kernel_HasTheReceptiveFieldsAsColumns()
    {
        // x = [[1 2 3], [4 5 6], [7 8 9]]: the four 2×2 windows are (1 2 4 5), (2 3 5 6), (4 5 7 8), (5 6 8 9).
        var x = Tensor<double>.FromDoubles([1, 2, 3, 4, 5, 6, 7, 8, 9], 3, 3);
        var cols = Im2ColMatrix.Unfold(x, kernel: 2);
        Assert.Equal(new Shape(4, 4), cols.Shape);
        double[] expected =
        [
            1, 2, 4, 5,   // tap (0, 0) for the outputs (0,0) (0,1) (1,0) (1,1)
            2, 3, 5, 6,   // tap (0, 1)
            4, 5, 7, 8,   // tap (1, 0)
            5, 6, 8, 9,   // tap (1, 1)
        ];
        Assert.Equal(expected, cols.ToArray());
    }

    [Fact]
    public void Unfold_WithPaddingAndStride_HasZerosForPaddingAndTheFormulasColumnCount()
    {
        var x = Tensor<double>.FromDoubles([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], 1, 4, 4);
        var cols = Im2ColMatrix.Unfold(x, kernel: 3, stride: 2, padding: 1);
        // ⌊(4 + 2 − 3) / 2⌋ + 1 = 2 outputs per axis: 4 columns of 9 taps.
        Assert.Equal(new Shape(9, 4), cols.Shape);
        // Output (0, 0) reads rows −1 … 1 and columns −1 … 1: the first row and column are padding.
        double[] firstColumn = Enumerable.Range(0, 9).Select(r => cols[r, 0]).ToArray();
        Assert.Equal([0, 0, 0, 0, 1, 2, 0, 5, 6], firstColumn);
    }

    [Fact]
    public void WeightsTimesUnfold_EqualsConv2DForward()
    {
        var rng = new Rng(4);
        var x = Tensor<double>.Normal(rng, 0, 1, 1, 2, 6, 5);
        var conv = new Conv2D<double>(2, 3, 3, rng, stride: (1, 2), padding: 1);
        var y = conv.Forward(x);
        var cols = Im2ColMatrix.Unfold(x, 3, stride: (1, 2), padding: 1);
        var w = conv.Weight.Value.Reshape(3, 18);
        int l = cols.Dim(1);
        Assert.Equal(y.Dim(2) * y.Dim(3), l);
        for (int co = 0; co < 3; co++)
            for (int j = 0; j < l; j++)
            {
                double sum = conv.Bias!.Value[co];
                for (int r = 0; r < 18; r++) sum += w[co, r] * cols[r, j];
                Assert.Equal(y[0, co, j / y.Dim(3), j % y.Dim(3)], sum, 12);
            }
    }

    [Fact]
    public void Labels_NameTheTapOfEachRowAndThePositionOfEachColumn()
    {
        var g = Im2ColMatrix.Geometry(new Tensor<float>(2, 4, 5), kernel: (2, 3));
        var rows = Im2ColMatrix.RowLabels(g);
        var columns = Im2ColMatrix.ColumnLabels(g);
        Assert.Equal(12, rows.Length);
        Assert.Equal("0,0,0", rows[0]);
        Assert.Equal("0,1,2", rows[5]);
        Assert.Equal("1,0,0", rows[6]);
        Assert.Equal(3 * 3, columns.Length);
        Assert.Equal(["0,0", "0,1", "0,2", "1,0"], columns[..4]);
    }

    [Fact]
    public void Unfold_RejectsABatchAndATooSmallImage_NamingTheShape()
    {
        var batch = Assert.Throws<ShapeMismatchException>(() => Im2ColMatrix.Unfold(new Tensor<double>(2, 1, 5, 5), 3));
        Assert.Contains("(2, 1, 5, 5)", batch.Message);
        var small = Assert.Throws<ShapeMismatchException>(() => Im2ColMatrix.Unfold(new Tensor<double>(2, 2), 3));
        Assert.Contains("too small", small.Message);
    }
}
