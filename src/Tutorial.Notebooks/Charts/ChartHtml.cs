using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Plotly.NET;

namespace Tutorial.Notebooks.Charts;

/// <summary>
/// The kit's formatter for Plotly.NET charts (Plotly.NET's own prints a placeholder): a &lt;div&gt; sized as
/// the chart's layout, and a script that draws it with plotly.js (see <see cref="PlotlyJs"/> for where the
/// script comes from; never a CDN).
/// <para>The figure is Plotly.NET's own JSON (<c>GenericChart.toJson</c>: data, layout, config), re-encoded so
/// that &lt;, &gt;, &amp; and quotes are \u escapes and cannot end the script element. The element id is a
/// hash of the figure, so running a notebook twice writes the same output.</para>
/// </summary>
public static class ChartHtml
{
    /// <summary>The &lt;div&gt; + &lt;script&gt; that shows <paramref name="chart"/>.</summary>
    public static string ToHtml(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var figure = Figure(chart);
        if (figure["data"] is JsonNode data) figure["data"] = CompactNumbers(data);
        var layout = figure["layout"] as JsonObject;
        int width = Size(layout, "width", 600), height = Size(layout, "height", 450);
        string json = figure.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.Default });
        string id = "tutorial-plot-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..16];
        return $"<div id=\"{id}\" class=\"tutorial-plot\" style=\"width: {width}px; max-width: 100%; height: {height}px;\"></div>\n" +
               $"<script type=\"text/javascript\">\n{PlotlyJs.DrawScript(id, json)}</script>";
    }

    /// <summary>A one-line description for text-only front ends: <c>Plotly chart "Loss" (scatter × 2)</c>.</summary>
    public static string ToText(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var figure = Figure(chart);
        string? title = figure["layout"]?["title"]?["text"]?.GetValue<string>();
        var types = (figure["data"] as JsonArray ?? []).Select(t => t?["type"]?.GetValue<string>() ?? "trace")
            .GroupBy(t => t).Select(g => g.Count() == 1 ? g.Key : $"{g.Key} × {g.Count()}");
        return $"Plotly chart{(title is null ? "" : $" \"{title}\"")} ({string.Join(", ", types)})";
    }

    /// <summary>{data, layout, config} as Plotly.NET serialises them.</summary>
    internal static JsonObject Figure(GenericChart chart) =>
        JsonNode.Parse(GenericChart.toJson(chart)) as JsonObject ?? throw new InvalidOperationException("Plotly.NET returned a chart that is not a JSON object.");

    /// <summary>Significant digits kept for the non-integer numbers of a chart's traces (what a reader can see or hover).</summary>
    public const int SignificantDigits = 5;

    /// <summary>
    /// A copy of <paramref name="node"/> with every non-integer number rounded to <see cref="SignificantDigits"/>
    /// significant digits (integers, strings and non-finite values unchanged). A 100 × 100 contour serialised at full
    /// double precision is ~200 KB of digits nobody can see; rounded it is under half of that.
    /// </summary>
    internal static JsonNode? CompactNumbers(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, CompactNumbers(p.Value)))),
        JsonArray a => new JsonArray(a.Select(CompactNumbers).ToArray()),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out double d)
                         && double.IsFinite(d) && d != Math.Floor(d) => JsonValue.Create(Round(d, SignificantDigits)),
        _ => node?.DeepClone(),
    };

    /// <summary><paramref name="value"/> rounded to <paramref name="digits"/> significant digits.</summary>
    internal static double Round(double value, int digits) =>
        double.Parse(value.ToString("G" + digits, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static int Size(JsonObject? layout, string key, int fallback) =>
        layout?[key] is JsonValue v && v.TryGetValue<double>(out double d) && d > 0 ? (int)Math.Round(d, MidpointRounding.AwayFromZero)
        : layout?[key] is JsonValue s && s.TryGetValue<string>(out var str) && double.TryParse(str, NumberStyles.Float, CultureInfo.InvariantCulture, out double p) && p > 0 ? (int)p
        : fallback;
}
