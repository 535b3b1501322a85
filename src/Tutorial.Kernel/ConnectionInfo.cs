using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tutorial.Kernel;

/// <summary>
/// The connection file a Jupyter client writes and hands to the kernel (<c>--connection-file</c>):
/// the transport, the IP address and the five ports the kernel binds, and the key that signs every
/// message (an empty key means messages are not signed).
/// </summary>
public sealed record ConnectionInfo
{
    [JsonPropertyName("transport")] public string Transport { get; init; } = "tcp";
    [JsonPropertyName("ip")] public string Ip { get; init; } = "127.0.0.1";
    [JsonPropertyName("shell_port")] public int ShellPort { get; init; }
    [JsonPropertyName("iopub_port")] public int IopubPort { get; init; }
    [JsonPropertyName("stdin_port")] public int StdinPort { get; init; }
    [JsonPropertyName("control_port")] public int ControlPort { get; init; }
    [JsonPropertyName("hb_port")] public int HeartbeatPort { get; init; }
    [JsonPropertyName("key")] public string Key { get; init; } = "";
    [JsonPropertyName("signature_scheme")] public string SignatureScheme { get; init; } = "hmac-sha256";
    [JsonPropertyName("kernel_name")] public string? KernelName { get; init; }

    /// <summary>Reads and checks a connection file; the message names the file and what is wrong.</summary>
    public static ConnectionInfo Load(string path)
    {
        if (!File.Exists(path)) throw new InvalidDataException($"The connection file {path} does not exist.");
        ConnectionInfo? info;
        try
        {
            info = JsonSerializer.Deserialize<ConnectionInfo>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The connection file {path} is not valid JSON: {e.Message}");
        }
        if (info is null) throw new InvalidDataException($"The connection file {path} is empty.");
        info.Validate(path);
        return info;
    }

    private void Validate(string path)
    {
        if (Transport != "tcp")
            throw new InvalidDataException($"The connection file {path} asks for transport '{Transport}'; this kernel supports only 'tcp'.");
        if (!string.IsNullOrEmpty(Key) && SignatureScheme != "hmac-sha256")
            throw new InvalidDataException($"The connection file {path} asks for signature scheme '{SignatureScheme}'; this kernel supports only 'hmac-sha256'.");
        foreach (var (name, port) in new[] { ("shell_port", ShellPort), ("iopub_port", IopubPort), ("stdin_port", StdinPort), ("control_port", ControlPort), ("hb_port", HeartbeatPort) })
            if (port is <= 0 or > 65535) throw new InvalidDataException($"The connection file {path} has {name} = {port}; a port between 1 and 65535 is needed.");
        if (string.IsNullOrWhiteSpace(Ip)) throw new InvalidDataException($"The connection file {path} has no ip.");
    }

    /// <summary>The ZeroMQ endpoint for <paramref name="port"/>, e.g. tcp://127.0.0.1:5555.</summary>
    public string Endpoint(int port) => $"{Transport}://{(Ip.Contains(':') && !Ip.StartsWith('[') ? $"[{Ip}]" : Ip)}:{port}";
}
