using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis.CSharp;
using Tutorial.Kernel.Editing;
using Tutorial.Kernel.Messaging;
using Tutorial.Notebooks.Display;
using Tutorial.Notebooks.Execution;

namespace Tutorial.Kernel;

/// <summary>
/// A Jupyter kernel (messaging protocol 5.3) for C#, on the kit's notebook session
/// (<see cref="ScriptSession"/>: Roslyn scripting with state kept from cell to cell).
/// <list type="bullet">
/// <item>Shell requests run one at a time on a worker thread: <c>kernel_info</c>, <c>execute</c>,
/// <c>complete</c>, <c>inspect</c>, <c>is_complete</c>, <c>history</c> (empty), <c>comm_info</c> (none).
/// Each is wrapped in iopub <c>status</c> busy/idle messages.</item>
/// <item>Control requests are answered at once on the I/O thread, also while a cell runs:
/// <c>interrupt</c> (see <see cref="CellInterrupt"/>), <c>shutdown</c>, <c>kernel_info</c>.
/// SIGINT interrupts too.</item>
/// <item><c>Console.ReadLine()</c> in a cell becomes an <c>input_request</c> on stdin when the
/// request allowed it.</item>
/// <item>Shutdown, also with <c>restart: true</c>, ends the process: a Jupyter client restarts a
/// kernel by starting a new process, which starts a fresh session.</item>
/// </list>
/// </summary>
public sealed class JupyterKernel : IDisposable
{
    private readonly KernelLog _log;
    private readonly MessageSigner _signer;
    private readonly KernelChannels _channels;
    private readonly ScriptSession _session;
    private readonly string _sessionId = Guid.NewGuid().ToString("N");
    private readonly BlockingCollection<JupyterMessage> _shellQueue = new();
    private readonly BlockingCollection<string> _inputReplies = new();
    private readonly ManualResetEventSlim _shutdown = new();
    private readonly Thread _worker;
    private PosixSignalRegistration? _sigint;
    private Timer? _parentWatch;
    private int _executionCount;
    private volatile Execution? _current;

    private sealed record Execution(JupyterMessage Request, KernelOutputSink Sink, CellInterrupt Interrupt, bool AllowStdin);

    public JupyterKernel(ConnectionInfo connection, KernelLog log, string? workingDirectory = null)
    {
        _log = log;
        _signer = new MessageSigner(connection.Key);
        _channels = new KernelChannels(connection, _signer, log);
        _channels.Received += OnReceived;
        _session = new ScriptSession(workingDirectory ?? Directory.GetCurrentDirectory());
        Console.SetIn(new KernelStdin(RequestInputLine));
        _worker = new Thread(WorkLoop) { IsBackground = true, Name = "kernel-shell" };
        if (!_signer.Enabled) _log.Warn("the connection file has an empty key: messages are not signed (anyone who can reach the ports can run code)");
    }

