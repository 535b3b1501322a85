namespace Tutorial.Notebooks.Display;

/// <summary>HTML to show as is: <c>display(new Html("&lt;b&gt;hi&lt;/b&gt;"))</c>.</summary>
public sealed record Html(string Content)
{
    public override string ToString() => Content;
}

/// <summary>Markdown (math with $…$ allowed) to show rendered.</summary>
public sealed record Markdown(string Content)
{
    public override string ToString() => Content;
}

/// <summary>A PNG image given by its bytes.</summary>
public sealed record PngImage(byte[] Bytes, string AltText = "image")
{
    public override string ToString() => $"{AltText} (PNG, {Bytes.Length} bytes)";
}

/// <summary>Registers the formatters for the rich value types above.</summary>
internal static class RichValueFormatters
{
    private static int _registered;

    public static void EnsureRegistered()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        Formatters.Register<Html>((h, b) => b.Set("text/html", h.Content));
        Formatters.Register<Markdown>((m, b) => b.Set("text/markdown", m.Content));
        Formatters.Register<PngImage>((p, b) => b.Set("image/png", Convert.ToBase64String(p.Bytes)));
    }
}
