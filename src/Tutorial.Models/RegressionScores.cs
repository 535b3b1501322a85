using System.Globalization;
using Tutorial.Engine.Metrics;

namespace Tutorial.Models;

/// <summary>
/// The error measures of one set of predictions, in the target's units (see <see cref="RegressionMetrics"/>):
/// MSE = mean (ŷ − y)², RMSE = √MSE, MAE = mean |ŷ − y|, R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)².
/// </summary>
public sealed record RegressionScores(double Mse, double Rmse, double Mae, double R2)
{
    /// <summary>Scores <paramref name="predicted"/> against <paramref name="actual"/>.</summary>
    public static RegressionScores Of(ReadOnlySpan<double> predicted, ReadOnlySpan<double> actual) =>
        new(RegressionMetrics.MeanSquaredError(predicted, actual), RegressionMetrics.RootMeanSquaredError(predicted, actual),
            RegressionMetrics.MeanAbsoluteError(predicted, actual), RegressionMetrics.R2(predicted, actual));

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"MSE {Mse:0.###}, RMSE {Rmse:0.###}, MAE {Mae:0.###}, R² {R2:0.####}");
}
