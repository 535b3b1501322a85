namespace Tutorial.Notebooks.Display;

/// <summary>
/// What <c>display(x)</c> returns: a handle whose <c>Update</c> replaces the displayed value
/// in place (for live training curves), as .NET Interactive's DisplayedValue did.
/// </summary>
public sealed class DisplayHandle
{
    private readonly Func<IOutputSink?> _sink;

    internal DisplayHandle(string displayId, Func<IOutputSink?> sink)
    {
        DisplayId = displayId;
        _sink = sink;
    }

    /// <summary>The Jupyter display_id.</summary>
    public string DisplayId { get; }

    /// <summary>Replaces the displayed value with <paramref name="value"/>.</summary>
    public void Update(object? value) => _sink()?.UpdateDisplay(Formatters.Format(value), DisplayId);

    /// <summary>Replaces the displayed value with <paramref name="value"/> shown as <paramref name="mimeType"/>.</summary>
    public void Update(object? value, string mimeType) => _sink()?.UpdateDisplay(Formatters.Format(value, mimeType), DisplayId);
}
