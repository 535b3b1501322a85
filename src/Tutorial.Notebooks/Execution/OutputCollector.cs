using System.Text.Json.Nodes;
using Tutorial.Notebooks.Display;
using Tutorial.Notebooks.Ipynb;

namespace Tutorial.Notebooks.Execution;

/// <summary>
/// An <see cref="IOutputSink"/> that builds nbformat outputs for the cells of one notebook run:
/// consecutive text on the same stream is merged, displays keep their display_id so a later
/// update (from the same or a later cell) replaces them in place.
/// </summary>
internal sealed class OutputCollector : IOutputSink
{
    private readonly Dictionary<int, List<JsonObject>> _outputs = [];
    private readonly Dictionary<string, List<(int Cell, JsonObject Output)>> _displays = [];

    /// <summary>The cell whose outputs are being collected.</summary>
    public int CurrentCell { get; set; }

    /// <summary>The outputs collected for cell <paramref name="cell"/> so far.</summary>
    public List<JsonObject> OutputsOf(int cell) =>
        _outputs.TryGetValue(cell, out var list) ? list : _outputs[cell] = [];

    public void Stream(string name, string text)
    {
        lock (_outputs)
        {
            var list = OutputsOf(CurrentCell);
            if (list.Count > 0 && list[^1]["output_type"]?.GetValue<string>() == "stream" && list[^1]["name"]?.GetValue<string>() == name)
            {
                string previous = string.Concat(((JsonArray)list[^1]["text"]!).Select(n => n!.GetValue<string>()));
                list[^1]["text"] = NotebookCell.SplitLines(previous + text);
            }
            else
            {
                list.Add(new JsonObject { ["output_type"] = "stream", ["name"] = name, ["text"] = NotebookCell.SplitLines(text) });
            }
        }
    }

    public void Display(MimeBundle data, string displayId)
    {
        lock (_outputs)
        {
            var output = new JsonObject { ["output_type"] = "display_data", ["data"] = ToJson(data), ["metadata"] = new JsonObject() };
            OutputsOf(CurrentCell).Add(output);
            if (!_displays.TryGetValue(displayId, out var shown)) _displays[displayId] = shown = [];
            shown.Add((CurrentCell, output));
        }
    }

    public void UpdateDisplay(MimeBundle data, string displayId)
    {
        lock (_outputs)
        {
            if (!_displays.TryGetValue(displayId, out var shown)) return;
            foreach (var (_, output) in shown) output["data"] = ToJson(data);
        }
    }

    /// <summary>Adds the cell's result (the value of its last expression).</summary>
    public void Result(MimeBundle data, int executionCount)
    {
        lock (_outputs)
            OutputsOf(CurrentCell).Add(new JsonObject
            {
                ["output_type"] = "execute_result",
                ["execution_count"] = executionCount,
                ["data"] = ToJson(data),
                ["metadata"] = new JsonObject(),
            });
    }

    /// <summary>Adds an error output.</summary>
    public void Error(CellError error)
    {
        lock (_outputs)
            OutputsOf(CurrentCell).Add(new JsonObject
            {
                ["output_type"] = "error",
                ["ename"] = error.Name,
                ["evalue"] = error.Message,
                ["traceback"] = new JsonArray(error.Traceback.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray()),
            });
    }

    /// <summary>nbformat mime bundle: text types as line lists, binary (base64) as single strings, JSON types (application/json, application/…+json) as JSON.</summary>
    internal static JsonObject ToJson(MimeBundle data)
    {
        var obj = new JsonObject();
        foreach (var (mime, content) in data.Items)
            obj[mime] = IsJson(mime) && TryParseJson(content) is { } json ? json
                : mime.StartsWith("image/", StringComparison.Ordinal) && mime != "image/svg+xml" ? JsonValue.Create(content)
                : NotebookCell.SplitLines(content);
        return obj;
    }

    private static bool IsJson(string mime) =>
        mime == "application/json" || (mime.StartsWith("application/", StringComparison.Ordinal) && mime.EndsWith("+json", StringComparison.Ordinal));

    private static JsonNode? TryParseJson(string content)
    {
        try
        {
            return JsonNode.Parse(content);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
