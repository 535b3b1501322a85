using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Metrics;

/// <summary>
/// Error measures for regression, over all M elements of a prediction ŷ and a target y of the same size:
/// <code>
/// MSE  = (1/M) Σ (ŷᵢ − yᵢ)²
/// RMSE = √MSE                         (in the target's units)
/// MAE  = (1/M) Σ |ŷᵢ − yᵢ|
/// R²   = 1 − Σ (yᵢ − ŷᵢ)² / Σ (yᵢ − ȳ)²  (1 is perfect, 0 is as good as predicting the mean ȳ, negative is worse)
/// </code>
/// Sums are taken in double whatever T is. For R² with a constant target (Σ (yᵢ − ȳ)² = 0) the result is
/// 1 for a perfect prediction and 0 otherwise, as scikit-learn's <c>r2_score</c> (force_finite=True).
/// </summary>
public static class RegressionMetrics
{
    public static double MeanSquaredError(ReadOnlySpan<double> predicted, ReadOnlySpan<double> actual)
    {
        Check(predicted.Length, actual.Length);
        double s = 0;
        for (int i = 0; i < predicted.Length; i++)
        {
            double d = predicted[i] - actual[i];
            s += d * d;
        }
        return s / predicted.Length;
    }

    public static double RootMeanSquaredError(ReadOnlySpan<double> predicted, ReadOnlySpan<double> actual) =>
        Math.Sqrt(MeanSquaredError(predicted, actual));

    public static double MeanAbsoluteError(ReadOnlySpan<double> predicted, ReadOnlySpan<double> actual)
    {
        Check(predicted.Length, actual.Length);
        double s = 0;
        for (int i = 0; i < predicted.Length; i++) s += Math.Abs(predicted[i] - actual[i]);
        return s / predicted.Length;
    }

    public static double R2(ReadOnlySpan<double> predicted, ReadOnlySpan<double> actual)
    {
        Check(predicted.Length, actual.Length);
        double mean = 0;
        foreach (double a in actual) mean += a;
        mean /= actual.Length;
        double residual = 0, total = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            double r = actual[i] - predicted[i];
            double t = actual[i] - mean;
            residual += r * r;
            total += t * t;
        }
        if (total == 0) return residual == 0 ? 1.0 : 0.0;
        return 1 - residual / total;
    }

    public static double MeanSquaredError<T>(Tensor<T> predicted, Tensor<T> actual) where T : unmanaged, IFloatingPointIeee754<T> =>
        MeanSquaredError(ToDoubles(predicted, actual, "MSE", out var a), a);

    public static double RootMeanSquaredError<T>(Tensor<T> predicted, Tensor<T> actual) where T : unmanaged, IFloatingPointIeee754<T> =>
        RootMeanSquaredError(ToDoubles(predicted, actual, "RMSE", out var a), a);

    public static double MeanAbsoluteError<T>(Tensor<T> predicted, Tensor<T> actual) where T : unmanaged, IFloatingPointIeee754<T> =>
        MeanAbsoluteError(ToDoubles(predicted, actual, "MAE", out var a), a);

    public static double R2<T>(Tensor<T> predicted, Tensor<T> actual) where T : unmanaged, IFloatingPointIeee754<T> =>
        R2(ToDoubles(predicted, actual, "R²", out var a), a);

    private static double[] ToDoubles<T>(Tensor<T> predicted, Tensor<T> actual, string what, out double[] actualValues)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(actual);
        if (predicted.Length != actual.Length)
            throw new ShapeMismatchException($"{what} got predictions of shape {predicted.Shape} and targets of shape {actual.Shape}; they must have the same number of elements.");
        actualValues = actual.Cast<double>().ToArray();
        return predicted.Cast<double>().ToArray();
    }

    private static void Check(int predicted, int actual)
    {
        if (predicted != actual) throw new ArgumentException($"{predicted} predictions but {actual} targets; they must pair up.");
        if (predicted == 0) throw new ArgumentException("A regression metric needs at least one value.");
    }
}
