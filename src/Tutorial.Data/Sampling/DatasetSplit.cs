using System.Numerics;

namespace Tutorial.Data.Sampling;

/// <summary>A labeled dataset split into training, validation and test parts (copies).</summary>
public sealed record DatasetSplit<T>(LabeledDataset<T> Train, LabeledDataset<T> Validation, LabeledDataset<T> Test)
    where T : unmanaged, IFloatingPointIeee754<T>;
