using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Losses;

/// <summary>
/// Binary hinge loss of a linear SVM, on raw scores with labels −1 or +1.
/// <code>
/// s: any shape, M elements (scores)     y: same shape, each −1 or +1     L: scalar
/// L  = (1/M) Σᵢ max(0, 1 − yᵢ sᵢ)
/// dS = ∂L/∂s = −y / M where yᵢ sᵢ &lt; 1, else 0        dS: shape of s
/// </code>
/// Samples classified correctly with margin at least 1 contribute nothing; at the kink yᵢ sᵢ = 1 the
/// gradient taken is 0 (a subgradient).
/// </summary>
public sealed class HingeLoss<T> : Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _scores;
    private Tensor<T>? _labels;

    public override T Forward(Tensor<T> prediction, Tensor<T> target)
    {
        CheckSameShape(prediction, target);
        var s = prediction.Span;
        var y = target.Span;
        for (int i = 0; i < y.Length; i++)
            if (y[i] != T.One && y[i] != -T.One)
                throw new ArgumentException($"{this}: label {y[i]} at index {i} is not −1 or +1 (labels 0/1 must be mapped to −1/+1).");
        T sum = T.Zero;
        for (int i = 0; i < s.Length; i++) sum += T.Max(T.Zero, T.One - y[i] * s[i]);
        _scores = prediction.Clone();
        _labels = target.Clone();
        return sum / T.CreateChecked(s.Length);
    }

    public override Tensor<T> Backward()
    {
        var scores = RequireForward(_scores);
        var s = scores.Span;
        var y = _labels!.Span;
        var dS = new Tensor<T>(scores.Shape);
        var g = dS.Span;
        T invM = T.One / T.CreateChecked(s.Length);
        for (int i = 0; i < g.Length; i++) g[i] = y[i] * s[i] < T.One ? -y[i] * invM : T.Zero;
        return dS;
    }
}
