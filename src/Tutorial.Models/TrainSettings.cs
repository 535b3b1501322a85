using System.Globalization;

namespace Tutorial.Models;

/// <summary>
/// The knobs of one training run of a <see cref="ModelRecipe"/>. Every recipe has its own defaults
/// (<see cref="ModelRecipe.Defaults"/>), the values <c>tutorial train</c> uses when no option is given.
/// </summary>
public sealed record TrainSettings
{
    /// <summary>Passes over the training data (≥ 1).</summary>
    public required int Epochs { get; init; }

    /// <summary>Samples per mini-batch (≥ 1).</summary>
    public required int BatchSize { get; init; }

    /// <summary>The optimizer's step size η (&gt; 0).</summary>
    public required double LearningRate { get; init; }

    /// <summary>Seeds the weights, the data split, the shuffling and the text sampling: the same seed gives the same run.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>
    /// Use at most this many training samples (a seeded random subset), or null for all of them. Shortens a
    /// run for a quick look or a test; the validation and test data stay the same.
    /// </summary>
    public int? TrainSamples { get; init; }

    /// <summary>Every problem with the values, as sentences that name the option; empty when they are valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Epochs < 1) problems.Add(string.Create(CultureInfo.InvariantCulture, $"epochs must be at least 1, got {Epochs}."));
        if (BatchSize < 1) problems.Add(string.Create(CultureInfo.InvariantCulture, $"batch size must be at least 1, got {BatchSize}."));
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"learning rate must be positive and finite, got {LearningRate}."));
        if (TrainSamples is < 1) problems.Add(string.Create(CultureInfo.InvariantCulture, $"train samples must be at least 1, got {TrainSamples}."));
        return problems;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> listing <see cref="Problems"/> when there are any.</summary>
    public void Validate()
    {
        var problems = Problems();
        if (problems.Count > 0) throw new ArgumentException($"Invalid training settings: {string.Join(" ", problems)}");
    }

    /// <summary>E.g. <c>epochs 3, batch size 32, learning rate 0.001, seed 1</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"epochs {Epochs}, batch size {BatchSize}, learning rate {LearningRate:G4}, seed {Seed}") +
        (TrainSamples is int n ? string.Create(CultureInfo.InvariantCulture, $", at most {n} training samples") : "");
}
