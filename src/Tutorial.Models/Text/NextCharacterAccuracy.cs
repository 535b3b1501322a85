using Tutorial.Engine.Tensors;
using Tutorial.Engine.Training;

namespace Tutorial.Models.Text;

/// <summary>
/// The fraction of sequence positions where the highest-scoring character is the one that comes next.
/// <code>prediction: (N, T, V) scores   target: (N, T) character ids</code>
/// </summary>
public sealed class NextCharacterAccuracy : TrainingMetric<float>
{
    public override string Name => "accuracy";

    public override bool HigherIsBetter => true;

    public override (double Sum, int Count) Measure(Tensor<float> prediction, Tensor<float> target)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        if (prediction.Rank != 3 || target.Rank != 2 || prediction.Dim(0) != target.Dim(0) || prediction.Dim(1) != target.Dim(1))
            throw new ShapeMismatchException($"NextCharacterAccuracy needs scores (N, T, V) and targets (N, T), got {prediction.Shape} and {target.Shape}.");
        int positions = target.Length, v = prediction.Dim(2);
        var p = prediction.Span;
        var y = target.Span;
        int correct = 0;
        for (int i = 0; i < positions; i++)
        {
            var row = p.Slice(i * v, v);
            int best = 0;
            for (int k = 1; k < v; k++)
                if (row[k] > row[best]) best = k;
            if (best == (int)y[i]) correct++;
        }
        return (correct, positions);
    }
}
