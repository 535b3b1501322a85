using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tutorial.Notebooks.Ipynb;

/// <summary>Writes JSON the way Jupyter's nbformat does: object keys sorted, one-space indent, non-ASCII kept.</summary>
internal static class JsonWriterSorted
{
    private static readonly JsonSerializerOptions StringOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(JsonNode? node, StringBuilder sb, int indent)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject obj:
                if (obj.Count == 0) { sb.Append("{}"); break; }
                sb.Append("{\n");
                var keys = obj.Select(kv => kv.Key).OrderBy(k => k, StringComparer.Ordinal).ToList();
                for (int i = 0; i < keys.Count; i++)
                {
                    sb.Append(' ', indent + 1).Append(JsonSerializer.Serialize(keys[i], StringOptions)).Append(": ");
                    Write(obj[keys[i]], sb, indent + 1);
                    if (i < keys.Count - 1) sb.Append(',');
                    sb.Append('\n');
                }
                sb.Append(' ', indent).Append('}');
                break;
            case JsonArray arr:
                if (arr.Count == 0) { sb.Append("[]"); break; }
                sb.Append("[\n");
                for (int i = 0; i < arr.Count; i++)
                {
                    sb.Append(' ', indent + 1);
                    Write(arr[i], sb, indent + 1);
                    if (i < arr.Count - 1) sb.Append(',');
                    sb.Append('\n');
                }
                sb.Append(' ', indent).Append(']');
                break;
            case JsonValue value:
                sb.Append(value.ToJsonString(StringOptions));
                break;
        }
    }
}
