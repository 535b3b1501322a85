namespace Tutorial.Data.Sampling;

/// <summary>Which rows go to training, validation and test: three disjoint index sets that together cover 0 … N−1.</summary>
public sealed record SplitIndices(int[] Train, int[] Validation, int[] Test)
{
    /// <summary>E.g. <c>train 105, validation 15, test 30</c>.</summary>
    public override string ToString() => $"train {Train.Length}, validation {Validation.Length}, test {Test.Length}";
}
