namespace Tutorial.Engine.Gradients;

/// <summary>
/// What a gradient check found: one entry for the input and one per parameter, and the verdict
/// against <see cref="Tolerance"/>. Rules of thumb in double precision (cs231n):
/// below 1e-7 the backward pass is right; 1e-7 … 1e-4 deserves a look (kinks such as ReLU at 0);
/// above 1e-4 it is almost certainly wrong.
/// </summary>
public sealed class GradientCheckResult(string subject, IReadOnlyList<GradientCheckEntry> entries, double tolerance)
{
    /// <summary>What was checked, e.g. <c>Linear(in: 3, out: 2)</c>.</summary>
    public string Subject { get; } = subject;

    /// <summary>One entry per checked tensor: the input first, then the parameters.</summary>
    public IReadOnlyList<GradientCheckEntry> Entries { get; } = entries;

    /// <summary>The bound a relative error must not exceed.</summary>
    public double Tolerance { get; } = tolerance;

    /// <summary>The largest relative error over all entries (0 when there is nothing to check).</summary>
    public double MaxRelativeError => Entries.Count == 0 ? 0 : Entries.Max(e => e.MaxRelativeError);

    /// <summary>True when every entry is within <see cref="Tolerance"/>.</summary>
    public bool Passed => Entries.All(e => e.Passed(Tolerance));

    /// <summary>The entry with the given name.</summary>
    public GradientCheckEntry this[string name] =>
        Entries.FirstOrDefault(e => e.Name == name)
        ?? throw new KeyNotFoundException($"Gradient check of {Subject} has no entry '{name}'; it has {string.Join(", ", Entries.Select(e => e.Name))}.");

    /// <summary>A plain-text table, one line per entry.</summary>
    public override string ToString()
    {
        var lines = new List<string> { $"Gradient check of {Subject} (tolerance {Tolerance:0.#e+0}): {(Passed ? "passed" : "FAILED")}" };
        foreach (var e in Entries)
            lines.Add($"  {e.Name,-16} {e.Shape,-14} max rel. error {e.MaxRelativeError:0.00e+00}  {(e.Passed(Tolerance) ? "ok" : "FAIL")}" +
                      $"  (worst at [{e.WorstIndex}]: analytic {e.Analytic:G10}, numeric {e.Numeric:G10})");
        return string.Join(Environment.NewLine, lines);
    }
}
