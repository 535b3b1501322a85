namespace Tutorial.Models;

/// <summary>
/// The held-out evaluation of a trained model: exactly one part is set, matching the recipe's <see cref="ModelTask"/>.
/// </summary>
public sealed record ModelEvaluation(ClassificationSummary? Classification = null, RegressionSummary? Regression = null, TextSummary? Text = null);
