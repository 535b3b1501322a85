namespace Tutorial.Engine.Metrics;

/// <summary>One split of k-fold cross-validation: the sample indices to train on and the held-out ones to score.</summary>
/// <param name="Index">0-based fold number.</param>
/// <param name="TrainIndices">Indices of the training samples (every sample not in this fold), ascending.</param>
/// <param name="TestIndices">Indices of the held-out samples, ascending.</param>
public sealed record Fold(int Index, int[] TrainIndices, int[] TestIndices);
