namespace Tutorial.Models;

/// <summary>How a forecaster did on held-out data, next to a naive baseline on the same targets.</summary>
/// <param name="Samples">Number of held-out targets.</param>
/// <param name="HeldOut">What the held-out targets are, e.g. <c>years 1950 … 2008</c>.</param>
/// <param name="Model">The model's scores, in the target's units.</param>
/// <param name="BaselineName">The baseline, e.g. <c>predict the last value</c>.</param>
/// <param name="Baseline">The baseline's scores on the same targets.</param>
/// <param name="Predictions">The model's predictions, one per held-out target, in order.</param>
/// <param name="Actual">The held-out targets, in order.</param>
public sealed record RegressionSummary(
    int Samples,
    string HeldOut,
    RegressionScores Model,
    string BaselineName,
    RegressionScores Baseline,
    IReadOnlyList<double> Predictions,
    IReadOnlyList<double> Actual)
{
    /// <summary>True when the model's RMSE is below the baseline's.</summary>
    public bool BeatsBaseline => Model.Rmse < Baseline.Rmse;
}
