using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Losses;

/// <summary>
/// Multi-class hinge loss of a multi-class SVM, matching PyTorch's <c>MultiMarginLoss</c>
/// (<c>multi_margin_loss</c>, mean reduction, no class weights; p = 1 and margin = 1 by default).
/// <code>
/// s: (N, K) scores     y: (N) or (N, 1) class indices 0 … K−1 (stored as T)     L: scalar
/// mₙⱼ = margin − sₙ[yₙ] + sₙⱼ            (how far class j intrudes on the correct class's margin)
/// L  = (1/N) Σₙ (1/K) Σ_{j ≠ yₙ} max(0, mₙⱼ)^p
/// dS = ∂L/∂s:  for j ≠ yₙ with mₙⱼ &gt; 0:   dSₙⱼ = p·mₙⱼ^(p−1) / (N K),   dSₙ[yₙ] −= the same     dS: (N, K)
/// </code>
/// Note the 1/K: PyTorch divides each sample's sum by the number of classes K, not by K − 1.
/// </summary>
public sealed class MultiMarginLoss<T> : Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _margin;
    private Tensor<T>? _scores;
    private int[]? _targets;

    /// <summary>Creates the loss with exponent <paramref name="p"/> (1 or 2) and <paramref name="margin"/> (positive).</summary>
    public MultiMarginLoss(int p = 1, double margin = 1.0)
    {
        if (p != 1 && p != 2)
            throw new ArgumentOutOfRangeException(nameof(p), p, $"MultiMarginLoss: p must be 1 or 2, got {p}.");
        if (!(margin > 0) || double.IsInfinity(margin))
            throw new ArgumentOutOfRangeException(nameof(margin), margin, $"MultiMarginLoss: margin must be positive and finite, got {margin}.");
        P = p;
        Margin = margin;
        _margin = T.CreateChecked(margin);
    }

    /// <summary>The exponent p on each violated margin (1: hinge, 2: squared hinge).</summary>
    public int P { get; }

    /// <summary>The margin the correct class's score must exceed every other score by.</summary>
    public double Margin { get; }

    public override T Forward(Tensor<T> prediction, Tensor<T> target)
    {
        var targets = ClassTargets.Read(ToString(), prediction, target);
        int n = prediction.Rows, k = prediction.Cols;
        var s = prediction.Span;
        T total = T.Zero;
        for (int i = 0; i < n; i++)
        {
            var row = s.Slice(i * k, k);
            T correct = row[targets[i]];
            T sampleSum = T.Zero;
            for (int j = 0; j < k; j++)
            {
                if (j == targets[i]) continue;
                T m = _margin - correct + row[j];
                if (m > T.Zero) sampleSum += P == 1 ? m : m * m;
            }
            total += sampleSum / T.CreateChecked(k);
        }
        _scores = prediction.Clone();
        _targets = targets;
        return total / T.CreateChecked(n);
    }

    public override Tensor<T> Backward()
    {
        var scores = RequireForward(_scores);
        var targets = _targets!;
        int n = scores.Rows, k = scores.Cols;
        var s = scores.Span;
        var dS = new Tensor<T>(n, k);
        var g = dS.Span;
        T scale = T.One / (T.CreateChecked(n) * T.CreateChecked(k));
        T two = T.CreateChecked(2);
        for (int i = 0; i < n; i++)
        {
            int y = targets[i];
            T correct = s[i * k + y];
            for (int j = 0; j < k; j++)
            {
                if (j == y) continue;
                T m = _margin - correct + s[i * k + j];
                if (!(m > T.Zero)) continue;
                T gj = (P == 1 ? T.One : two * m) * scale;
                g[i * k + j] += gj;
                g[i * k + y] -= gj;
            }
        }
        return dS;
    }

    public override string ToString() => $"MultiMarginLoss(p: {P}, margin: {Margin})";
}
