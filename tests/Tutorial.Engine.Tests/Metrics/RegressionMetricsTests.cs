using Tutorial.Engine.Metrics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Tests.Metrics;

public class RegressionMetricsTests
{
    // scikit-learn's documentation example: y_true = [3, -0.5, 2, 7], y_pred = [2.5, 0.0, 2, 8].
    // errors: −0.5, 0.5, 0, 1  ->  MSE = (0.25 + 0.25 + 0 + 1)/4 = 0.375, MAE = (0.5 + 0.5 + 0 + 1)/4 = 0.5,
    // RMSE = √0.375 ≈ 0.612372; ȳ = 2.875, Σ(y − ȳ)² = 29.1875, R² = 1 − 1.5/29.1875 ≈ 0.948608.
    private static readonly double[] Actual = [3, -0.5, 2, 7];
    private static readonly double[] Predicted = [2.5, 0.0, 2, 8];

    [Fact]
    public void SklearnDocumentationExample_GivesKnownValues()
    {
        Assert.Equal(0.375, RegressionMetrics.MeanSquaredError(Predicted, Actual), 14);
        Assert.Equal(Math.Sqrt(0.375), RegressionMetrics.RootMeanSquaredError(Predicted, Actual), 14);
        Assert.Equal(0.5, RegressionMetrics.MeanAbsoluteError(Predicted, Actual), 14);
        Assert.Equal(1 - 1.5 / 29.1875, RegressionMetrics.R2(Predicted, Actual), 14);
        Assert.Equal(0.948608, RegressionMetrics.R2(Predicted, Actual), 6);
    }

    [Fact]
    public void TensorOverloads_AgreeWithSpans_ForFloat()
    {
        var p = Tensor<float>.FromDoubles(Predicted, 4, 1);
        var a = Tensor<float>.FromDoubles(Actual, 4, 1);
        Assert.Equal(0.375, RegressionMetrics.MeanSquaredError(p, a), 6);
        Assert.Equal(0.5, RegressionMetrics.MeanAbsoluteError(p, a), 6);
        Assert.Equal(Math.Sqrt(0.375), RegressionMetrics.RootMeanSquaredError(p, a), 6);
        Assert.Equal(1 - 1.5 / 29.1875, RegressionMetrics.R2(p, a), 6);
        Assert.Equal(0.375, Scorer<float>.MeanSquaredError.Compute(p, a), 6);
        Assert.False(Scorer<float>.MeanSquaredError.HigherIsBetter);
        Assert.True(Scorer<float>.R2.HigherIsBetter);
    }

    [Fact]
    public void R2_IsOneForPerfect_ZeroForTheMean_AndNegativeForWorse()
    {
        Assert.Equal(1.0, RegressionMetrics.R2(Actual, Actual));
        double mean = Actual.Average();
        Assert.Equal(0.0, RegressionMetrics.R2(Actual.Select(_ => mean).ToArray(), Actual), 14);
        Assert.True(RegressionMetrics.R2(Actual.Select(a => -a).ToArray(), Actual) < 0);
        // Constant target: 1 when perfect, 0 otherwise (scikit-learn's force_finite).
        Assert.Equal(1.0, RegressionMetrics.R2([2.0, 2.0], [2.0, 2.0]));
        Assert.Equal(0.0, RegressionMetrics.R2([2.0, 3.0], [2.0, 2.0]));
    }

    [Fact]
    public void MismatchedLengths_Throw()
    {
        Assert.Throws<ArgumentException>(() => RegressionMetrics.MeanSquaredError([1.0, 2.0], [1.0]));
        Assert.Throws<ArgumentException>(() => RegressionMetrics.MeanAbsoluteError([], []));
        Assert.Throws<ShapeMismatchException>(() => RegressionMetrics.R2(Tensor<double>.Zeros(3), Tensor<double>.Zeros(4)));
    }
}
