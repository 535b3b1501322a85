namespace Tutorial.Kernel.Tests;

public class ConnectionInfoTests
{
    private static string Write(string json)
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("tutorial-conn-").FullName, "kernel.json");
        File.WriteAllText(path, json);
        return path;
    }

    private const string Valid = """
        {"shell_port": 5001, "iopub_port": 5002, "stdin_port": 5003, "control_port": 5004, "hb_port": 5005,
         "ip": "127.0.0.1", "key": "a0436f6c-1916-498b", "transport": "tcp", "signature_scheme": "hmac-sha256", "kernel_name": ".net-csharp"}
        """;

    [Fact]
    public void Load_ReadsPortsAddressAndKey()
    {
        var info = ConnectionInfo.Load(Write(Valid));
        Assert.Equal("tcp://127.0.0.1:5001", info.Endpoint(info.ShellPort));
        Assert.Equal("tcp://127.0.0.1:5005", info.Endpoint(info.HeartbeatPort));
        Assert.Equal("a0436f6c-1916-498b", info.Key);
    }

    [Fact]
    public void Endpoint_BracketsAnIPv6Address()
    {
        var info = ConnectionInfo.Load(Write(Valid.Replace("127.0.0.1", "::1")));
        Assert.Equal("tcp://[::1]:5002", info.Endpoint(info.IopubPort));
    }

    [Fact]
    public void Load_ExplainsWhatIsWrong()
    {
        Assert.Contains("does not exist", Assert.Throws<InvalidDataException>(() => ConnectionInfo.Load("/no/such/connection.json")).Message);
        Assert.Contains("supports only 'tcp'", Assert.Throws<InvalidDataException>(() => ConnectionInfo.Load(Write(Valid.Replace("\"tcp\"", "\"ipc\"")))).Message);
        Assert.Contains("hb_port = 0", Assert.Throws<InvalidDataException>(() => ConnectionInfo.Load(Write(Valid.Replace("5005", "0")))).Message);
        Assert.Contains("not valid JSON", Assert.Throws<InvalidDataException>(() => ConnectionInfo.Load(Write("{"))).Message);
        Assert.Contains("'hmac-md5'", Assert.Throws<InvalidDataException>(() => ConnectionInfo.Load(Write(Valid.Replace("hmac-sha256", "hmac-md5")))).Message);
    }
}
