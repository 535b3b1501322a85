using System.Numerics;
using Tutorial.Engine.Metrics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Notebooks.Formatting;

/// <summary>
/// Precision, recall, F1 and support per class, then accuracy and the macro and weighted averages, like
/// scikit-learn's <c>classification_report</c>; displayed as a table with a bar behind each score.
/// All numbers come from the <see cref="ConfusionMatrix"/> it wraps.
/// <code>
/// display(ClassificationReport.Of(scores, targets, ["setosa", "versicolor", "virginica"]))
/// </code>
/// </summary>
public sealed class ClassificationReport
{
    private ClassificationReport(ConfusionMatrix matrix) => Matrix = matrix;

    /// <summary>The report of a confusion matrix.</summary>
    public static ClassificationReport Of(ConfusionMatrix matrix) => new(matrix ?? throw new ArgumentNullException(nameof(matrix)));

    /// <summary>The report of scores (N, K) (arg max per row) against class targets (N).</summary>
    public static ClassificationReport Of<T>(Tensor<T> scores, Tensor<T> targets, IReadOnlyList<string>? classNames = null)
        where T : unmanaged, IFloatingPointIeee754<T> => new(ConfusionMatrix.From(scores, targets, classNames));

    /// <summary>The counts behind the report.</summary>
    public ConfusionMatrix Matrix { get; }

    /// <summary>The scikit-learn-style text table.</summary>
    public override string ToString() => Matrix.Report();
}
