namespace Tutorial.Engine.Gradients;

/// <summary>
/// How <see cref="GradientChecker"/> estimates ∂L/∂v from values of L. With step ε, the estimate's error
/// is a truncation term (from the Taylor series) plus rounding noise of about u·|L|/ε (u = 1.1e-16 in double).
/// </summary>
public enum FiniteDifference
{
    /// <summary>(L(v+ε) − L(v−ε)) / 2ε; truncation error O(ε²). Two evaluations per element.</summary>
    Central,

    /// <summary>
    /// (−L(v+2ε) + 8L(v+ε) − 8L(v−ε) + L(v−2ε)) / 12ε; truncation error O(ε⁴). Four evaluations per
    /// element. The smaller truncation error allows a larger ε (about 1e-3), which cuts the rounding
    /// noise: needed to reach 1e-7 relative error on elements whose gradient is small next to L, as
    /// in recurrent layers, where early steps reach the loss only weakly.
    /// </summary>
    FivePoint,
}
