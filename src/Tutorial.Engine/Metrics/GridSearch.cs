namespace Tutorial.Engine.Metrics;

/// <summary>
/// Exhaustive search over hyperparameter combinations: evaluate every candidate, rank them, return all.
/// <code>
/// var grid = GridSearch.Product(new[] { 0.01, 0.1, 1.0 }, new[] { 16, 64 });     // (learning rate, hidden size)
/// var result = GridSearch.Run(grid, p =&gt; CrossValidation.Run(x, y, 5, fold =&gt; MakeTrainer(p, fold), Scorer&lt;float&gt;.Accuracy));
/// result.Best.Parameters   // e.g. (0.1, 64)
/// </code>
/// Candidates are evaluated in order, one at a time, so a seeded evaluation gives the same ranking every run.
/// </summary>
public static class GridSearch
{
    /// <summary>Evaluates every candidate with <paramref name="evaluate"/> (one number each) and ranks them.</summary>
    public static GridSearchResult<TParams> Run<TParams>(IEnumerable<TParams> candidates, Func<TParams, double> evaluate, bool higherIsBetter = true)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(evaluate);
        return Rank(candidates.Select(c => (c, evaluate(c), (double?)null)).ToList(), higherIsBetter);
    }

    /// <summary>Evaluates every candidate by cross-validation and ranks them by mean score (the scorer's direction).</summary>
    public static GridSearchResult<TParams> Run<TParams>(IEnumerable<TParams> candidates, Func<TParams, CrossValidationResult> evaluate)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(evaluate);
        var scored = new List<(TParams, double, double?)>();
        bool? higher = null;
        foreach (var c in candidates)
        {
            var cv = evaluate(c);
            if (higher is bool h && h != cv.HigherIsBetter)
                throw new InvalidOperationException($"Candidate {c} was scored with {cv.Metric}, whose direction differs from the earlier candidates'.");
            higher = cv.HigherIsBetter;
            scored.Add((c, cv.Mean, cv.Std));
        }
        return Rank(scored, higher ?? true);
    }

    /// <summary>Every pair (a, b), the first sequence varying slowest.</summary>
    public static IEnumerable<(TA, TB)> Product<TA, TB>(IEnumerable<TA> a, IEnumerable<TB> b) =>
        from x in a from y in b select (x, y);

    /// <summary>Every triple (a, b, c), the first sequence varying slowest.</summary>
    public static IEnumerable<(TA, TB, TC)> Product<TA, TB, TC>(IEnumerable<TA> a, IEnumerable<TB> b, IEnumerable<TC> c) =>
        from x in a from y in b from z in c select (x, y, z);

    private static GridSearchResult<TParams> Rank<TParams>(List<(TParams Params, double Score, double? Std)> scored, bool higherIsBetter)
    {
        if (scored.Count == 0) throw new ArgumentException("A grid search needs at least one candidate.");
        // OrderBy is stable: ties keep their order. NaN is ranked last in either direction.
        var sorted = scored
            .OrderBy(s => double.IsNaN(s.Score) ? 1 : 0)
            .ThenBy(s => double.IsNaN(s.Score) ? 0 : higherIsBetter ? -s.Score : s.Score)
            .Select((s, i) => new GridSearchEntry<TParams>(s.Params, s.Score, s.Std, i + 1))
            .ToList();
        return new GridSearchResult<TParams>(sorted, higherIsBetter);
    }
}
