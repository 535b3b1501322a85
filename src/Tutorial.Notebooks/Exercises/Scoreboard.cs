using System.Text;

namespace Tutorial.Notebooks.Exercises;

/// <summary>
/// The checks run so far in one notebook session, the latest result per id in the order the ids
/// first ran. A notebook sees its own board as <see cref="Current"/> (outside a notebook, one board
/// serves the whole process); <c>Check.Summary()</c> shows it. The grader does not depend on it: it
/// reads the results from the executed notebook's outputs (see <see cref="CheckMarker"/>).
/// </summary>
public sealed class Scoreboard
{
    private readonly List<CheckResult> _results = [];

    /// <summary>The board of the running notebook session.</summary>
    public static Scoreboard Current => ExerciseContext.Current.Scoreboard;

    /// <summary>The latest result of every check run so far.</summary>
    public IReadOnlyList<CheckResult> Results
    {
        get
        {
            lock (_results) return [.. _results];
        }
    }

    /// <summary>Points earned.</summary>
    public double Earned => Results.Sum(r => r.Earned);

    /// <summary>Points of the checks run so far.</summary>
    public double Possible => Results.Sum(r => r.Points);

    /// <summary>The result of check <paramref name="id"/>, or null when it has not run.</summary>
    public CheckResult? this[string id] => Results.FirstOrDefault(r => r.Id == id);

    /// <summary>Records a result, replacing an earlier one with the same id (a learner re-running a check).</summary>
    internal void Record(CheckResult result)
    {
        lock (_results)
        {
            int i = _results.FindIndex(r => r.Id == result.Id);
            if (i >= 0) _results[i] = result;
            else _results.Add(result);
        }
    }

    /// <summary>One line per check and a total.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var r in Results)
            sb.Append($"{(r.Passed ? "✔" : "✘")} {r.Id,-28} {CheckView.Format(r.Earned),5} / {CheckView.Format(r.Points)}\n");
        sb.Append($"total: {CheckView.Format(Earned)} / {CheckView.Format(Possible)} points");
        return sb.ToString();
    }
}
