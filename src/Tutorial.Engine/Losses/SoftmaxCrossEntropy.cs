using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Losses;

/// <summary>
/// Softmax followed by cross-entropy, fused and numerically stable, from logits and integer class targets.
/// <code>
/// z: (N, K) logits     y: (N) class indices 0 … K−1 (stored as T)
/// pₙ = softmax(zₙ),   softmax(z)ₖ = exp(zₖ − m) / Σⱼ exp(zⱼ − m),  m = maxⱼ zⱼ
/// L  = −(1/N) Σₙ log pₙ[yₙ] = (1/N) Σₙ (log Σⱼ exp(zₙⱼ − m) − (zₙ[yₙ] − m))
/// dZ = (p − onehot(y)) / N
/// </code>
/// </summary>
public sealed class SoftmaxCrossEntropy<T> : Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _probabilities;
    private int[]? _targets;

    /// <summary>The softmax probabilities of the last Forward, (N, K).</summary>
    public Tensor<T>? Probabilities => _probabilities;

    public override T Forward(Tensor<T> prediction, Tensor<T> target)
    {
        if (prediction.Rank != 2)
            throw new ShapeMismatchException($"{this} needs logits of shape (N, K), got {prediction.Shape}.");
        int n = prediction.Rows, k = prediction.Cols;
        if (target.Length != n || target.Rank > 1 && !(target.Rank == 2 && target.Dim(1) == 1))
            throw new ShapeMismatchException($"{this} got logits of shape {prediction.Shape} and targets of shape {target.Shape}; targets must be ({n},) class indices.");
        var targets = new int[n];
        var ts = target.Span;
        for (int i = 0; i < n; i++)
        {
            T t = ts[i];
            int c = int.CreateSaturating(t);
            if (T.CreateChecked(c) != t || c < 0 || c >= k)
                throw new ArgumentException($"{this}: target {t} of sample {i} is not a class index in 0 … {k - 1}.");
            targets[i] = c;
        }

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
