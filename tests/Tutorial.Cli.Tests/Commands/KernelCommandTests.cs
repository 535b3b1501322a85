using System.CommandLine;
using System.Text.Json.Nodes;
using Tutorial.Cli.Commands;

namespace Tutorial.Cli.Tests.Commands;

public class KernelCommandTests
{
    private static Task<int> Invoke(params string[] args)
    {
        var root = new RootCommand();
        root.Subcommands.Add(KernelCommand.Create());
        var quiet = new StringWriter();
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = quiet, Error = quiet });
    }

    [Fact]
    public async Task Install_WithAPrefix_WritesAKernelspecThatStartsThisBuildsTutorialDll()
    {
        string prefix = Directory.CreateTempSubdirectory("tutorial-kernel-cmd-").FullName;
        Assert.Equal(0, await Invoke("kernel", "install", "--prefix", prefix));
        string file = Path.Combine(prefix, "share", "jupyter", "kernels", ".net-csharp", "kernel.json");
        var argv = JsonNode.Parse(File.ReadAllText(file))!["argv"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        Assert.True(File.Exists(argv[0]), $"{argv[0]} (the dotnet host) exists");
        Assert.True(Path.IsPathRooted(argv[1]));
        Assert.Equal("tutorial.dll", Path.GetFileName(argv[1]));
        Assert.True(File.Exists(argv[1]));
        Assert.Equal(["kernel", "run", "--connection-file", "{connection_file}"], argv[2..]);

        Assert.Equal(0, await Invoke("kernel", "install", "--prefix", prefix, "--name", "csharp-kit", "--interrupt-mode", "signal"));
        var second = JsonNode.Parse(File.ReadAllText(Path.Combine(prefix, "share", "jupyter", "kernels", "csharp-kit", "kernel.json")))!;
        Assert.Equal("signal", second["interrupt_mode"]!.GetValue<string>());

        Assert.Equal(0, await Invoke("kernel", "uninstall", "--prefix", prefix, "--name", "csharp-kit"));
        Assert.False(Directory.Exists(Path.Combine(prefix, "share", "jupyter", "kernels", "csharp-kit")));
        Assert.Equal(1, await Invoke("kernel", "uninstall", "--prefix", prefix, "--name", "csharp-kit"));
    }

    [Fact]
    public async Task Install_RefusesConflictingOrInvalidArguments()
    {
        string prefix = Directory.CreateTempSubdirectory("tutorial-kernel-cmd-").FullName;
        Assert.Equal(2, await Invoke("kernel", "install", "--user", "--prefix", prefix));
        Assert.Equal(2, await Invoke("kernel", "install", "--prefix", prefix, "--name", "bad name"));
        Assert.NotEqual(0, await Invoke("kernel", "install", "--prefix", prefix, "--interrupt-mode", "telepathy"));
        Assert.False(Directory.Exists(Path.Combine(prefix, "share")));
    }

    [Fact]
    public async Task Run_WithAMissingConnectionFile_FailsAndSaysSoInTheLog()
    {
        string dir = Directory.CreateTempSubdirectory("tutorial-kernel-cmd-").FullName;
        string log = Path.Combine(dir, "kernel.log");
        Assert.Equal(2, await Invoke("kernel", "run", "--connection-file", Path.Combine(dir, "missing.json"), "--log-file", log));
        string text = File.ReadAllText(log);
        Assert.Contains("starting the kernel", text);
        Assert.Contains($"ERROR The connection file {Path.Combine(dir, "missing.json")} does not exist.", text);
    }
}
