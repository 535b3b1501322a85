namespace Tutorial.Notebooks.Display;

/// <summary>
/// One value in several representations, keyed by MIME type (text/plain, text/html, image/png as
/// base64, image/svg+xml, text/markdown …), in the order they were added. Jupyter front ends pick
/// the richest one they can show; text/plain is always present.
/// </summary>
public sealed class MimeBundle
{
    private readonly List<KeyValuePair<string, string>> _items = [];

    /// <summary>The representations, in insertion order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Items => _items;

    /// <summary>Adds or replaces a representation.</summary>
    public MimeBundle Set(string mimeType, string content)
    {
        int i = _items.FindIndex(kv => kv.Key == mimeType);
        if (i >= 0) _items[i] = new(mimeType, content);
        else _items.Add(new(mimeType, content));
        return this;
    }

    /// <summary>The representation for <paramref name="mimeType"/>, or null.</summary>
    public string? Get(string mimeType) => _items.FirstOrDefault(kv => kv.Key == mimeType).Value;

    /// <summary>True when the bundle has the MIME type.</summary>
    public bool Has(string mimeType) => _items.Any(kv => kv.Key == mimeType);

    /// <summary>A bundle with only text/plain.</summary>
    public static MimeBundle PlainText(string text) => new MimeBundle().Set("text/plain", text);
}
