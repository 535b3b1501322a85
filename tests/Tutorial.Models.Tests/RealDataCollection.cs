namespace Tutorial.Models.Tests;

/// <summary>
/// The tests that train on the shipped datasets run one after another, never beside each other: each takes
/// both cores for tens of seconds, and running them together would only make every one slower.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealDataCollection
{
    public const string Name = "Training on real data";
}
