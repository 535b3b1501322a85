using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Preprocessing;

/// <summary>
/// Standardisation: shifts and scales each feature to mean 0 and standard deviation 1, with the
/// statistics of the training data only (fitting on validation or test data would leak them):
/// <code>
/// fit on x: (N, D)    μ_d = (1/N) Σₙ x[n, d]     σ_d = √((1/N) Σₙ (x[n, d] − μ_d)²)
/// transform           z[n, d] = (x[n, d] − μ_d) / σ_d        inverse: x = z·σ_d + μ_d
/// </code>
/// σ is the population standard deviation (divide by N, as scikit-learn's StandardScaler does).
/// A constant feature (σ = 0) gets σ = 1, so it becomes 0 instead of NaN. Statistics are
/// accumulated in double. Inputs of shape <c>(N, …)</c> are treated as N rows of Length/N features.
/// </summary>
public sealed class Standardizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly double[] _mean;
    private readonly double[] _std;
    private readonly Shape _fittedOn;

    private Standardizer(double[] mean, double[] std, Shape fittedOn)
    {
        _mean = mean;
        _std = std;
        _fittedOn = fittedOn;
    }

    /// <summary>Computes μ and σ per feature from <paramref name="train"/> (at least one row).</summary>
    public static Standardizer<T> Fit(Tensor<T> train)
    {
        int d = FeatureStatistics.FeatureCount(train, "Standardizer");
        int n = train.N;
        if (n == 0) throw new ArgumentException($"Standardizer cannot be fitted on zero rows (x of shape {train.Shape}).", nameof(train));
        var s = train.Span;
        var mean = new double[d];
        var std = new double[d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++) mean[j] += double.CreateChecked(s[i * d + j]);
        for (int j = 0; j < d; j++) mean[j] /= n;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++)
            {
                double dev = double.CreateChecked(s[i * d + j]) - mean[j];
                std[j] += dev * dev;
            }
        for (int j = 0; j < d; j++)
        {
            std[j] = Math.Sqrt(std[j] / n);
            if (std[j] == 0) std[j] = 1;
        }
        return new Standardizer<T>(mean, std, train.Shape);
    }

    /// <summary>Number of features D.</summary>
    public int FeatureCount => _mean.Length;

    /// <summary>The mean μ of each feature, <c>(D,)</c>.</summary>
    public Tensor<T> Mean => Tensor<T>.FromDoubles(_mean, _mean.Length);

    /// <summary>The standard deviation σ of each feature (1 where the feature was constant), <c>(D,)</c>.</summary>
    public Tensor<T> Std => Tensor<T>.FromDoubles(_std, _std.Length);

    /// <summary>(x − μ) / σ as a new tensor of x's shape.</summary>
    public Tensor<T> Transform(Tensor<T> x) =>
        FeatureStatistics.MapPerFeature(x, FeatureCount, _fittedOn, "Standardizer", (v, j) => (v - _mean[j]) / _std[j]);

    /// <summary>z·σ + μ as a new tensor: undoes <see cref="Transform"/> (e.g. to read a prediction in the original units).</summary>
    public Tensor<T> InverseTransform(Tensor<T> z) =>
        FeatureStatistics.MapPerFeature(z, FeatureCount, _fittedOn, "Standardizer", (v, j) => v * _std[j] + _mean[j]);
}
