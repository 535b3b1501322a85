using System.Text;
using Tutorial.Kernel.Messaging;

namespace Tutorial.Kernel.Tests.Messaging;

public class MessageSignerTests
{
    // RFC 4231-style check: HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog").
    private const string FoxMac = "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8";

    private static byte[][] FoxParts() =>
        ["The quick "u8.ToArray(), "brown fox "u8.ToArray(), "jumps over "u8.ToArray(), "the lazy dog"u8.ToArray()];

    [Fact]
    public void Sign_IsTheHexHmacSha256OfTheFourPartsConcatenated()
    {
        using var signer = new MessageSigner("key");
        var p = FoxParts();
        Assert.Equal(FoxMac, Encoding.ASCII.GetString(signer.Sign(p[0], p[1], p[2], p[3])));
    }

    [Fact]
    public void Check_AcceptsTheRightSignature_RejectsWrongMissingAndReplayed()
    {
        using var signer = new MessageSigner("key");
        var p = FoxParts();
        Assert.Null(signer.Check(Encoding.ASCII.GetBytes(FoxMac), p[0], p[1], p[2], p[3]));
        Assert.Equal("duplicate signature (replayed message)", signer.Check(Encoding.ASCII.GetBytes(FoxMac), p[0], p[1], p[2], p[3]));

        var tampered = (byte[])p[3].Clone();
        tampered[0] ^= 1;
        Assert.Equal("bad signature", signer.Check(Encoding.ASCII.GetBytes(FoxMac), p[0], p[1], p[2], tampered));
        Assert.Equal("missing signature", signer.Check([], p[0], p[1], p[2], p[3]));
        Assert.Equal("signature is not hexadecimal", signer.Check("not hex at all"u8.ToArray(), p[0], p[1], p[2], p[3]));
        Assert.Equal("bad signature", signer.Check("abcd"u8.ToArray(), p[0], p[1], p[2], p[3]));
    }

    [Fact]
    public void EmptyKey_SignsNothing_AndAcceptsEveryMessage()
    {
        using var signer = new MessageSigner("");
        var p = FoxParts();
        Assert.False(signer.Enabled);
        Assert.Empty(signer.Sign(p[0], p[1], p[2], p[3]));
        Assert.Null(signer.Check([], p[0], p[1], p[2], p[3]));
        Assert.Null(signer.Check("0000"u8.ToArray(), p[0], p[1], p[2], p[3]));
    }
}
