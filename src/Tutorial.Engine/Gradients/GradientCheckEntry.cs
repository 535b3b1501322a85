using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Gradients;

/// <summary>
/// The comparison for one tensor (the input or one named parameter): the largest relative error
/// over its elements, where it occurred, and the two values there.
/// </summary>
/// <param name="Name">"x" for the input, else the parameter's (qualified) name.</param>
/// <param name="Shape">The tensor's shape.</param>
/// <param name="MaxRelativeError">maxᵢ relerr(analyticᵢ, numericᵢ) (see <see cref="GradientChecker.RelativeError"/>).</param>
/// <param name="WorstIndex">Flat index of the worst element.</param>
/// <param name="Analytic">The backward pass's gradient at the worst element.</param>
/// <param name="Numeric">The central-difference estimate at the worst element.</param>
public sealed record GradientCheckEntry(string Name, Shape Shape, double MaxRelativeError, int WorstIndex, double Analytic, double Numeric)
{
    /// <summary>True when <see cref="MaxRelativeError"/> ≤ <paramref name="tolerance"/>.</summary>
    public bool Passed(double tolerance) => MaxRelativeError <= tolerance;
}
