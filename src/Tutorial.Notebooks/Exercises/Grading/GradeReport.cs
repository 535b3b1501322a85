using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Tutorial.Notebooks.Ipynb;

namespace Tutorial.Notebooks.Exercises.Grading;

/// <summary>
/// Writes grades as <c>grades.json</c> (every notebook with its checks), <c>checks.csv</c> (one row per
/// notebook and check: notebook, check, points, earned, status, message) and <c>notebooks.csv</c> (one row
/// per notebook: notebook, score, possible, percent, status, message). CSV follows RFC 4180 (fields with
/// commas, quotes or line breaks are quoted), numbers use the invariant culture.
/// </summary>
public static class GradeReport
{
    public const string JsonFile = "grades.json", ChecksCsvFile = "checks.csv", NotebooksCsvFile = "notebooks.csv";

    /// <summary>Writes the three files into <paramref name="directory"/> and returns their paths.</summary>
    public static IReadOnlyList<string> Write(string directory, IReadOnlyList<NotebookGrade> grades)
    {
        Directory.CreateDirectory(directory);
        var encoding = new UTF8Encoding(false);
        string json = Path.Combine(directory, JsonFile), checks = Path.Combine(directory, ChecksCsvFile), notebooks = Path.Combine(directory, NotebooksCsvFile);
        File.WriteAllText(json, ToJson(grades), encoding);
        File.WriteAllText(checks, ChecksCsv(grades), encoding);
        File.WriteAllText(notebooks, NotebooksCsv(grades), encoding);
        return [json, checks, notebooks];
    }

    /// <summary>The JSON report: <c>{"notebooks": [{"notebook", "status", "message", "score", "possible", "percent", "elapsed_seconds", "checks": [{"id", "points", "earned", "status", "message"}]}]}</c>.</summary>
    public static string ToJson(IReadOnlyList<NotebookGrade> grades)
    {
        var root = new JsonObject
        {
            ["notebooks"] = new JsonArray([.. grades.Select(g => (JsonNode)new JsonObject
            {
                ["notebook"] = g.Notebook,
                ["status"] = g.Status,
                ["message"] = g.Message,
                ["score"] = g.Earned,
                ["possible"] = g.Possible,
                ["percent"] = Math.Round(g.Percent, 2),
                ["elapsed_seconds"] = Math.Round(g.ElapsedSeconds, 2),
                ["checks"] = new JsonArray([.. g.Checks.Select(c => (JsonNode)new JsonObject
                {
                    ["id"] = c.Id,
                    ["points"] = c.Points,
                    ["earned"] = c.Earned,
                    ["status"] = c.Status,
                    ["message"] = c.Message,
                })]),
            })]),
        };
        var sb = new StringBuilder();
        JsonWriterSorted.Write(root, sb, 0);
        return sb.Append('\n').ToString();
    }

    /// <summary>One row per notebook and check.</summary>
    public static string ChecksCsv(IReadOnlyList<NotebookGrade> grades)
    {
        var sb = new StringBuilder("notebook,check,points,earned,status,message\n");
        foreach (var g in grades)
            foreach (var c in g.Checks)
                Row(sb, g.Notebook, c.Id, N(c.Points), N(c.Earned), c.Status, c.Message);
        return sb.ToString();
    }

    /// <summary>One row per notebook.</summary>
    public static string NotebooksCsv(IReadOnlyList<NotebookGrade> grades)
    {
        var sb = new StringBuilder("notebook,score,possible,percent,status,message\n");
        foreach (var g in grades)
            Row(sb, g.Notebook, N(g.Earned), N(g.Possible), N(Math.Round(g.Percent, 2)), g.Status, g.Message);
        return sb.ToString();
    }

    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static void Row(StringBuilder sb, params string[] fields) =>
        sb.Append(string.Join(',', fields.Select(Quote))).Append('\n');

    /// <summary>A CSV field, quoted when it holds a comma, a quote or a line break.</summary>
    public static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
}
