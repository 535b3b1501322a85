using NetMQ;
using NetMQ.Sockets;

namespace Tutorial.Kernel.Messaging;

/// <summary>The kernel's five ZeroMQ channels.</summary>
public enum Channel
{
    Shell,
    Control,
    Stdin,
    IOPub,
}

/// <summary>
/// Owns the kernel's ZeroMQ sockets, each bound only to the transport, address and port of the
/// connection file: shell, control and stdin (ROUTER), iopub (PUB) and heartbeat (REP, echoes every
/// message). One I/O thread (a <see cref="NetMQPoller"/>) owns shell, control, stdin and iopub:
/// received messages are verified (<see cref="MessageSigner"/>) and handed to
/// <see cref="Received"/> on that thread; <see cref="Send"/> may be called from any thread and
/// queues the message for that thread, so messages leave in the order they were sent.
/// A message with a bad or missing signature is dropped and logged (never the key).
/// The heartbeat has a thread of its own so it answers while the I/O thread is busy.
/// </summary>
public sealed class KernelChannels : IDisposable
{
    private readonly ConnectionInfo _info;
    private readonly MessageSigner _signer;
    private readonly KernelLog _log;
    private readonly RouterSocket _shell = new(), _control = new(), _stdin = new();
    private readonly PublisherSocket _iopub = new();
    private readonly ResponseSocket _heartbeat = new();
    private readonly NetMQQueue<Action> _outbox = new();
    private readonly NetMQPoller _poller, _heartbeatPoller;
    private int _disposed;

    public KernelChannels(ConnectionInfo info, MessageSigner signer, KernelLog log)
    {
        _info = info;
        _signer = signer;
        _log = log;
        foreach (NetMQSocket s in new NetMQSocket[] { _shell, _control, _stdin, _iopub, _heartbeat })
            s.Options.Linger = TimeSpan.FromSeconds(1);
        _iopub.Options.SendHighWatermark = 100_000;
        _shell.ReceiveReady += (_, e) => Receive(Channel.Shell, e.Socket);
        _control.ReceiveReady += (_, e) => Receive(Channel.Control, e.Socket);
        _stdin.ReceiveReady += (_, e) => Receive(Channel.Stdin, e.Socket);
        _outbox.ReceiveReady += (_, e) =>
        {
            while (e.Queue.TryDequeue(out var send, TimeSpan.Zero)) send();
        };
        _heartbeat.ReceiveReady += (_, e) =>
        {
            var frames = new List<byte[]>();
            while (e.Socket.TryReceiveMultipartBytes(ref frames)) e.Socket.SendMultipartBytes(frames);
        };
        _poller = new NetMQPoller { _shell, _control, _stdin, _outbox };
        _heartbeatPoller = new NetMQPoller { _heartbeat };
    }

    /// <summary>Raised on the I/O thread for every message whose signature verified.</summary>
    public event Action<Channel, JupyterMessage>? Received;

    /// <summary>Binds every socket and starts the I/O and heartbeat threads.</summary>
    public void Start()
    {
        Bind(_shell, "shell", _info.ShellPort);
        Bind(_control, "control", _info.ControlPort);
        Bind(_stdin, "stdin", _info.StdinPort);
        Bind(_iopub, "iopub", _info.IopubPort);
        Bind(_heartbeat, "heartbeat", _info.HeartbeatPort);
        _poller.RunAsync("kernel-io", isBackgroundThread: true);
        _heartbeatPoller.RunAsync("kernel-heartbeat", isBackgroundThread: true);
    }

    private void Bind(NetMQSocket socket, string name, int port)
    {
        string endpoint = _info.Endpoint(port);
        try
        {
            socket.Bind(endpoint);
        }
        catch (NetMQException e)
        {
            throw new IOException($"Cannot bind the {name} channel to {endpoint}: {e.Message}", e);
        }
        _log.Info($"{name} channel bound to {endpoint}");
    }

    /// <summary>Queues <paramref name="message"/> for <paramref name="channel"/>; safe from any thread.</summary>
    public void Send(Channel channel, JupyterMessage message)
    {
        if (Volatile.Read(ref _disposed) != 0) return;
        NetMQSocket socket = channel switch
        {
            Channel.Shell => _shell,
            Channel.Control => _control,
            Channel.Stdin => _stdin,
            _ => _iopub,
        };
        try
        {
            _outbox.Enqueue(() => socket.SendMultipartBytes(message.Encode(_signer)));
        }
        catch (ObjectDisposedException)
        {
            // Shutting down: nothing is listening any more.
        }
    }

    /// <summary>Runs <paramref name="action"/> on the I/O thread after every message queued before it was sent.</summary>
    public void Post(Action action) => _outbox.Enqueue(action);

    private void Receive(Channel channel, NetMQSocket socket)
    {
        var frames = new List<byte[]>();
        while (socket.TryReceiveMultipartBytes(ref frames))
        {
            // Decode copies what it keeps, so the list can be reused for the next message.
            var message = JupyterMessage.Decode(frames, _signer, out string? problem);
            if (message is null)
            {
                _log.Warn($"dropped a message on the {channel.ToString().ToLowerInvariant()} channel: {problem} ({frames.Count} frames)");
                continue;
            }
            try
            {
                Received?.Invoke(channel, message);
            }
            catch (Exception e)
            {
                _log.Error($"handling {message.MsgType} ({message.MsgId}) on {channel} failed: {e}");
            }
        }
    }

    /// <summary>Stops the threads after sending what is queued, and closes the sockets.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        using var sent = new ManualResetEventSlim();
        try
        {
            _outbox.Enqueue(sent.Set);
            sent.Wait(TimeSpan.FromSeconds(2));
        }
        catch (ObjectDisposedException)
        {
        }
        _heartbeatPoller.Stop();
        _poller.Stop();
        _poller.Dispose();
        _heartbeatPoller.Dispose();
        foreach (var s in new IDisposable[] { _shell, _control, _stdin, _iopub, _heartbeat, _outbox }) s.Dispose();
    }
}
