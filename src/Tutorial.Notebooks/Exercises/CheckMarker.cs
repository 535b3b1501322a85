using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tutorial.Notebooks.Exercises;

/// <summary>
/// The machine-readable form of a <see cref="CheckResult"/>. Every check shows itself as a
/// display_data output with three representations: text/plain and text/html for people, and
/// <see cref="MimeType"/> (a JSON object) for <c>tutorial grade</c>, which reads the scores
/// back from an executed notebook's outputs:
/// <code>
/// {"id": "sigmoid-derivative", "points": 1, "earned": 0, "passed": false, "kind": "function",
///  "message": "first mismatch at x = 0.37 …",
///  "mismatch": {"where": "x = 0.37 (input 4 of 16)", "index": 3, "expected": 0.24, "got": 0.05, "relative_error": 0.78},
///  "exception": null, "version": 1}
/// </code>
/// NaN and infinities are written as the strings "NaN", "Infinity" and "-Infinity".
/// </summary>
public static class CheckMarker
{
    /// <summary>The MIME type of a check's result in a notebook output.</summary>
    public const string MimeType = "application/vnd.tutorial.check+json";

    /// <summary>
    /// The environment variable naming a file that every check result is also appended to, one JSON object
    /// a line. <c>tutorial grade</c> sets it for its child processes so that results survive a child that is
    /// killed or exits before it could save the executed notebook.
    /// </summary>
    public const string LogVariable = "TUTORIAL_CHECK_LOG";

    private const int Version = 1;

    /// <summary>The result as a JSON object.</summary>
    public static JsonObject ToJson(CheckResult result)
    {
        var obj = new JsonObject
        {
            ["id"] = result.Id,
            ["points"] = Number(result.Points),
            ["earned"] = Number(result.Earned),
            ["passed"] = result.Passed,
            ["kind"] = result.Kind,
            ["message"] = result.Message,
            ["mismatch"] = result.Mismatch is { } m
                ? new JsonObject
                {
                    ["where"] = m.Where,
                    ["index"] = m.Index,
                    ["expected"] = Number(m.Expected),
                    ["got"] = Number(m.Got),
                    ["relative_error"] = Number(m.RelativeError),
                }
                : null,
            ["exception"] = result.Exception,
            ["version"] = Version,
        };
        return obj;
    }

    /// <summary>Reads a result written by <see cref="ToJson"/>; null when <paramref name="node"/> is not one.</summary>
    public static CheckResult? Parse(JsonNode? node)
    {
        // nbformat readers may hold the JSON as an object, a string or a list of lines.
        if (node is JsonArray lines && lines.All(l => l is JsonValue))
            node = TryParse(string.Concat(lines.Select(l => l!.GetValue<string>())));
        else if (node is JsonValue v && v.TryGetValue<string>(out var text))
            node = TryParse(text);
        if (node is not JsonObject obj) return null;
        if (obj["id"] is not JsonValue idValue || !idValue.TryGetValue<string>(out var id) || id.Length == 0) return null;
        if (obj["passed"] is not JsonValue passedValue || !passedValue.TryGetValue<bool>(out bool passed)) return null;
        Mismatch? mismatch = null;
        if (obj["mismatch"] is JsonObject m)
            mismatch = new Mismatch(Text(m["where"]) ?? "", m["index"] is JsonValue iv && iv.TryGetValue<int>(out int i) ? i : 0,
                ReadNumber(m["expected"]), ReadNumber(m["got"]), ReadNumber(m["relative_error"]));
        return new CheckResult
        {
            Id = id,
            Points = ReadNumber(obj["points"]) is var p && double.IsFinite(p) && p >= 0 ? p : 0,
            Passed = passed,
            Kind = Text(obj["kind"]) ?? "check",
            Message = Text(obj["message"]) ?? "",
            Mismatch = mismatch,
            Exception = Text(obj["exception"]),
        };
    }

    /// <summary>Reads a result from its JSON text; null when the text is not one.</summary>
    public static CheckResult? Parse(string json) => Parse(TryParse(json));

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static JsonNode Number(double value) =>
        double.IsFinite(value) ? JsonValue.Create(value) : JsonValue.Create(value.ToString(CultureInfo.InvariantCulture));

    private static double ReadNumber(JsonNode? node) => JsonNumbers.Read(node);
}
