using Tutorial.Notebooks.Display;

namespace Tutorial.Notebooks.Execution;

/// <summary>
/// The globals every cell sees, as in .NET Interactive: <c>display(x)</c> shows a value now and
/// returns a handle whose <c>Update</c> replaces it later.
/// </summary>
public class NotebookGlobals
{
    private readonly ScriptSession _session;
    private int _displayCounter;

    internal NotebookGlobals(ScriptSession session) => _session = session;

    /// <summary>Shows <paramref name="value"/> with every representation its formatter gives.</summary>
    public DisplayHandle display(object? value) => Show(Formatters.Format(value));

    /// <summary>Shows <paramref name="value"/> as one MIME type, e.g. "text/html".</summary>
    public DisplayHandle display(object? value, string mimeType) => Show(Formatters.Format(value, mimeType));

    private DisplayHandle Show(MimeBundle bundle)
    {
        string id = $"{_session.SessionId}-{Interlocked.Increment(ref _displayCounter)}";
        _session.CurrentSink?.Display(bundle, id);
        return new DisplayHandle(id, () => _session.CurrentSink);
    }
}
