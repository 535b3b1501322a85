using System.Globalization;
using System.Text;

namespace Tutorial.Engine.Metrics;

/// <summary>
/// Per-fold scores of k-fold cross-validation and their summary:
/// <code>mean = (1/k) Σ sᵢ      std = √((1/k) Σ (sᵢ − mean)²)   (population standard deviation, as numpy's std())</code>
/// </summary>
public sealed class CrossValidationResult(string metric, bool higherIsBetter, IReadOnlyList<FoldResult> folds)
{
    /// <summary>The name of the score (e.g. <c>accuracy</c>).</summary>
    public string Metric { get; } = metric;

    /// <summary>Whether a larger score is better.</summary>
    public bool HigherIsBetter { get; } = higherIsBetter;

    /// <summary>One result per fold, in fold order.</summary>
    public IReadOnlyList<FoldResult> Folds { get; } = folds;

    /// <summary>The held-out score of each fold.</summary>
    public IReadOnlyList<double> Scores => Folds.Select(f => f.Score).ToArray();

    /// <summary>Mean of the fold scores.</summary>
    public double Mean => Scores.Average();

    /// <summary>Population standard deviation of the fold scores.</summary>
    public double Std
    {
        get
        {
            double mean = Mean;
            return Math.Sqrt(Scores.Sum(s => (s - mean) * (s - mean)) / Scores.Count);
        }
    }

    /// <summary>E.g. <c>accuracy: 0.9500 ± 0.0200 over 5 folds (0.9333, 0.9667, …)</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{Metric}: {Mean:0.0000} ± {Std:0.0000} over {Folds.Count} folds (");
        sb.Append(string.Join(", ", Scores.Select(s => s.ToString("0.0000", CultureInfo.InvariantCulture))));
        sb.Append(')');
        return sb.ToString();
    }
}
