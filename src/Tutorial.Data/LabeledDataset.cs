using System.Numerics;
using Tutorial.Data.Preprocessing;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data;

/// <summary>
/// Samples with a class label each: features <see cref="X"/> of shape <c>(N, …)</c> and labels
/// 0 … K−1, both as an <c>int[]</c> (<see cref="Labels"/>) and as the <c>(N,)</c> tensor of class
/// indices that <c>SoftmaxCrossEntropy</c> takes as its target (<see cref="Y"/>).
/// </summary>
public sealed class LabeledDataset<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int[] _labels;
    private readonly string[] _classNames;
    private readonly string[]? _featureNames;

    /// <summary>
    /// Wraps the features (no copy) and copies the labels. Every label must be a class index in 0 … classNames.Count−1,
    /// and <paramref name="x"/> must have one row per label.
    /// </summary>
    public LabeledDataset(Tensor<T> x, int[] labels, IReadOnlyList<string> classNames, IReadOnlyList<string>? featureNames = null, string name = "dataset")
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classNames);
        if (x.Rank == 0 || x.N != labels.Length)
            throw new ShapeMismatchException($"{name}: features of shape {x.Shape} do not have one row per label ({labels.Length} labels).");
        if (classNames.Count == 0) throw new ArgumentException($"{name}: a labeled dataset needs at least one class name.", nameof(classNames));
        for (int i = 0; i < labels.Length; i++)
            if ((uint)labels[i] >= (uint)classNames.Count)
                throw new ArgumentException($"{name}: label {labels[i]} of sample {i} is not a class index in 0 … {classNames.Count - 1}.", nameof(labels));
        if (featureNames is not null && x.Rank == 2 && featureNames.Count != x.Cols)
            throw new ArgumentException($"{name}: {featureNames.Count} feature names for features of shape {x.Shape}.", nameof(featureNames));

        X = x;
        _labels = (int[])labels.Clone();
        Labels = Array.AsReadOnly(_labels);
        _classNames = [.. classNames];
        _featureNames = featureNames is null ? null : [.. featureNames];
        Name = name;
        Y = new Tensor<T>(labels.Length);
        var y = Y.Span;
        for (int i = 0; i < labels.Length; i++) y[i] = T.CreateChecked(labels[i]);
    }

    /// <summary>A short name for messages and displays, e.g. <c>mnist-train</c>.</summary>
    public string Name { get; }

    /// <summary>Features, <c>(N, …)</c>: e.g. <c>(N, 1, 28, 28)</c> images or <c>(N, D)</c> measurements.</summary>
    public Tensor<T> X { get; }

    /// <summary>Class indices as a tensor of shape <c>(N,)</c> (the target of SoftmaxCrossEntropy).</summary>
    public Tensor<T> Y { get; }

    /// <summary>Class indices 0 … K−1, one per sample (read-only; <see cref="LabelArray"/> copies them).</summary>
    public IReadOnlyList<int> Labels { get; }

    /// <summary>Class indices as a new array.</summary>
    public int[] LabelArray() => (int[])_labels.Clone();

    /// <summary>Class names, indexed by label (K of them).</summary>
    public IReadOnlyList<string> ClassNames => _classNames;

    /// <summary>Names of the columns of a <c>(N, D)</c> <see cref="X"/>, when known (e.g. iris).</summary>
    public IReadOnlyList<string>? FeatureNames => _featureNames;

    /// <summary>Number of samples N.</summary>
    public int Count => _labels.Length;

    /// <summary>Number of classes K.</summary>
    public int NumClasses => _classNames.Length;

    /// <summary>The class name of sample <paramref name="i"/>.</summary>
    public string ClassNameOf(int i) => _classNames[_labels[i]];

    /// <summary>How many samples each class has, indexed by label.</summary>
    public int[] ClassCounts()
    {
        var counts = new int[NumClasses];
        foreach (int label in _labels) counts[label]++;
        return counts;
    }

    /// <summary>Labels one-hot encoded, <c>(N, K)</c>.</summary>
    public Tensor<T> OneHotY() => OneHot.Encode<T>(_labels, NumClasses);

    /// <summary>The samples at <paramref name="indices"/>, in that order, copied into a new dataset.</summary>
    public LabeledDataset<T> Subset(ReadOnlySpan<int> indices, string? name = null)
    {
        var labels = new int[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            if ((uint)indices[i] >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(indices), $"{Name}: sample index {indices[i]} is outside 0 … {Count - 1}.");
            labels[i] = _labels[indices[i]];
        }
        return new LabeledDataset<T>(TensorRows.Take(X, indices), labels, _classNames, _featureNames, name ?? Name);
    }

    /// <summary>The same labels with new features of the same row count (e.g. after standardising <see cref="X"/>).</summary>
    public LabeledDataset<T> WithX(Tensor<T> x) => new(x, _labels, _classNames, _featureNames, Name);

    /// <summary>E.g. <c>mnist-train: 8000 samples, X (8000, 1, 28, 28), 10 classes</c>.</summary>
    public override string ToString() => $"{Name}: {Count} samples, X {X.Shape}, {NumClasses} classes";
}
