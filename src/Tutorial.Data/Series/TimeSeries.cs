using System.Numerics;
using Tutorial.Data.Csv;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Series;

/// <summary>
/// A univariate time series: values at strictly increasing times (e.g. yearly sunspot numbers).
/// <see cref="Windows{T}(int, int)"/> turns it into supervised pairs for a recurrent model:
/// <code>
/// x = v[i … i+T−1]   y = v[i+T−1+h]         (h = horizon, 1 = the next value)
/// X: (M, T, 1)      Y: (M, 1)              M = N − T − h + 1
/// </code>
/// </summary>
public sealed class TimeSeries
{
    private readonly double[] _times;
    private readonly double[] _values;

    /// <summary>A series of <paramref name="values"/> at <paramref name="times"/> (copied; times strictly increasing).</summary>
    public TimeSeries(IReadOnlyList<double> times, IReadOnlyList<double> values, string name = "series")
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(values);
        if (times.Count != values.Count)
            throw new ArgumentException($"{name}: {times.Count} times but {values.Count} values.", nameof(values));
        for (int i = 1; i < times.Count; i++)
            if (!(times[i] > times[i - 1]))
                throw new ArgumentException($"{name}: times must increase strictly, but time {i} ({times[i]}) follows {times[i - 1]}.", nameof(times));
        _times = [.. times];
        _values = [.. values];
        Name = name;
    }

    /// <summary>
    /// Reads a series from two columns of a CSV file with a header, e.g.
    /// <c>FromCsv("sunspots.csv", "YEAR", "SUNACTIVITY")</c>.
    /// </summary>
    public static TimeSeries FromCsv(string path, string timeColumn, string valueColumn, string? name = null)
    {
        var table = CsvReader.Read(path);
        double[] times = table.Column(timeColumn);
        for (int i = 1; i < times.Length; i++)
            if (!(times[i] > times[i - 1]))
                throw new DataFormatException(path, $"line {table.LineOf(i)}: time {times[i]} does not come after {times[i - 1]} (column \"{timeColumn}\" must increase).");
        return new TimeSeries(times, table.Column(valueColumn), name ?? Path.GetFileNameWithoutExtension(path));
    }

    /// <summary>A short name for messages and plots.</summary>
    public string Name { get; }

    /// <summary>Number of observations N.</summary>
    public int Length => _values.Length;

    /// <summary>The times (e.g. years).</summary>
    public IReadOnlyList<double> Times => _times;

    /// <summary>The observed values.</summary>
    public IReadOnlyList<double> Values => _values;

    /// <summary>The values as a tensor <c>(N,)</c>.</summary>
    public Tensor<T> ToTensor<T>() where T : unmanaged, IFloatingPointIeee754<T> => Tensor<T>.FromDoubles(_values, _values.Length);

    /// <summary>Observations [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>).</summary>
    public TimeSeries Slice(int start, int count)
    {
        if (start < 0 || count < 0 || start + count > Length)
            throw new ArgumentOutOfRangeException(nameof(start), $"{Name}: observations [{start}, {start + count}) are outside 0 … {Length}.");
        return new TimeSeries(_times.AsSpan(start, count).ToArray(), _values.AsSpan(start, count).ToArray(), Name);
    }

    /// <summary>Splits in time order (never shuffled: the future must not leak into training): the first <paramref name="count"/> observations and the rest.</summary>
    public (TimeSeries Before, TimeSeries After) SplitAt(int count) => (Slice(0, count), Slice(count, Length - count));

    /// <summary>Supervised windows of this series (see the class summary): X <c>(M, length, 1)</c>, Y <c>(M, 1)</c>.</summary>
    public (Tensor<T> X, Tensor<T> Y) Windows<T>(int length, int horizon = 1) where T : unmanaged, IFloatingPointIeee754<T> =>
        Windows(ToTensor<T>(), length, horizon);

    /// <summary>
    /// Supervised windows of a series tensor <c>(N,)</c> or <c>(N, 1)</c> (e.g. after standardising it):
    /// X <c>(M, length, 1)</c> with X[i, t, 0] = v[i+t], Y <c>(M, 1)</c> with Y[i, 0] = v[i+length−1+horizon], M = N − length − horizon + 1.
    /// </summary>
    public static (Tensor<T> X, Tensor<T> Y) Windows<T>(Tensor<T> series, int length, int horizon = 1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(series);
        if (!(series.Rank == 1 || series.Rank == 2 && series.Cols == 1))
            throw new ShapeMismatchException($"TimeSeries.Windows needs a series of shape (N,) or (N, 1), got {series.Shape}.");
        if (length <= 0) throw new ArgumentOutOfRangeException(nameof(length), $"A window needs at least one step, got length {length}.");
        if (horizon <= 0) throw new ArgumentOutOfRangeException(nameof(horizon), $"The horizon must be at least 1 step, got {horizon}.");
        int n = series.N;
        int m = n - length - horizon + 1;
        if (m <= 0)
            throw new ArgumentOutOfRangeException(nameof(length), $"A series of {n} values has no window of {length} steps with a target {horizon} step(s) ahead.");
        var v = series.Span;
        var x = new Tensor<T>(m, length, 1);
        var y = new Tensor<T>(m, 1);
        var xs = x.Span;
        var ys = y.Span;
        for (int i = 0; i < m; i++)
        {
            v.Slice(i, length).CopyTo(xs.Slice(i * length, length));
            ys[i] = v[i + length - 1 + horizon];
        }
        return (x, y);
    }

    /// <summary>E.g. <c>sunspots: 309 values, 1700 … 2008</c>.</summary>
    public override string ToString() => Length == 0 ? $"{Name}: empty" : $"{Name}: {Length} values, {_times[0]} … {_times[^1]}";
}
