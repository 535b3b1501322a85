using System.Globalization;
using System.Text.Json.Nodes;

namespace Tutorial.Notebooks.Exercises;

/// <summary>Reads a number from JSON however it is held: parsed text, a boxed int or double, or a string such as "NaN".</summary>
internal static class JsonNumbers
{
    public static double Read(JsonNode? node, double fallback = double.NaN)
    {
        if (node is not JsonValue v) return fallback;
        if (v.TryGetValue<double>(out double d)) return d;
        if (v.TryGetValue<int>(out int i)) return i;
        if (v.TryGetValue<long>(out long l)) return l;
        if (v.TryGetValue<float>(out float f)) return f;
        if (v.TryGetValue<decimal>(out decimal m)) return (double)m;
        if (v.TryGetValue<string>(out var s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out d)) return d;
        return fallback;
    }
}
