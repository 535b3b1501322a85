using System.Globalization;
using System.Text;

namespace Tutorial.Engine.Metrics;

/// <summary>Every candidate of a grid search, best first.</summary>
public sealed class GridSearchResult<TParams>(IReadOnlyList<GridSearchEntry<TParams>> results, bool higherIsBetter)
{
    /// <summary>All candidates sorted best first (ties keep the order in which they were tried; NaN scores come last).</summary>
    public IReadOnlyList<GridSearchEntry<TParams>> Results { get; } = results;

    /// <summary>Whether a larger score was better.</summary>
    public bool HigherIsBetter { get; } = higherIsBetter;

    /// <summary>The best candidate.</summary>
    public GridSearchEntry<TParams> Best => Results[0];

    /// <summary>A table: rank, score (± std), parameters.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var r in Results)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{r.Rank,3}  {r.Score:0.0000}");
            if (r.Std is double s) sb.Append(CultureInfo.InvariantCulture, $" ± {s:0.0000}");
            sb.Append("  ").Append(r.Parameters).Append('\n');
        }
        return sb.ToString();
    }
}
