using Tutorial.Data.Preprocessing;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Tests.Preprocessing;

public class StandardizerTests
{
    [Fact]
    public void Fit_Iris_MatchesNumpyMeanAndPopulationStd()
    {
        var iris = Datasets.Iris<double>();
        var s = Standardizer<double>.Fit(iris.X);
        // numpy: X.mean(0), X.std(0) (ddof = 0)
        double[] mean = [5.84333333333333, 3.05733333333333, 3.758, 1.19933333333333];
        double[] std = [0.82530129, 0.43441097, 1.75940407, 0.75969263];
        for (int j = 0; j < 4; j++)
        {
            Assert.Equal(mean[j], s.Mean[j], 1e-12);
            Assert.Equal(std[j], s.Std[j], 1e-8);
        }
    }

    [Fact]
    public void Fit_SunspotSeries_TreatsARank1TensorAsOneFeature()
    {
        var series = Datasets.Sunspots().ToTensor<double>();
        var s = Standardizer<double>.Fit(series);
        Assert.Equal(1, s.FeatureCount);
        Assert.Equal(49.75210355987054, s.Mean[0], 1e-12);  // numpy: v.mean()
        Assert.Equal(40.387084638624245, s.Std[0], 1e-12);  // numpy: v.std()
        var z = s.Transform(series);
        Assert.Equal([309], z.Shape.Dims);
        Assert.Equal((190.2 - 49.75210355987054) / 40.387084638624245, z[257], 1e-12); // 1957, the maximum
    }

    [Fact]
    public void Transform_TrainingData_HasMeanZeroAndStdOne()
    {
        var x = Tensor<double>.Normal(new Rng(12), 5.0, 3.0, 200, 3);
        var z = Standardizer<double>.Fit(x).Transform(x);
        var again = Standardizer<double>.Fit(z);
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(0.0, again.Mean[j], 1e-12);
            Assert.Equal(1.0, again.Std[j], 1e-12);
        }
    }

    [Fact]
    public void Transform_OtherData_UsesTheTrainingStatistics()
    {
        var train = Tensor<double>.FromMatrix(new double[,] { { 1, 10 }, { 3, 30 } }); // μ = (2, 20), σ = (1, 10)
        var s = Standardizer<double>.Fit(train);
        var test = Tensor<double>.FromMatrix(new double[,] { { 5, 0 } });
        Assert.Equal([3.0, -2.0], s.Transform(test).ToArray());
        Assert.Equal([5.0, 0.0], s.InverseTransform(s.Transform(test)).ToArray());
        Assert.Equal([1.0, 10.0], train.Row(0).ToArray()); // Transform never changes its input
    }

    [Fact]
    public void ConstantFeature_BecomesZeroNotNaN()
    {
        var x = Tensor<float>.FromMatrix(new double[,] { { 7, 1 }, { 7, 2 }, { 7, 3 } });
        var s = Standardizer<float>.Fit(x);
        Assert.Equal(1f, s.Std[0]);
        Assert.Equal(0f, s.Transform(x)[1, 0]);
    }

    [Fact]
    public void Transform_ImagesAreStandardisedPerPixel()
    {
        var x = new Tensor<double>(2, 1, 1, 2);
        x[0, 0, 0, 0] = 0; x[0, 0, 0, 1] = 4; x[1, 0, 0, 0] = 2; x[1, 0, 0, 1] = 8;
        var s = Standardizer<double>.Fit(x);
        Assert.Equal([1.0, 6.0], s.Mean.ToArray());
        Assert.Equal([1.0, 2.0], s.Std.ToArray());
        Assert.Equal([-1.0, -1.0, 1.0, 1.0], s.Transform(x).ToArray());
    }

    [Fact]
    public void Transform_WrongFeatureCount_NamesBothShapes()
    {
        var s = Standardizer<float>.Fit(new Tensor<float>(3, 4));
        var e = Assert.Throws<ShapeMismatchException>(() => s.Transform(new Tensor<float>(2, 5)));
        Assert.Contains("fitted on x of shape (3, 4) (4 features per row), got x of shape (2, 5)", e.Message);
    }
}
