using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Tutorial.Kernel.Messaging;

/// <summary>
/// One Jupyter message (protocol 5.3): the routing identities, the header (msg_id, session,
/// username, date, msg_type, version), the parent header of the request it answers, metadata,
/// content and optional binary buffers. On the wire it is the multipart ZeroMQ message
/// <c>[identities…, "&lt;IDS|MSG&gt;", signature, header, parent_header, metadata, content, buffers…]</c>.
/// </summary>
public sealed class JupyterMessage
{
    public const string ProtocolVersion = "5.3";
    public static readonly byte[] Delimiter = "<IDS|MSG>"u8.ToArray();

    public IReadOnlyList<byte[]> Identities { get; init; } = [];
    public required JsonObject Header { get; init; }
    public JsonObject ParentHeader { get; init; } = [];
    public JsonObject Metadata { get; init; } = [];
    public required JsonObject Content { get; init; }
    public IReadOnlyList<byte[]> Buffers { get; init; } = [];

    public string MsgType => Header["msg_type"]?.GetValue<string>() ?? "";
    public string MsgId => Header["msg_id"]?.GetValue<string>() ?? "";

    /// <summary>A new message of <paramref name="msgType"/> that answers (or was caused by) <paramref name="parent"/>.</summary>
    public static JupyterMessage Create(string msgType, JsonObject content, string session, JupyterMessage? parent = null, IReadOnlyList<byte[]>? identities = null) => new()
    {
        Identities = identities ?? [],
        Header = NewHeader(msgType, session),
        ParentHeader = parent is null ? [] : (JsonObject)parent.Header.DeepClone(),
        Content = content,
    };

    public static JsonObject NewHeader(string msgType, string session) => new()
    {
        ["msg_id"] = Guid.NewGuid().ToString("N"),
        ["session"] = session,
        ["username"] = "kernel",
        // jupyter_client reads at most six fractional digits.
        ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        ["msg_type"] = msgType,
        ["version"] = ProtocolVersion,
    };

    /// <summary>The frames to send, signed with <paramref name="signer"/>.</summary>
    public List<byte[]> Encode(MessageSigner signer)
    {
        byte[] header = Utf8(Header), parent = Utf8(ParentHeader), metadata = Utf8(Metadata), content = Utf8(Content);
        var frames = new List<byte[]>(Identities.Count + 6 + Buffers.Count);
        frames.AddRange(Identities);
        frames.Add(Delimiter);
        frames.Add(signer.Sign(header, parent, metadata, content));
        frames.Add(header);
        frames.Add(parent);
        frames.Add(metadata);
        frames.Add(content);
        frames.AddRange(Buffers);
        return frames;
    }

    /// <summary>
    /// Reads received frames. Returns null and sets <paramref name="problem"/> when the message is
    /// malformed or its signature does not verify; the signature is checked on the frames as received,
    /// before any JSON is parsed.
    /// </summary>
    public static JupyterMessage? Decode(IReadOnlyList<byte[]> frames, MessageSigner signer, out string? problem)
    {
        int d = -1;
        for (int i = 0; i < frames.Count; i++)
            if (frames[i].AsSpan().SequenceEqual(Delimiter)) { d = i; break; }
        if (d < 0) { problem = "no <IDS|MSG> delimiter"; return null; }
        if (frames.Count < d + 6) { problem = $"only {frames.Count - d - 1} frames after the delimiter, 5 needed"; return null; }
        problem = signer.Check(frames[d + 1], frames[d + 2], frames[d + 3], frames[d + 4], frames[d + 5]);
        if (problem is not null) return null;
        try
        {
            var header = Parse(frames[d + 2]) ?? throw new FormatException("empty header");
            var message = new JupyterMessage
            {
                Identities = frames.Take(d).ToList(),
                Header = header,
                ParentHeader = Parse(frames[d + 3]) ?? [],
                Metadata = Parse(frames[d + 4]) ?? [],
                Content = Parse(frames[d + 5]) ?? [],
                Buffers = frames.Skip(d + 6).ToList(),
            };
            if (message.MsgType.Length == 0) { problem = "header without msg_type"; return null; }
            return message;
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            problem = $"unreadable JSON ({e.Message})";
            return null;
        }
    }

    private static JsonObject? Parse(byte[] frame) =>
        frame.Length == 0 ? null : JsonNode.Parse(frame) as JsonObject ?? throw new FormatException("a frame is not a JSON object");

    private static readonly System.Text.Json.JsonSerializerOptions Json = new()
    {
        // HTML and non-ASCII text stay readable on the wire; the output is still valid JSON.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static byte[] Utf8(JsonObject obj) => Encoding.UTF8.GetBytes(obj.ToJsonString(Json));
}
