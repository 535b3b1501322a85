using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Preprocessing;

/// <summary>
/// Min-max normalisation: maps each feature linearly so that the training data spans
/// [<see cref="Low"/>, <see cref="High"/>] (default [0, 1]), with the training minimum and maximum only:
/// <code>
/// fit on x: (N, D)    min_d = minₙ x[n, d]     max_d = maxₙ x[n, d]
/// transform           z[n, d] = low + (x[n, d] − min_d) · (high − low) / (max_d − min_d)
/// </code>
/// Values of other data outside the training range map outside [low, high] (nothing is clipped).
/// A constant feature (max = min) maps to <c>low</c>. Inputs of shape <c>(N, …)</c> are treated as N rows of Length/N features.
/// </summary>
public sealed class MinMaxScaler<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly double[] _min;
    private readonly double[] _max;
    private readonly Shape _fittedOn;

    private MinMaxScaler(double[] min, double[] max, double low, double high, Shape fittedOn)
    {
        _min = min;
        _max = max;
        Low = low;
        High = high;
        _fittedOn = fittedOn;
    }

    /// <summary>Finds the minimum and maximum per feature of <paramref name="train"/> (at least one row).</summary>
    public static MinMaxScaler<T> Fit(Tensor<T> train, double low = 0, double high = 1)
    {
        if (!(high > low)) throw new ArgumentException($"MinMaxScaler needs low < high, got [{low}, {high}].", nameof(high));
        int d = FeatureStatistics.FeatureCount(train, "MinMaxScaler");
        int n = train.N;
        if (n == 0) throw new ArgumentException($"MinMaxScaler cannot be fitted on zero rows (x of shape {train.Shape}).", nameof(train));
        var s = train.Span;
        var min = new double[d];
        var max = new double[d];
        Array.Fill(min, double.PositiveInfinity);
        Array.Fill(max, double.NegativeInfinity);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++)
            {
                double v = double.CreateChecked(s[i * d + j]);
                if (double.IsNaN(v)) throw new ArgumentException($"MinMaxScaler: feature {j} of row {i} is NaN.", nameof(train));
                if (v < min[j]) min[j] = v;
                if (v > max[j]) max[j] = v;
            }
        return new MinMaxScaler<T>(min, max, low, high, train.Shape);
    }

    /// <summary>The value the training minimum maps to.</summary>
    public double Low { get; }

    /// <summary>The value the training maximum maps to.</summary>
    public double High { get; }

    /// <summary>Number of features D.</summary>
    public int FeatureCount => _min.Length;

    /// <summary>The training minimum of each feature, <c>(D,)</c>.</summary>
    public Tensor<T> Min => Tensor<T>.FromDoubles(_min, _min.Length);

    /// <summary>The training maximum of each feature, <c>(D,)</c>.</summary>
    public Tensor<T> Max => Tensor<T>.FromDoubles(_max, _max.Length);

    /// <summary>The scaled values as a new tensor of x's shape.</summary>
    public Tensor<T> Transform(Tensor<T> x) =>
        FeatureStatistics.MapPerFeature(x, FeatureCount, _fittedOn, "MinMaxScaler", (v, j) =>
        {
            double range = _max[j] - _min[j];
            return range == 0 ? Low : Low + (v - _min[j]) * (High - Low) / range;
        });

    /// <summary>Undoes <see cref="Transform"/> (a constant feature comes back as its training value).</summary>
    public Tensor<T> InverseTransform(Tensor<T> z) =>
        FeatureStatistics.MapPerFeature(z, FeatureCount, _fittedOn, "MinMaxScaler", (v, j) =>
        {
            double range = _max[j] - _min[j];
            return range == 0 ? _min[j] : _min[j] + (v - Low) * range / (High - Low);
        });
}
