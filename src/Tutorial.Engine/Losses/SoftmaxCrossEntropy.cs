using System.Numerics;
using Tutorial.Engine.Kernels;
using Tutorial.Engine.Layers;
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
/// <para>The exponentials are <see cref="Activations.Exp{T}"/> (vectorised) over each row. The probabilities and the
/// gradient Backward returns are new tensors, unless <see cref="Loss{T}.ReuseBuffers"/> is on: then they live in
/// buffers reused in the loop Forward, Backward, Forward, … (a training step allocates nothing): the probabilities stay valid until the Forward after the next Backward, the gradient until
/// the next Backward; <see cref="Tensor{T}.Clone"/> them to keep them longer.</para>
/// </summary>
public sealed class SoftmaxCrossEntropy<T> : Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _probabilities;
    private int[]? _targets;
    private readonly TensorBuffer<T> _p = new(), _dZ = new();

    /// <summary>The softmax probabilities of the last Forward, (N, K).</summary>
    public Tensor<T>? Probabilities => _probabilities;

    public override T Forward(Tensor<T> prediction, Tensor<T> target)
    {
        _dZ.Release();   // the previous step's gradient is done with
        var targets = ClassTargets.Read(ToString(), prediction, target, _targets);
        int n = prediction.Rows, k = prediction.Cols;
        var p = _p.Get(reuse: ReuseBuffers, clear: false, n, k);
        var z = prediction.Span;
        var ps = p.Span;
        T total = T.Zero;
        for (int i = 0; i < n; i++)
        {
            var row = z.Slice(i * k, k);
            var prow = ps.Slice(i * k, k);
            T max = Elementwise.Max<T>(row);
            for (int j = 0; j < k; j++) prow[j] = row[j] - max;
            Activations.Exp<T>(prow, prow);
            T sum = Elementwise.Sum<T>(prow);
            Elementwise.Scale<T>(prow, T.One / sum, prow);
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
        var dZ = _dZ.Get(p.Shape, reuse: ReuseBuffers, clear: false);
        _p.Release();
        var d = dZ.Span;
        T invN = T.One / T.CreateChecked(n);
        Elementwise.Scale<T>(p.Span, invN, d);
        for (int i = 0; i < n; i++) d[i * k + targets[i]] = (p[i * k + targets[i]] - T.One) * invN;
        return dZ;
    }
}
