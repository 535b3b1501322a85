using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Sampling;

/// <summary>
/// Seeded train / validation / test splits. Part sizes are rounded half away from zero:
/// test = round(N·testFraction), validation = round(N·validationFraction), train = the rest.
/// A stratified split does this per class (each class c contributes round(N_c·fraction) to a part),
/// so every part keeps the class proportions of the whole. The same <see cref="Rng"/> seed gives the
/// same split; each part lists its rows in random order.
/// </summary>
public static class Splits
{
    /// <summary>A random split of rows 0 … <paramref name="count"/>−1.</summary>
    public static SplitIndices Random(int count, double validationFraction, double testFraction, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), $"The number of rows must be ≥ 0, got {count}.");
        CheckFractions(validationFraction, testFraction);
        int[] order = rng.Permutation(count);
        int nTest = Part(count, testFraction);
        int nVal = Part(count, validationFraction);
        return new SplitIndices(order[(nTest + nVal)..], order[nTest..(nTest + nVal)], order[..nTest]);
    }

    /// <summary>A split that keeps the class proportions of <paramref name="labels"/> in every part.</summary>
    public static SplitIndices Stratified(IReadOnlyList<int> labels, double validationFraction, double testFraction, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(rng);
        CheckFractions(validationFraction, testFraction);
        var byClass = new SortedDictionary<int, List<int>>();
        for (int i = 0; i < labels.Count; i++)
        {
            if (!byClass.TryGetValue(labels[i], out var list)) byClass[labels[i]] = list = [];
            list.Add(i);
        }
        var train = new List<int>();
        var validation = new List<int>();
        var test = new List<int>();
        foreach (var (_, members) in byClass)
        {
            int[] m = [.. members];
            rng.Shuffle(m.AsSpan());
            int nTest = Part(m.Length, testFraction);
            int nVal = Part(m.Length, validationFraction);
            test.AddRange(m[..nTest]);
            validation.AddRange(m[nTest..(nTest + nVal)]);
            train.AddRange(m[(nTest + nVal)..]);
        }
        int[] tr = [.. train], va = [.. validation], te = [.. test];
        rng.Shuffle(tr.AsSpan());
        rng.Shuffle(va.AsSpan());
        rng.Shuffle(te.AsSpan());
        return new SplitIndices(tr, va, te);
    }

    /// <summary>Splits a labeled dataset into training, validation and test copies, optionally stratified by label.</summary>
    public static DatasetSplit<T> Split<T>(LabeledDataset<T> data, double validationFraction, double testFraction, Rng rng, bool stratified = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(data);
        var s = stratified
            ? Stratified(data.Labels, validationFraction, testFraction, rng)
            : Random(data.Count, validationFraction, testFraction, rng);
        return new DatasetSplit<T>(data.Subset(s.Train, $"{data.Name}-train"), data.Subset(s.Validation, $"{data.Name}-validation"),
            data.Subset(s.Test, $"{data.Name}-test"));
    }

    /// <summary>Splits a labeled dataset into training and test copies (no validation part).</summary>
    public static (LabeledDataset<T> Train, LabeledDataset<T> Test) TrainTest<T>(LabeledDataset<T> data, double testFraction, Rng rng, bool stratified = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = Split(data, 0, testFraction, rng, stratified);
        return (s.Train, s.Test);
    }

    /// <summary>The rows of <paramref name="x"/> for each part of <paramref name="split"/> (copies).</summary>
    public static (Tensor<T> Train, Tensor<T> Validation, Tensor<T> Test) Apply<T>(Tensor<T> x, SplitIndices split)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(split);
        return (TensorRows.Take(x, split.Train), TensorRows.Take(x, split.Validation), TensorRows.Take(x, split.Test));
    }

    private static int Part(int count, double fraction) => (int)Math.Round(count * fraction, MidpointRounding.AwayFromZero);

    private static void CheckFractions(double validation, double test)
    {
        if (!(validation >= 0 && validation < 1)) throw new ArgumentOutOfRangeException(nameof(validation), $"The validation fraction must be in [0, 1), got {validation}.");
        if (!(test >= 0 && test < 1)) throw new ArgumentOutOfRangeException(nameof(test), $"The test fraction must be in [0, 1), got {test}.");
        if (!(validation + test < 1))
            throw new ArgumentException($"Validation ({validation}) and test ({test}) fractions add up to {validation + test}; they must leave rows for training (sum < 1).");
    }
}
