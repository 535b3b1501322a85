using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Losses;

/// <summary>
/// Sigmoid followed by binary cross-entropy, fused and numerically stable, from logits
/// (PyTorch's <c>binary_cross_entropy_with_logits</c> / <c>BCEWithLogitsLoss</c>, mean reduction).
/// <code>
/// z: any shape, M elements (logits)     y: same shape, each in [0, 1]     L: scalar
/// σ(z) = 1 / (1 + exp(−z))
/// L  = −(1/M) Σᵢ [ yᵢ log σ(zᵢ) + (1 − yᵢ) log(1 − σ(zᵢ)) ]
///    =  (1/M) Σᵢ [ max(zᵢ, 0) − zᵢ yᵢ + log(1 + exp(−|zᵢ|)) ]     (the stable form computed)
/// dZ = ∂L/∂z = (σ(z) − y) / M         dZ: shape of z
/// </code>
/// The stable form never exponentiates a positive number, so logits of ±800 give exact finite results
/// where σ followed by <see cref="BinaryCrossEntropy{T}"/> would saturate to 0 or 1.
/// </summary>
public sealed class BinaryCrossEntropyWithLogits<T> : Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _logits;
    private Tensor<T>? _target;

    public override T Forward(Tensor<T> prediction, Tensor<T> target)
    {
        CheckSameShape(prediction, target);
        var z = prediction.Span;
        var y = target.Span;
        for (int i = 0; i < y.Length; i++)
            if (!(y[i] >= T.Zero && y[i] <= T.One))
                throw new ArgumentException($"{this}: target {y[i]} at index {i} is not in [0, 1].");
        T sum = T.Zero;
        for (int i = 0; i < z.Length; i++)
            sum += T.Max(z[i], T.Zero) - z[i] * y[i] + Log1P(T.Exp(-T.Abs(z[i])));
        _logits = prediction.Clone();
        _target = target.Clone();
        return sum / T.CreateChecked(z.Length);
    }

    public override Tensor<T> Backward()
    {
        var logits = RequireForward(_logits);
        var z = logits.Span;
        var y = _target!.Span;
        var dZ = new Tensor<T>(logits.Shape);
        var g = dZ.Span;
        T invM = T.One / T.CreateChecked(z.Length);
        for (int i = 0; i < g.Length; i++) g[i] = (Sigmoid(z[i]) - y[i]) * invM;
        return dZ;
    }

    /// <summary>σ(z), computed without exponentiating a positive number.</summary>
    internal static T Sigmoid(T z)
    {
        if (z >= T.Zero) return T.One / (T.One + T.Exp(-z));
        T e = T.Exp(z);
        return e / (T.One + e);
    }

    /// <summary>
    /// log(1 + u), accurate for tiny u (where 1 + u rounds to 1). .NET's LogP1 computes log(1 + u) directly,
    /// which loses every digit below the precision of 1; Goldberg's correction log(w)·u/(w − 1), w = 1 + u,
    /// cancels that rounding.
    /// </summary>
    internal static T Log1P(T u)
    {
        T w = T.One + u;
        return w == T.One ? u : T.Log(w) * u / (w - T.One);
    }
}
