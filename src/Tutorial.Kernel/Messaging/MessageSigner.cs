using System.Security.Cryptography;
using System.Text;

namespace Tutorial.Kernel.Messaging;

/// <summary>
/// Signs and verifies Jupyter messages: the signature is the lowercase hex HMAC-SHA256, keyed with
/// the connection file's key, of the header, parent header, metadata and content frames exactly as
/// sent. Verification compares in constant time. With an empty key messages are not signed (the
/// signature frame is empty) and every message is accepted, as the protocol specifies.
/// A signature seen before is refused too (a replayed message), as jupyter_client does.
/// </summary>
public sealed class MessageSigner : IDisposable
{
    private const int HistorySize = 1 << 16;
    private readonly IncrementalHash? _hmac;
    private readonly HashSet<string> _seen = [];
    private readonly Queue<string> _seenOrder = new();
    private readonly Lock _gate = new();

    public MessageSigner(string key)
    {
        if (!string.IsNullOrEmpty(key)) _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(key));
    }

    /// <summary>False when the key is empty (no signing).</summary>
    public bool Enabled => _hmac is not null;

    /// <summary>The signature frame for the four message parts (empty without a key).</summary>
    public byte[] Sign(byte[] header, byte[] parentHeader, byte[] metadata, byte[] content)
    {
        if (_hmac is null) return [];
        lock (_gate)
            return Encoding.ASCII.GetBytes(Convert.ToHexStringLower(Mac(header, parentHeader, metadata, content)));
    }

    /// <summary>Why a received message must be dropped, or null when its signature is good.</summary>
    public string? Check(byte[] signature, byte[] header, byte[] parentHeader, byte[] metadata, byte[] content)
    {
        if (_hmac is null) return null;
        if (signature.Length == 0) return "missing signature";
        byte[] given;
        try
        {
            given = Convert.FromHexString(Encoding.ASCII.GetString(signature));
        }
        catch (FormatException)
        {
            return "signature is not hexadecimal";
        }
        lock (_gate)
        {
            byte[] expected = Mac(header, parentHeader, metadata, content);
            if (!CryptographicOperations.FixedTimeEquals(given, expected)) return "bad signature";
            string text = Convert.ToHexStringLower(given);
            if (!_seen.Add(text)) return "duplicate signature (replayed message)";
            _seenOrder.Enqueue(text);
            if (_seenOrder.Count > HistorySize) _seen.Remove(_seenOrder.Dequeue());
            return null;
        }
    }

    private byte[] Mac(byte[] header, byte[] parentHeader, byte[] metadata, byte[] content)
    {
        _hmac!.AppendData(header);
        _hmac.AppendData(parentHeader);
        _hmac.AppendData(metadata);
        _hmac.AppendData(content);
        return _hmac.GetHashAndReset();
    }

    public void Dispose() => _hmac?.Dispose();
}
