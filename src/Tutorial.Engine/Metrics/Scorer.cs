using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Metrics;

/// <summary>
/// A named score of a model's predictions against targets, used by <see cref="CrossValidation"/> and
/// <see cref="GridSearch"/>. <see cref="HigherIsBetter"/> tells how to rank results.
/// </summary>
/// <param name="Name">E.g. <c>accuracy</c> or <c>rmse</c>.</param>
/// <param name="HigherIsBetter">True for accuracy, F1 and R²; false for errors.</param>
/// <param name="Compute">(predictions, targets) → score; predictions are the model's outputs (e.g. logits (N, K)).</param>
public sealed record Scorer<T>(string Name, bool HigherIsBetter, Func<Tensor<T>, Tensor<T>, double> Compute)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Classification accuracy (arg max of each row against class targets).</summary>
    public static Scorer<T> Accuracy { get; } = new("accuracy", true, (p, t) => ClassificationMetrics.Accuracy(p, t));

    /// <summary>Macro-averaged F1 (arg max of each row against class targets).</summary>
    public static Scorer<T> MacroF1 { get; } = new("macro_f1", true, (p, t) => ConfusionMatrix.From(p, t).MacroF1);

    /// <summary>Mean squared error.</summary>
    public static Scorer<T> MeanSquaredError { get; } = new("mse", false, RegressionMetrics.MeanSquaredError);

    /// <summary>Root mean squared error.</summary>
    public static Scorer<T> RootMeanSquaredError { get; } = new("rmse", false, RegressionMetrics.RootMeanSquaredError);

    /// <summary>Mean absolute error.</summary>
    public static Scorer<T> MeanAbsoluteError { get; } = new("mae", false, RegressionMetrics.MeanAbsoluteError);

    /// <summary>Coefficient of determination R².</summary>
    public static Scorer<T> R2 { get; } = new("r2", true, RegressionMetrics.R2);

    public override string ToString() => Name;
}
