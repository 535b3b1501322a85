using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tutorial.Notebooks.Ipynb;

/// <summary>
/// An nbformat-4 notebook (.ipynb) held as JSON, so metadata this kit does not know about
/// survives a load and save unchanged. Cells are wrapped by <see cref="NotebookCell"/>.
/// Files are written the way Jupyter writes them (keys sorted, one-space indent, sources split
/// into lines) so that re-running a notebook gives small diffs.
/// </summary>
public sealed class NotebookDocument
{
    private readonly JsonObject _root;

    private NotebookDocument(JsonObject root, string? path)
    {
        _root = root;
        Path = path;
        if (_root["cells"] is not JsonArray cells)
            throw new InvalidDataException($"{Describe(path)} has no 'cells' array; it is not an nbformat-4 notebook.");
        Cells = cells.Select((c, i) => c is JsonObject o
            ? new NotebookCell(o)
            : throw new InvalidDataException($"{Describe(path)}: cell {i + 1} is not a JSON object.")).ToList();
        EnsureCellIds();
    }

    /// <summary>nbformat 4.5 requires a unique id on every cell; older minor versions forbid it.</summary>
    private void EnsureCellIds()
    {
        if ((_root["nbformat_minor"]?.GetValue<int>() ?? 0) < 5) return;
        var seen = new HashSet<string>();
        for (int i = 0; i < Cells.Count; i++)
        {
            var json = Cells[i].Json;
            string? id = json["id"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            if (id is null || !seen.Add(id))
            {
                id = $"cell-{i + 1:D3}";
                for (int k = 2; !seen.Add(id); k++) id = $"cell-{i + 1:D3}-{k}";
                json["id"] = id;
            }
        }
    }

    /// <summary>The file this notebook was read from, if any.</summary>
    public string? Path { get; }

    /// <summary>The cells, in order.</summary>
    public IReadOnlyList<NotebookCell> Cells { get; private set; }

    /// <summary>The notebook-level metadata object.</summary>
    public JsonObject Metadata => _root["metadata"] as JsonObject ?? (JsonObject)(_root["metadata"] = new JsonObject());

    /// <summary>Reads a notebook; fails with the file name and the reason when it is not nbformat 4.</summary>
    public static NotebookDocument Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Notebook {path} does not exist.", path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses notebook JSON text.</summary>
    public static NotebookDocument Parse(string json, string? path = null)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{Describe(path)} is not valid JSON: {e.Message}", e);
        }
        if (node is not JsonObject root) throw new InvalidDataException($"{Describe(path)} is not a JSON object.");
        int major = root["nbformat"]?.GetValue<int>() ?? 0;
        if (major != 4) throw new InvalidDataException($"{Describe(path)} has nbformat {major}; only nbformat 4 is supported.");
        return new NotebookDocument(root, path);
    }

    /// <summary>A new, empty notebook with the kit's C# kernelspec and the Polyglot metadata.</summary>
    public static NotebookDocument Create()
    {
        var root = new JsonObject
        {
            ["cells"] = new JsonArray(),
            ["metadata"] = KernelMetadata.Create(),
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        return new NotebookDocument(root, null);
    }

    /// <summary>Appends a cell of type "code" or "markdown" with the given source.</summary>
    public NotebookCell AddCell(string cellType, string source)
    {
        var cell = NotebookCell.Create(cellType, source, _root["nbformat_minor"]?.GetValue<int>() >= 5 ? NewCellId() : null);
        ((JsonArray)_root["cells"]!).Add(cell.Json);
        Cells = [.. Cells, cell];
        return cell;
    }

    private string NewCellId()
    {
        var ids = Cells.Select(c => c.Json["id"]?.GetValue<string>()).ToHashSet();
        string id = $"cell-{Cells.Count + 1:D3}";
        for (int k = 2; ids.Contains(id); k++) id = $"cell-{Cells.Count + 1:D3}-{k}";
        return id;
    }

    /// <summary>The notebook as Jupyter would write it: keys sorted, one-space indent, trailing newline.</summary>
    public string ToJson()
    {
        var sb = new StringBuilder();
        JsonWriterSorted.Write(_root, sb, 0);
        sb.Append('\n');
        return sb.ToString();
    }

    /// <summary>Writes the notebook to <paramref name="path"/> (through a temporary file, so a crash never leaves half a notebook).</summary>
    public void Save(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        string tmp = full + ".tmp";
        File.WriteAllText(tmp, ToJson(), new UTF8Encoding(false));
        File.Move(tmp, full, overwrite: true);
    }

    /// <summary>A deep copy (for writing outputs elsewhere without touching the original).</summary>
    public NotebookDocument Clone() => new((JsonObject)_root.DeepClone(), Path);

    private static string Describe(string? path) => path is null ? "The notebook" : $"Notebook {path}";
}
