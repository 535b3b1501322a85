using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Losses;

/// <summary>
/// Softmax followed by cross-entropy, fused and numerically stable, from logits and integer class targets
/// (PyTorch's <c>cross_entropy</c> / <c>CrossEntropyLoss</c> with mean reduction).
/// <code>
/// z: (N, K) logits     y: (N) or (N, 1) class indices 0 … K−1 (stored as T)     L: scalar
/// pₙ = softmax(zₙ),   softmax(z)ₖ = exp(zₖ − m) / Σⱼ exp(zⱼ − m),  m = maxⱼ zⱼ
/// L  = −(1/N) Σₙ log pₙ[yₙ] = (1/N) Σₙ (log Σⱼ exp(zₙⱼ − m) − (zₙ[yₙ] − m))
/// dZ = ∂L/∂z = (p − onehot(y)) / N        dZ: (N, K)
/// </code>
/// Subtracting the row maximum m changes nothing mathematically but keeps exp from overflowing
/// (logits of 1000 are fine).
/// </summary>
public sealed class SoftmaxCrossEntropy<T> : Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _probabilities;
    private int[]? _targets;

    /// <summary>The softmax probabilities of the last Forward, (N, K).</summary>
    public Tensor<T>? Probabilities => _probabilities;

    public override T Forward(Tensor<T> prediction, Tensor<T> target)
    {
        var targets = ClassTargets.Read(ToString(), prediction, target);
        int n = prediction.Rows, k = prediction.Cols;
        var p = new Tensor<T>(n, k);
        var z = prediction.Span;
        var ps = p.Span;
        T total = T.Zero;
        for (int i = 0; i < n; i++)
        {
            var row = z.Slice(i * k, k);
            var prow = ps.Slice(i * k, k);
            T max = T.NegativeInfinity;
            foreach (var v in row) max = T.Max(max, v);
            T sum = T.Zero;
            for (int j = 0; j < k; j++)
            {
                prow[j] = T.Exp(row[j] - max);
                sum += prow[j];
            }
            for (int j = 0; j < k; j++) prow[j] /= sum;
            total += T.Log(sum) - (row[targets[i]] - max);
        }
        _probabilities = p;
        _targets = targets;
        return total / T.CreateChecked(n);
    }

    public override Tensor<T> Backward()
    {
        var p = RequireForward(_probabilities);
        var targets = _targets!;
        int n = p.Rows, k = p.Cols;
        var dZ = p.Clone();
        var d = dZ.Span;
        T invN = T.One / T.CreateChecked(n);
        for (int i = 0; i < n; i++)
        {
            d[i * k + targets[i]] -= T.One;
            for (int j = 0; j < k; j++) d[i * k + j] *= invN;
        }
        return dZ;
    }
}
