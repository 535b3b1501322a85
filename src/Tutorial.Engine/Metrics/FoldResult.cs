using Tutorial.Engine.Training;

namespace Tutorial.Engine.Metrics;

/// <summary>The outcome of one fold: its split, the held-out score and the training history.</summary>
public sealed record FoldResult(Fold Fold, double Score, History History);
