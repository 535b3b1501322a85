using System.Text;
using System.Text.Json.Nodes;
using Tutorial.Kernel.Messaging;
using Tutorial.Notebooks.Display;

namespace Tutorial.Kernel;

/// <summary>
/// Sends one execution's outputs to the front end as iopub messages while the cell runs:
/// <c>stream</c> (stdout/stderr text, gathered for up to 50 ms so a loop of WriteLine calls becomes a
/// few messages), <c>display_data</c> and <c>update_display_data</c> with the display id under
/// <c>transient</c>. A silent execution sends nothing. Pending stream text is always sent before a
/// display, so outputs arrive in the order the cell made them.
/// </summary>
internal sealed class KernelOutputSink : IOutputSink, IDisposable
{
    private static readonly TimeSpan FlushDelay = TimeSpan.FromMilliseconds(50);
    private readonly Action<string, JsonObject> _publish;
    private readonly bool _silent;
    private readonly Lock _gate = new();
    private readonly Timer _timer;
    private string? _streamName;
    private bool _disposed;
    private readonly StringBuilder _pending = new();

    /// <param name="publish">Sends an iopub message (type, content) as a child of the execute request.</param>
    /// <param name="silent">The request's <c>silent</c> flag: send nothing.</param>
    public KernelOutputSink(Action<string, JsonObject> publish, bool silent)
    {
        _publish = publish;
        _silent = silent;
        _timer = new Timer(_ => Flush(), null, Timeout.Infinite, Timeout.Infinite);
    }

    public void Stream(string name, string text)
    {
        if (_silent || text.Length == 0) return;
        lock (_gate)
        {
            if (_streamName is not null && _streamName != name) FlushLocked();
            bool wasEmpty = _pending.Length == 0;
            _streamName = name;
            _pending.Append(text);
            // After the cell ended (a background thread still writing) there is no timer: send at once.
            if (_pending.Length > 64 * 1024 || _disposed) FlushLocked();
            else if (wasEmpty) _timer.Change(FlushDelay, Timeout.InfiniteTimeSpan);
        }
    }

    public void Display(MimeBundle data, string displayId) => Send("display_data", data, displayId);

    public void UpdateDisplay(MimeBundle data, string displayId) => Send("update_display_data", data, displayId);

    /// <summary>Sends the cell's result (execute_result).</summary>
    public void Result(MimeBundle data, int executionCount)
    {
        if (_silent) return;
        lock (_gate)
        {
            FlushLocked();
            _publish("execute_result", new JsonObject
            {
                ["execution_count"] = executionCount,
                ["data"] = Bundle(data),
                ["metadata"] = new JsonObject(),
            });
        }
    }

    private void Send(string type, MimeBundle data, string displayId)
    {
        if (_silent) return;
        lock (_gate)
        {
            FlushLocked();
            _publish(type, new JsonObject
            {
                ["data"] = Bundle(data),
                ["metadata"] = new JsonObject(),
                ["transient"] = new JsonObject { ["display_id"] = displayId },
            });
        }
    }

    /// <summary>Sends pending stream text now.</summary>
    public void Flush()
    {
        lock (_gate) FlushLocked();
    }

    private void FlushLocked()
    {
        if (_pending.Length == 0 || _streamName is null) return;
        _publish("stream", new JsonObject { ["name"] = _streamName, ["text"] = _pending.ToString() });
        _pending.Clear();
    }

    /// <summary>A MIME bundle as protocol JSON: every representation is one string.</summary>
    internal static JsonObject Bundle(MimeBundle data)
    {
        var obj = new JsonObject();
        foreach (var (mime, content) in data.Items) obj[mime] = IsJson(mime) && TryParse(content) is { } json ? json : content;
        return obj;
    }

    /// <summary>application/json and the +json types travel as JSON, everything else as a string.</summary>
    private static bool IsJson(string mime) => mime == "application/json" || mime.EndsWith("+json", StringComparison.Ordinal);

    private static JsonNode? TryParse(string content)
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

    public void Dispose()
    {
        lock (_gate)
        {
            FlushLocked();
            _disposed = true;
            _timer.Dispose();
        }
    }
}
