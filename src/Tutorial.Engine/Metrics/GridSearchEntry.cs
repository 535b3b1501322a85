namespace Tutorial.Engine.Metrics;

/// <summary>One candidate of a grid search and its score.</summary>
/// <param name="Parameters">The hyperparameters tried.</param>
/// <param name="Score">The score (for cross-validation, the mean over folds).</param>
/// <param name="Std">The standard deviation over folds, or null when the score came from a single evaluation.</param>
/// <param name="Rank">1 for the best candidate.</param>
public sealed record GridSearchEntry<TParams>(TParams Parameters, double Score, double? Std, int Rank);
