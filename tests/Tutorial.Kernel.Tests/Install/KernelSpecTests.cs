using System.Text.Json.Nodes;
using Tutorial.Kernel.Install;

namespace Tutorial.Kernel.Tests.Install;

public class KernelSpecTests
{
    private static string TempDataDir() => Directory.CreateTempSubdirectory("tutorial-kernelspec-").FullName;

    [Fact]
    public void Create_StartsTheKernelWithTheConnectionFile()
    {
        var json = KernelSpec.Create(["/opt/dotnet/dotnet", "/kit/tutorial.dll"]);
        Assert.Equal(["/opt/dotnet/dotnet", "/kit/tutorial.dll", "kernel", "run", "--connection-file", "{connection_file}"],
            json["argv"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal("C#", json["language"]!.GetValue<string>());
        Assert.Equal("message", json["interrupt_mode"]!.GetValue<string>());
        Assert.Equal("C# (tutorial kit)", json["display_name"]!.GetValue<string>());
        Assert.Throws<ArgumentException>(() => KernelSpec.Create(["x"], interruptMode: "telepathy"));
    }

    [Fact]
    public void DefaultName_IsTheChaptersKernelspecName()
    {
        Assert.Equal(".net-csharp", KernelSpec.DefaultName);
        Assert.Equal(KernelSpec.DefaultName, Tutorial.Notebooks.Ipynb.KernelMetadata.Create()["kernelspec"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Install_WritesKernelJsonAndLogos_IntoKernelsSlashName()
    {
        string data = TempDataDir();
        string folder = KernelSpec.Install(data, KernelSpec.Create(["dotnet", "tutorial.dll"]), ".net-csharp", out string? replaced);
        Assert.Null(replaced);
        Assert.Equal(Path.Combine(data, "kernels", ".net-csharp"), folder);
        var written = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "kernel.json")))!;
        Assert.Equal("kernel", written["argv"]![2]!.GetValue<string>());
        var png = File.ReadAllBytes(Path.Combine(folder, "logo-64x64.png"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.True(File.Exists(Path.Combine(folder, "logo-32x32.png")));

        KernelSpec.Install(data, KernelSpec.Create(["dotnet", "other.dll"]), ".net-csharp", out replaced);
        Assert.Contains("tutorial.dll", replaced);
    }

    [Fact]
    public void Uninstall_RemovesOurs_ButLeavesAForeignKernelspecUnlessForced()
    {
        string data = TempDataDir();
        KernelSpec.Install(data, KernelSpec.Create(["dotnet", "/kit/tutorial.dll"]), "ours", out _);
        Assert.True(KernelSpec.Uninstall(data, "ours", force: false).Removed);
        Assert.False(Directory.Exists(Path.Combine(data, "kernels", "ours")));

        string foreign = Path.Combine(data, "kernels", ".net-csharp");
        Directory.CreateDirectory(foreign);
        File.WriteAllText(Path.Combine(foreign, "kernel.json"),
            """{"argv": ["dotnet", "interactive", "jupyter", "--default-kernel", "csharp", "{connection_file}"], "display_name": ".NET (C#)", "language": "C#"}""");
        var (removed, message) = KernelSpec.Uninstall(data, ".net-csharp", force: false);
        Assert.False(removed);
        Assert.Contains("not written by the tutorial kit", message);
        Assert.True(KernelSpec.Uninstall(data, ".net-csharp", force: true).Removed);
        Assert.False(KernelSpec.Uninstall(data, ".net-csharp", force: false).Removed);
    }

    [Theory]
    [InlineData(".net-csharp", true)]
    [InlineData("csharp_2.0", true)]
    [InlineData("has space", false)]
    [InlineData("../escape", false)]
    [InlineData("", false)]
    public void IsValidName_FollowsJupytersRule(string name, bool valid) => Assert.Equal(valid, KernelSpec.IsValidName(name));

    [Fact]
    public void PrefixDataDirectory_IsPrefixShareJupyter()
    {
        Assert.Equal(Path.Combine("/opt/env", "share", "jupyter"), JupyterPaths.PrefixDataDirectory("/opt/env"));
    }
}
