using System.Text.Json.Nodes;
using Tutorial.Notebooks.Ipynb;

namespace Tutorial.Notebooks.Exercises.Grading;

/// <summary>
/// Turns an executed notebook into a grade: the check results come from its outputs (the
/// <see cref="CheckMarker.MimeType"/> part of each check's display), the total from the declared
/// checks (<see cref="CheckDeclarations"/>), so a check the notebook never reached scores 0 out of its
/// points. When a check ran more than once, its last result counts.
/// </summary>
public static class Grader
{
    /// <summary>The check results in an executed notebook's outputs, in output order.</summary>
    public static IReadOnlyList<CheckResult> ReadResults(NotebookDocument executed)
    {
        var results = new List<CheckResult>();
        foreach (var cell in executed.Cells)
        {
            if (cell.CellType != "code") continue;
            foreach (var output in cell.Outputs)
                if (output["data"] is JsonObject data && data[CheckMarker.MimeType] is { } marker && CheckMarker.Parse(marker) is { } result)
                    results.Add(result);
        }
        return results;
    }

    /// <summary>Check results from a log written by the checks (one JSON object a line; see <c>TUTORIAL_CHECK_LOG</c>).</summary>
    public static IReadOnlyList<CheckResult> ReadLog(string path)
    {
        if (!File.Exists(path)) return [];
        return [.. File.ReadAllLines(path).Select(CheckMarker.Parse).OfType<CheckResult>()];
    }

    /// <summary>How the run of an executed notebook went: completed, errors (the first error cell) or timed out.</summary>
    public static (string Status, string Message) ReadStatus(NotebookDocument executed)
    {
        for (int i = 0; i < executed.Cells.Count; i++)
        {
            var error = executed.Cells[i].Outputs.FirstOrDefault(o => o["output_type"]?.GetValue<string>() == "error");
            if (error is null) continue;
            string name = error["ename"]?.GetValue<string>() ?? "Error";
            string value = error["evalue"]?.GetValue<string>() ?? "";
            if (name == "TimeoutException") return ("timed out", value);
            return ("errors", $"cell {i + 1}: {name}: {value}");
        }
        return ("completed", "");
    }

    /// <summary>Scores <paramref name="results"/> against <paramref name="declared"/>; with no declared checks the results themselves count.</summary>
    public static NotebookGrade Grade(string notebook, IReadOnlyList<CheckDeclaration> declared, IEnumerable<CheckResult> results,
        string status, string message, double elapsedSeconds)
    {
        var latest = new Dictionary<string, CheckResult>();
        var order = new List<string>();
        foreach (var r in results)
        {
            if (!latest.ContainsKey(r.Id)) order.Add(r.Id);
            latest[r.Id] = r;
        }
        if (declared.Count == 0) declared = [.. order.Select(id => new CheckDeclaration(id, latest[id].Points, 0))];

        string notReached = status switch
        {
            "completed" => "the notebook finished without running this check",
            "errors" => $"not run; the notebook had errors, the first in {message}",
            "killed" => "not reached: the notebook was killed",
            _ => $"not reached: the notebook {status}",
        };
        var checks = new List<CheckGrade>();
        foreach (var d in declared)
        {
            if (latest.TryGetValue(d.Id, out var r))
                checks.Add(new CheckGrade(d.Id, d.Points, r.Passed ? d.Points : 0, r.Passed ? "passed" : "failed", r.Message));
            else
                checks.Add(new CheckGrade(d.Id, d.Points, 0, "not reached", notReached));
        }
        foreach (var id in order.Where(id => declared.All(d => d.Id != id)))
            checks.Add(new CheckGrade(id, 0, 0, "undeclared", $"{(latest[id].Passed ? "passed" : "failed")}, but the notebook does not declare this check, so it does not count"));
        return new NotebookGrade(notebook, status, message, checks.Sum(c => c.Earned), declared.Sum(d => d.Points), checks, elapsedSeconds);
    }
}
