using System.Text.Json.Nodes;

namespace Tutorial.Notebooks.Ipynb;

/// <summary>One cell of a notebook: its type, source, outputs and execution count, over the cell's JSON.</summary>
public sealed class NotebookCell
{
    internal NotebookCell(JsonObject json) => Json = json;

    internal JsonObject Json { get; }

    /// <summary>"code", "markdown" or "raw".</summary>
    public string CellType => Json["cell_type"]?.GetValue<string>() ?? "code";

    /// <summary>The source text (nbformat stores it as a string or a list of lines; both read the same).</summary>
    public string Source
    {
        get => Json["source"] switch
        {
            JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>() ?? "")),
            JsonValue v => v.GetValue<string>(),
            _ => "",
        };
        set => Json["source"] = SplitLines(value);
    }

    /// <summary>The cell's metadata object.</summary>
    public JsonObject Metadata => Json["metadata"] as JsonObject ?? (JsonObject)(Json["metadata"] = new JsonObject());

    /// <summary>The execution count of a code cell (null when not run).</summary>
    public int? ExecutionCount
    {
        get => Json["execution_count"] is JsonValue v && v.TryGetValue<int>(out int n) ? n : null;
        set => Json["execution_count"] = value;
    }

    /// <summary>The outputs of a code cell as nbformat JSON objects.</summary>
    public IReadOnlyList<JsonObject> Outputs =>
        Json["outputs"] is JsonArray arr ? arr.OfType<JsonObject>().ToList() : [];

    /// <summary>Replaces the outputs.</summary>
    public void SetOutputs(IEnumerable<JsonObject> outputs)
    {
        var arr = new JsonArray();
        foreach (var o in outputs) arr.Add(o.DeepClone());
        Json["outputs"] = arr;
    }

    /// <summary>True when an output is an error.</summary>
    public bool HasError => Outputs.Any(o => o["output_type"]?.GetValue<string>() == "error");

    internal static NotebookCell Create(string cellType, string source, string? id)
    {
        if (cellType is not ("code" or "markdown" or "raw"))
            throw new ArgumentException($"Unknown cell type '{cellType}'; use code, markdown or raw.", nameof(cellType));
        var json = new JsonObject { ["cell_type"] = cellType, ["metadata"] = new JsonObject(), ["source"] = SplitLines(source) };
        if (id is not null) json["id"] = id;
        if (cellType == "code")
        {
            json["execution_count"] = null;
            json["outputs"] = new JsonArray();
            json["metadata"] = new JsonObject
            {
                ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
            };
        }
        return new NotebookCell(json);
    }

    /// <summary>nbformat's multiline string: a list of lines, each but the last ending in "\n".</summary>
    internal static JsonArray SplitLines(string text)
    {
        var arr = new JsonArray();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                arr.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }
        if (start < text.Length) arr.Add(text[start..]);
        return arr;
    }
}
