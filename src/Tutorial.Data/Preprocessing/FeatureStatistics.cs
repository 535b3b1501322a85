using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Preprocessing;

/// <summary>
/// Shared by the scalers: a tensor <c>(N, d₁, d₂, …)</c> is N rows of D = d₁·d₂·… features
/// (a rank-1 tensor <c>(N,)</c> is N rows of one feature). Statistics are per feature, over the rows.
/// </summary>
internal static class FeatureStatistics
{
    /// <summary>Features per row: the product of every dimension after the first.</summary>
    public static int FeatureCount<T>(Tensor<T> x, string who) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank == 0) throw new ShapeMismatchException($"{who} needs rows of samples, got a scalar tensor.");
        int d = 1;
        for (int i = 1; i < x.Rank; i++) d *= x.Dim(i);
        return d;
    }

    /// <summary>Throws unless <paramref name="x"/> has <paramref name="features"/> features per row.</summary>
    public static void Check<T>(Tensor<T> x, int features, Shape fittedOn, string who) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (FeatureCount(x, who) != features)
            throw new ShapeMismatchException($"{who} was fitted on x of shape {fittedOn} ({features} features per row), got x of shape {x.Shape}.");
    }

    /// <summary>
    /// A new tensor of x's shape with <c>z[n, d] = map(x[n, d], d)</c>, after checking that x has
    /// <paramref name="features"/> features per row (the Transform and InverseTransform of every scaler).
    /// </summary>
    public static Tensor<T> MapPerFeature<T>(Tensor<T> x, int features, Shape fittedOn, string who, Func<double, int, double> map)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(x, features, fittedOn, who);
        var result = x.Clone();
        var s = result.Span;
        for (int i = 0; i < s.Length; i++)
            s[i] = T.CreateChecked(map(double.CreateChecked(s[i]), i % features));
        return result;
    }
}
