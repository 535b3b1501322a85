using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Tutorial.Kernel.Messaging;

namespace Tutorial.Kernel.Tests.Messaging;

public class JupyterMessageTests
{
    [Fact]
    public void EncodeThenDecode_KeepsIdentitiesHeaderParentContentAndBuffers()
    {
        using var signer = new MessageSigner("secret");
        var request = JupyterMessage.Create("execute_request", new JsonObject { ["code"] = "1 + 1" }, "client");
        var reply = new JupyterMessage
        {
            Identities = ["peer-1"u8.ToArray()],
            Header = JupyterMessage.NewHeader("execute_reply", "kernel"),
            ParentHeader = (JsonObject)request.Header.DeepClone(),
            Content = new JsonObject { ["status"] = "ok", ["html"] = "<b>ü</b>" },
            Buffers = [[1, 2, 3]],
        };
        var frames = reply.Encode(signer);
        Assert.Equal("peer-1", Encoding.UTF8.GetString(frames[0]));
        Assert.Equal("<IDS|MSG>", Encoding.UTF8.GetString(frames[1]));
        Assert.Equal(64, frames[2].Length);

        using var verifier = new MessageSigner("secret");
        var decoded = JupyterMessage.Decode(frames, verifier, out string? problem);
        Assert.Null(problem);
        Assert.NotNull(decoded);
        Assert.Equal("peer-1", Encoding.UTF8.GetString(decoded.Identities.Single()));
        Assert.Equal("execute_reply", decoded.MsgType);
        Assert.Equal(request.MsgId, decoded.ParentHeader["msg_id"]!.GetValue<string>());
        Assert.Equal("<b>ü</b>", decoded.Content["html"]!.GetValue<string>());
        Assert.Equal(new byte[] { 1, 2, 3 }, decoded.Buffers.Single());
    }

    [Fact]
    public void Decode_RefusesAWrongKey_AMissingDelimiter_AndTooFewFrames()
    {
        using var signer = new MessageSigner("secret");
        var frames = JupyterMessage.Create("kernel_info_request", [], "client").Encode(signer);

        using var otherKey = new MessageSigner("other");
        Assert.Null(JupyterMessage.Decode(frames, otherKey, out string? problem));
        Assert.Equal("bad signature", problem);

        Assert.Null(JupyterMessage.Decode(frames.Where(f => Encoding.UTF8.GetString(f) != "<IDS|MSG>").ToList(), signer, out problem));
        Assert.Equal("no <IDS|MSG> delimiter", problem);

        Assert.Null(JupyterMessage.Decode(frames.Take(4).ToList(), signer, out problem));
        Assert.Equal("only 3 frames after the delimiter, 5 needed", problem);
    }

    [Fact]
    public void Header_HasTheProtocolVersion_AndADateWithSixFractionalDigits()
    {
        var header = JupyterMessage.NewHeader("status", "s");
        Assert.Equal("5.3", header["version"]!.GetValue<string>());
        Assert.Matches(new Regex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$"), header["date"]!.GetValue<string>());
        Assert.Equal(32, header["msg_id"]!.GetValue<string>().Length);
    }
}