    /// <summary>Binds the channels and serves until a shutdown request (or the parent process ends); returns the exit code.</summary>
    public int Run()
    {
        _channels.Start();
        _worker.Start();
        if (!OperatingSystem.IsWindows())
            _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
            {
                context.Cancel = true;
                _log.Info("SIGINT received");
                InterruptCurrent();
            });
        WatchParentProcess();
        // Warm the compiler up, so the first cell does not pay for it alone.
        _ = Task.Run(() =>
        {
            try { _session.CompileForEditing("1").GetDiagnostics(); }
            catch (Exception e) { _log.Warn($"compiler warm-up failed: {e.Message}"); }
        });
        _log.Info("kernel ready");
        _shutdown.Wait();
        _log.Info("kernel shutting down");
        InterruptCurrent();
        return 0;
    }

    private void WatchParentProcess()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("JPY_PARENT_PID"), out int parent) || parent <= 1) return;
        _parentWatch = new Timer(_ =>
        {
            try
            {
                using var p = Process.GetProcessById(parent);
                if (!p.HasExited) return;
            }
            catch (ArgumentException)
            {
                // No such process any more.
            }
            _log.Warn($"the Jupyter process {parent} that started this kernel is gone; shutting down");
            _shutdown.Set();
        }, null, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3));
    }

    // ---------------------------------------------------------------- routing (I/O thread)

    private void OnReceived(Channel channel, JupyterMessage message)
    {
        _log.Info($"{channel.ToString().ToLowerInvariant()} {message.MsgType} {Short(message.MsgId)}");
        switch (channel, message.MsgType)
        {
            case (Channel.Stdin, "input_reply"):
                _inputReplies.Add(message.Content["value"]?.GetValue<string>() ?? "");
                break;
            case (Channel.Control, "interrupt_request"):
                Busy(message, () =>
                {
                    InterruptCurrent();
                    Reply(Channel.Control, message, "interrupt_reply", new JsonObject { ["status"] = "ok" });
                });
                break;
            case (Channel.Control or Channel.Shell, "shutdown_request"):
                Busy(message, () => Shutdown(channel, message));
                break;
            case (Channel.Control, "kernel_info_request"):
                Busy(message, () => Reply(Channel.Control, message, "kernel_info_reply", KernelInfo()));
                break;
            case (Channel.Shell, _):
                _shellQueue.Add(message);
                break;
            default:
                _log.Warn($"unsupported {message.MsgType} on the {channel.ToString().ToLowerInvariant()} channel; ignored");
                break;
        }
    }

    private void Shutdown(Channel channel, JupyterMessage request)
    {
        bool restart = request.Content["restart"]?.GetValue<bool>() ?? false;
        var content = new JsonObject { ["status"] = "ok", ["restart"] = restart };
        Reply(channel, request, "shutdown_reply", content);
        Publish("shutdown_reply", (JsonObject)content.DeepClone(), request);
        _log.Info(restart ? "shutdown requested (restart: the client starts a new kernel process)" : "shutdown requested");
        _shutdown.Set();
    }

    private void InterruptCurrent()
    {
        if (_current is { } running)
        {
            _log.Info($"interrupting the running cell ({Short(running.Request.MsgId)})");
            running.Interrupt.Request();
        }
    }

    // ---------------------------------------------------------------- shell requests (worker thread)

    private void WorkLoop()
    {
        foreach (var message in _shellQueue.GetConsumingEnumerable())
            Busy(message, () => HandleShell(message));
    }

    private void HandleShell(JupyterMessage request)
    {
        try
        {
            switch (request.MsgType)
            {
                case "kernel_info_request":
                    Reply(Channel.Shell, request, "kernel_info_reply", KernelInfo());
                    break;
                case "execute_request":
                    Execute(request);
                    break;
                case "complete_request":
                    Reply(Channel.Shell, request, "complete_reply", Complete(request.Content));
                    break;
                case "inspect_request":
                    Reply(Channel.Shell, request, "inspect_reply", Inspect(request.Content));
                    break;
                case "is_complete_request":
                    var (status, indent) = SubmissionCompleteness.Check(request.Content["code"]?.GetValue<string>() ?? "");
                    Reply(Channel.Shell, request, "is_complete_reply", status == "incomplete"
                        ? new JsonObject { ["status"] = status, ["indent"] = indent }
                        : new JsonObject { ["status"] = status });
                    break;
                case "history_request":
                    Reply(Channel.Shell, request, "history_reply", new JsonObject { ["status"] = "ok", ["history"] = new JsonArray() });
                    break;
                case "comm_info_request":
                    Reply(Channel.Shell, request, "comm_info_reply", new JsonObject { ["status"] = "ok", ["comms"] = new JsonObject() });
                    break;
                default:
                    _log.Warn($"unsupported shell request {request.MsgType}; ignored");
                    break;
            }
        }
        catch (Exception e)
        {
            _log.Error($"{request.MsgType} {Short(request.MsgId)} failed: {e}");
            string replyType = request.MsgType.EndsWith("_request", StringComparison.Ordinal) ? request.MsgType[..^"_request".Length] + "_reply" : request.MsgType + "_reply";
            Reply(Channel.Shell, request, replyType, new JsonObject
            {
                ["status"] = "error",
                ["ename"] = e.GetType().Name,
                ["evalue"] = e.Message,
                ["traceback"] = new JsonArray($"{e.GetType().FullName}: {e.Message}"),
            });
        }
    }

    private void Execute(JupyterMessage request)
    {
        var c = request.Content;
        string code = c["code"]?.GetValue<string>() ?? "";
        bool silent = c["silent"]?.GetValue<bool>() ?? false;
        bool storeHistory = !silent && (c["store_history"]?.GetValue<bool>() ?? true);
        bool allowStdin = c["allow_stdin"]?.GetValue<bool>() ?? false;
        bool stopOnError = c["stop_on_error"]?.GetValue<bool>() ?? true;
        if (storeHistory) _executionCount++;
        int count = _executionCount;
        if (!silent) Publish("execute_input", new JsonObject { ["code"] = code, ["execution_count"] = count }, request);

        using var sink = new KernelOutputSink((type, content) => Publish(type, content, request), silent);
        var interrupt = new CellInterrupt();
        SubmissionResult result;
        _current = new Execution(request, sink, interrupt, allowStdin);
        try
        {
            using (interrupt.Enter())
                result = _session.SubmitAsync(InterruptibleCode.Instrument(code), sink, timeout: null, cellName: $"cell {Math.Max(count, 1)}").GetAwaiter().GetResult();
            if (result.Succeeded && result.HasValue)
            {
                try
                {
                    sink.Result(Formatters.Format(result.Value), count);
                }
                catch (Exception e)
                {
                    result = result with { Error = new CellError(e.GetType().Name, $"Showing the cell's value failed: {e.Message}", [$"{e.GetType().FullName}: {e.Message}"]) };
                }
            }
        }
        finally
        {
            _current = null;
            sink.Flush();
        }

        if (result.Error is { } error)
        {
            var traceback = new JsonArray(error.Traceback.Where(line => !IsKernelFrame(line))
                .Select((line, i) => (JsonNode)(i == 0 ? $"\u001b[0;31m{line}\u001b[0m" : line)).ToArray());
            if (!silent)
                Publish("error", new JsonObject { ["ename"] = error.Name, ["evalue"] = error.Message, ["traceback"] = traceback.DeepClone() }, request);
            Reply(Channel.Shell, request, "execute_reply", new JsonObject
            {
                ["status"] = "error",
                ["execution_count"] = count,
                ["ename"] = error.Name,
                ["evalue"] = error.Message,
                ["traceback"] = traceback,
            });
            _log.Info($"execute {Short(request.MsgId)} failed: {error.Name} ({result.Elapsed.TotalMilliseconds:0} ms)");
            if (stopOnError) AbortQueuedExecutions();
            return;
        }
        Reply(Channel.Shell, request, "execute_reply", new JsonObject
        {
            ["status"] = "ok",
            ["execution_count"] = count,
            ["payload"] = new JsonArray(),
            ["user_expressions"] = new JsonObject(),
        });
        _log.Info($"execute {Short(request.MsgId)} ok ({result.Elapsed.TotalMilliseconds:0} ms)");
    }

    /// <summary>After a failed cell, execute requests already waiting are answered "aborted" (as ipykernel does); other waiting requests are still served.</summary>
    private void AbortQueuedExecutions()
    {
        var waiting = new List<JupyterMessage>();
        while (_shellQueue.TryTake(out var m)) waiting.Add(m);
        foreach (var m in waiting)
        {
            if (m.MsgType == "execute_request")
            {
                _log.Info($"execute {Short(m.MsgId)} aborted after an error");
                Busy(m, () => Reply(Channel.Shell, m, "execute_reply", new JsonObject { ["status"] = "aborted", ["execution_count"] = _executionCount }));
            }
            else Busy(m, () => HandleShell(m));
        }
    }

    private JsonObject Complete(JsonObject content)
    {
        string code = content["code"]?.GetValue<string>() ?? "";
        int cursor = CodePoints.ToUtf16Index(code, content["cursor_pos"]?.GetValue<int>() ?? code.Length);
        var list = CodeCompletion.Complete(_session, code, cursor);
        int start = CodePoints.ToCodePoint(code, list.Start), end = CodePoints.ToCodePoint(code, list.End);
        return new JsonObject
        {
            ["status"] = "ok",
            ["matches"] = new JsonArray(list.Items.Select(i => (JsonNode)i.Text).ToArray()),
            ["cursor_start"] = start,
            ["cursor_end"] = end,
            ["metadata"] = new JsonObject
            {
                ["_jupyter_types_experimental"] = new JsonArray(list.Items.Select(i => (JsonNode)new JsonObject
                {
                    ["start"] = start,
                    ["end"] = end,
                    ["text"] = i.Text,
                    ["type"] = i.Kind,
                }).ToArray()),
            },
        };
    }

    private JsonObject Inspect(JsonObject content)
    {
        string code = content["code"]?.GetValue<string>() ?? "";
        int cursor = CodePoints.ToUtf16Index(code, content["cursor_pos"]?.GetValue<int>() ?? code.Length);
        string? text = CodeInspection.Inspect(_session, code, cursor);
        return new JsonObject
        {
            ["status"] = "ok",
            ["found"] = text is not null,
            ["data"] = text is null ? new JsonObject() : new JsonObject { ["text/plain"] = text },
            ["metadata"] = new JsonObject(),
        };
    }

    private static JsonObject KernelInfo() => new()
    {
        ["status"] = "ok",
        ["protocol_version"] = JupyterMessage.ProtocolVersion,
        ["implementation"] = "tutorial-kit",
        ["implementation_version"] = typeof(JupyterKernel).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0] ?? "1.0.0",
        ["language_info"] = new JsonObject
        {
            ["name"] = "C#",
            ["version"] = LanguageVersion.Latest.MapSpecifiedToEffectiveVersion().ToDisplayString(),
            ["mimetype"] = "text/x-csharp",
            ["file_extension"] = ".cs",
            ["pygments_lexer"] = "csharp",
            ["codemirror_mode"] = "text/x-csharp",
        },
        ["banner"] = $"C# {LanguageVersion.Latest.MapSpecifiedToEffectiveVersion().ToDisplayString()} on .NET {Environment.Version} (Roslyn scripting) - the deep-learning tutorial kit's kernel",
        ["help_links"] = new JsonArray(new JsonObject { ["text"] = "C# language reference", ["url"] = "https://learn.microsoft.com/dotnet/csharp/" }),
        ["debugger"] = false,
    };

    // ---------------------------------------------------------------- stdin

    /// <summary>Console.ReadLine in a cell: asks the front end for a line and waits for it (an interrupt ends the wait).</summary>
    private string RequestInputLine()
    {
        var running = _current ?? throw new InvalidOperationException("Console.ReadLine was called outside a running cell.");
        if (!running.AllowStdin)
            throw new InvalidOperationException("Console.ReadLine needs a front end that accepts input; this request was sent with allow_stdin = false.");
        while (_inputReplies.TryTake(out _)) { }
        running.Sink.Flush();
        var request = JupyterMessage.Create("input_request", new JsonObject { ["prompt"] = "", ["password"] = false }, _sessionId, running.Request, running.Request.Identities);
        _channels.Send(Channel.Stdin, request);
        while (true)
        {
            if (_inputReplies.TryTake(out var line, TimeSpan.FromMilliseconds(100))) return line;
            if (running.Interrupt.IsRequested) throw new CellInterruptedException();
            if (_shutdown.IsSet) throw new CellInterruptedException();
        }
    }

    // ---------------------------------------------------------------- sending

    private void Busy(JupyterMessage request, Action handle)
    {
        Publish("status", new JsonObject { ["execution_state"] = "busy" }, request);
        try
        {
            handle();
        }
        finally
        {
            Publish("status", new JsonObject { ["execution_state"] = "idle" }, request);
        }
    }

    private void Reply(Channel channel, JupyterMessage request, string type, JsonObject content) =>
        _channels.Send(channel, JupyterMessage.Create(type, content, _sessionId, request, request.Identities));

    private void Publish(string type, JsonObject content, JupyterMessage parent) =>
        _channels.Send(Channel.IOPub, JupyterMessage.Create(type, content, _sessionId, parent, [System.Text.Encoding.UTF8.GetBytes($"kernel.{_sessionId[..8]}.{type}")]));

    /// <summary>Stack frames of the kernel's own plumbing (the interrupt check, Console.ReadLine's relay), hidden from tracebacks.</summary>
    private static bool IsKernelFrame(string line)
    {
        string t = line.TrimStart();
        return t.StartsWith("at Tutorial.Kernel.", StringComparison.Ordinal) ||
               t.StartsWith("at Tutorial.Notebooks.Execution.CellInterrupt.", StringComparison.Ordinal) ||
               t.StartsWith("at System.IO.SyncTextReader.", StringComparison.Ordinal);
    }

    private static string Short(string id) => id.Length > 40 ? id[..40] : id;

    public void Dispose()
    {
        _sigint?.Dispose();
        _parentWatch?.Dispose();
        _shellQueue.CompleteAdding();
        _channels.Dispose();
        _signer.Dispose();
    }
}
