using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Training;

/// <summary>
/// Mean absolute error for regression, averaged over every element: MAE = (1/M) Σᵢ |ŷᵢ − yᵢ|.
/// <code>prediction and target: the same shape, e.g. (N, D); M = N·D</code>
/// </summary>
public sealed class MeanAbsoluteErrorMetric<T> : TrainingMetric<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public override string Name => "mae";

    public override bool HigherIsBetter => false;

    public override (double Sum, int Count) Measure(Tensor<T> prediction, Tensor<T> target)
    {
        if (prediction.Length != target.Length)
            throw new ShapeMismatchException($"mae got prediction of shape {prediction.Shape} and target of shape {target.Shape}; they must have the same number of elements.");
        var p = prediction.Span;
        var t = target.Span;
        double sum = 0;
        for (int i = 0; i < p.Length; i++) sum += Math.Abs(double.CreateChecked(p[i]) - double.CreateChecked(t[i]));
        return (sum, p.Length);
    }
}
