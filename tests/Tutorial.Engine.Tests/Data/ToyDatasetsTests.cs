using Tutorial.Engine.Data;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Tests.Data;

public class ToyDatasetsTests
{
    [Fact]
    public void Spiral_HasClassByClassLabels_RadiiFromZeroToOne_AndIsSeeded()
    {
        var (x, y) = ToyDatasets.Spiral<double>(pointsPerClass: 50, classes: 3, noise: 0.2, seed: 4);
        Assert.Equal(new Shape(150, 2), x.Shape);
        Assert.Equal(new Shape(150), y.Shape);
        Assert.Equal(Enumerable.Range(0, 150).Select(i => (double)(i / 50)), y.ToArray());
        for (int i = 0; i < 150; i++)
        {
            double r = Math.Sqrt(x[i, 0] * x[i, 0] + x[i, 1] * x[i, 1]);
            Assert.Equal((i % 50) / 49.0, r, 12); // noise moves the angle only
        }
        var (x2, _) = ToyDatasets.Spiral<double>(50, 3, 0.2, seed: 4);
        var (x3, _) = ToyDatasets.Spiral<double>(50, 3, 0.2, seed: 5);
        Assert.True(x.ValueEquals(x2));
        Assert.False(x.ValueEquals(x3));
    }

    [Fact]
    public void Spiral_WithoutNoise_FollowsTheCs231nFormula()
    {
        var (x, _) = ToyDatasets.Spiral<double>(pointsPerClass: 5, classes: 2, noise: 0);
        // class 1, point 2 of 5: r = 2/4 = 0.5, t = 4·1 + 4·2/4 = 6
        Assert.Equal(0.5 * Math.Sin(6.0), x[7, 0], 14);
        Assert.Equal(0.5 * Math.Cos(6.0), x[7, 1], 14);
    }

    [Fact]
    public void Xor_IsTheTruthTable()
    {
        var (x, y) = ToyDatasets.Xor<float>();
        Assert.Equal([0f, 0, 0, 1, 1, 0, 1, 1], x.ToArray());
        Assert.Equal([0f, 1, 1, 0], y.ToArray());
    }

    [Fact]
    public void Blobs_AndLine_AreCentredWhereAsked()
    {
        var (x, y) = ToyDatasets.Blobs<double>(new double[,] { { 5, 5 }, { -5, 0 } }, pointsPerClass: 200, spread: 0.5, seed: 1);
        Assert.Equal(new Shape(400, 2), x.Shape);
        double meanX0 = Enumerable.Range(0, 200).Average(i => x[i, 0]);
        double meanX1 = Enumerable.Range(200, 200).Average(i => x[i, 0]);
        Assert.Equal(5, meanX0, 0);
        Assert.Equal(-5, meanX1, 0);
        Assert.Equal(1.0, y[399]);

        var (lx, ly) = ToyDatasets.Line<double>(n: 50, slope: 3, intercept: 1, noise: 0);
        for (int i = 0; i < 50; i++) Assert.Equal(3 * lx[i, 0] + 1, ly[i, 0], 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => ToyDatasets.Spiral<float>(pointsPerClass: 1));
    }
}
