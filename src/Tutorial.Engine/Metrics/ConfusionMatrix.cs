using System.Globalization;
using System.Numerics;
using System.Text;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Metrics;

/// <summary>
/// Counts of (actual class, predicted class) pairs, with the classification metrics derived from them.
/// Rows are the actual class, columns the predicted class (scikit-learn's convention), so for class c:
/// <code>
/// TP = M[c, c]          FN = Σⱼ M[c, j] − TP   (row c without the diagonal)
///                       FP = Σᵢ M[i, c] − TP   (column c without the diagonal)
/// precision = TP / (TP + FP)     recall = TP / (TP + FN)     F1 = 2·P·R / (P + R) = 2TP / (2TP + FP + FN)
/// accuracy  = Σ diagonal / total
/// macro average = the unweighted mean over classes (macro F1 is the mean of per-class F1, as in scikit-learn)
/// weighted average = the mean over classes weighted by support (the number of actual samples of the class)
/// </code>
/// A ratio whose denominator is 0 (a class never predicted, or never present) is 0, as scikit-learn's
/// <c>zero_division=0</c>.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly int[,] _counts;

    /// <summary>An empty matrix for <paramref name="classes"/> classes, optionally with their names.</summary>
    public ConfusionMatrix(int classes, IReadOnlyList<string>? classNames = null)
    {
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), $"A confusion matrix needs at least 1 class, got {classes}.");
        if (classNames is not null && classNames.Count != classes)
            throw new ArgumentException($"{classNames.Count} class names were given for {classes} classes.", nameof(classNames));
        Classes = classes;
        ClassNames = classNames?.ToArray() ?? Enumerable.Range(0, classes).Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray();
        _counts = new int[classes, classes];
    }

    /// <summary>
    /// Counts the pairs (actual[i], predicted[i]). The number of classes defaults to one more than the largest label seen.
    /// </summary>
    public static ConfusionMatrix From(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, int? classes = null, IReadOnlyList<string>? classNames = null)
    {
        if (actual.Length != predicted.Length)
            throw new ArgumentException($"{actual.Length} actual labels but {predicted.Length} predicted labels; they must pair up.");
        int k = classes ?? classNames?.Count ?? 0;
        if (classes is null && classNames is null)
        {
            foreach (int a in actual) k = Math.Max(k, a + 1);
            foreach (int p in predicted) k = Math.Max(k, p + 1);
            k = Math.Max(k, 1);
        }
        var m = new ConfusionMatrix(k, classNames);
        for (int i = 0; i < actual.Length; i++) m.Add(actual[i], predicted[i]);
        return m;
    }

    /// <summary>
    /// From network outputs and class targets: predicted = arg max of each row of <paramref name="scores"/> (N, K)
    /// (or score &gt; <paramref name="threshold"/> for a single column), actual = <paramref name="targets"/> (N).
    /// The number of classes is K (2 for a single column) unless names are given.
    /// </summary>
    public static ConfusionMatrix From<T>(Tensor<T> scores, Tensor<T> targets, IReadOnlyList<string>? classNames = null, double threshold = 0.5)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(scores);
        int k = scores.Rank == 2 && scores.Cols > 1 ? scores.Cols : 2;
        return From(Predictions.Labels(targets), Predictions.ArgMax(scores, threshold), classNames?.Count ?? k, classNames);
    }

    /// <summary>Number of classes K (the matrix is K × K).</summary>
    public int Classes { get; }

    /// <summary>The class names used in tables (the indices as text when none were given).</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>How many samples of class <paramref name="actual"/> were predicted as <paramref name="predicted"/>.</summary>
    public int this[int actual, int predicted] => _counts[CheckClass(actual, nameof(actual)), CheckClass(predicted, nameof(predicted))];

    /// <summary>Counts one more sample.</summary>
    public void Add(int actual, int predicted) => _counts[CheckClass(actual, nameof(actual)), CheckClass(predicted, nameof(predicted))]++;

    /// <summary>The counts as a new K × K array (rows actual, columns predicted).</summary>
    public int[,] ToArray() => (int[,])_counts.Clone();

    /// <summary>Number of samples counted.</summary>
    public int Total
    {
        get
        {
            int t = 0;
            foreach (int c in _counts) t += c;
            return t;
        }
    }

    /// <summary>Samples on the diagonal (predicted correctly).</summary>
    public int Correct
    {
        get
        {
            int t = 0;
            for (int c = 0; c < Classes; c++) t += _counts[c, c];
            return t;
        }
    }

    /// <summary>Correct / Total (0 for an empty matrix).</summary>
    public double Accuracy => Ratio(Correct, Total);

    public int TruePositives(int c) => _counts[CheckClass(c, nameof(c)), c];

    /// <summary>Samples of another class predicted as <paramref name="c"/> (column c off the diagonal).</summary>
    public int FalsePositives(int c)
    {
        CheckClass(c, nameof(c));
        int s = 0;
        for (int i = 0; i < Classes; i++) if (i != c) s += _counts[i, c];
        return s;
    }

    /// <summary>Samples of class <paramref name="c"/> predicted as another class (row c off the diagonal).</summary>
    public int FalseNegatives(int c)
    {
        CheckClass(c, nameof(c));
        int s = 0;
        for (int j = 0; j < Classes; j++) if (j != c) s += _counts[c, j];
        return s;
    }

    /// <summary>Samples neither of class <paramref name="c"/> nor predicted as it.</summary>
    public int TrueNegatives(int c) => Total - TruePositives(c) - FalsePositives(c) - FalseNegatives(c);

    /// <summary>Samples whose actual class is <paramref name="c"/> (row sum).</summary>
    public int Support(int c) => TruePositives(c) + FalseNegatives(c);

    /// <summary>TP / (TP + FP): of the samples predicted as c, the fraction that are c.</summary>
    public double Precision(int c) => Ratio(TruePositives(c), TruePositives(c) + FalsePositives(c));

    /// <summary>TP / (TP + FN): of the samples of class c, the fraction found.</summary>
    public double Recall(int c) => Ratio(TruePositives(c), TruePositives(c) + FalseNegatives(c));

    /// <summary>2TP / (2TP + FP + FN), the harmonic mean of precision and recall.</summary>
    public double F1(int c) => Ratio(2 * TruePositives(c), 2 * TruePositives(c) + FalsePositives(c) + FalseNegatives(c));

    /// <summary>Precision of every class.</summary>
    public double[] Precisions => PerClass(Precision);

    /// <summary>Recall of every class.</summary>
    public double[] Recalls => PerClass(Recall);

    /// <summary>F1 of every class.</summary>
    public double[] F1Scores => PerClass(F1);

    /// <summary>Unweighted mean of the per-class precisions.</summary>
    public double MacroPrecision => Precisions.Average();

    /// <summary>Unweighted mean of the per-class recalls.</summary>
    public double MacroRecall => Recalls.Average();

    /// <summary>Unweighted mean of the per-class F1 scores.</summary>
    public double MacroF1 => F1Scores.Average();

    /// <summary>Mean of the per-class F1 scores weighted by support.</summary>
    public double WeightedF1
    {
        get
        {
            double total = Total;
            if (total == 0) return 0;
            double s = 0;
            for (int c = 0; c < Classes; c++) s += Support(c) * F1(c);
            return s / total;
        }
    }

    /// <summary>Each row divided by its sum: entry (a, p) is the fraction of class a predicted as p (rows of zeros stay zero).</summary>
    public double[,] NormalizedByRow()
    {
        var r = new double[Classes, Classes];
        for (int a = 0; a < Classes; a++)
        {
            int support = Support(a);
            for (int p = 0; p < Classes; p++) r[a, p] = Ratio(_counts[a, p], support);
        }
        return r;
    }

    /// <summary>
    /// The counts as a text table, actual classes down, predicted across:
    /// <code>
    /// actual \ predicted  cat  dog
    ///                cat    5    1
    ///                dog    2    3
    /// </code>
    /// </summary>
    public override string ToString()
    {
        var rows = new List<string[]>();
        var header = new List<string> { "actual \\ predicted" };
        header.AddRange(ClassNames);
        rows.Add(header.ToArray());
        for (int a = 0; a < Classes; a++)
        {
            var row = new List<string> { ClassNames[a] };
            for (int p = 0; p < Classes; p++) row.Add(_counts[a, p].ToString(CultureInfo.InvariantCulture));
            rows.Add(row.ToArray());
        }
        return Table(rows);
    }

    /// <summary>
    /// Per-class precision, recall, F1 and support, then accuracy and the macro and weighted averages,
    /// laid out like scikit-learn's <c>classification_report</c>.
    /// </summary>
    public string Report()
    {
        var rows = new List<string[]> { new[] { "", "precision", "recall", "f1-score", "support" } };
        for (int c = 0; c < Classes; c++)
            rows.Add([ClassNames[c], F(Precision(c)), F(Recall(c)), F(F1(c)), Support(c).ToString(CultureInfo.InvariantCulture)]);
        string total = Total.ToString(CultureInfo.InvariantCulture);
        rows.Add(["accuracy", "", "", F(Accuracy), total]);
        rows.Add(["macro avg", F(MacroPrecision), F(MacroRecall), F(MacroF1), total]);
        rows.Add(["weighted avg", F(Weighted(Precision)), F(Weighted(Recall)), F(WeightedF1), total]);
        return Table(rows);
    }

    private double Weighted(Func<int, double> metric)
    {
        double total = Total;
        if (total == 0) return 0;
        double s = 0;
        for (int c = 0; c < Classes; c++) s += Support(c) * metric(c);
        return s / total;
    }

    private double[] PerClass(Func<int, double> metric) => Enumerable.Range(0, Classes).Select(metric).ToArray();

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? 0 : numerator / (double)denominator;

    private static string F(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Table(List<string[]> rows)
    {
        int columns = rows[0].Length;
        var widths = Enumerable.Range(0, columns).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var sb = new StringBuilder();
        foreach (var r in rows)
            sb.Append(string.Join("  ", r.Select((cell, c) => cell.PadLeft(widths[c]))).TrimEnd()).Append('\n');
        return sb.ToString();
    }

    private int CheckClass(int c, string name) =>
        (uint)c < (uint)Classes ? c : throw new ArgumentOutOfRangeException(name, $"Class {c} is outside 0 … {Classes - 1} of this {Classes}-class confusion matrix.");
}
