using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Tutorial.Notebooks.Ipynb;

namespace Tutorial.Kernel.Install;

/// <summary>
/// Writes and removes the kit's kernelspec: a folder <c>kernels/&lt;name&gt;</c> in a Jupyter data
/// directory (<see cref="JupyterPaths"/>) holding <c>kernel.json</c> and two logos. The default name
/// is the chapters' kernelspec name (<see cref="KernelMetadata.KernelName"/>, <c>.net-csharp</c>), so
/// Jupyter, JupyterLab and VS Code pick this kernel for the chapters. The argv starts the kernel
/// with absolute paths: <c>[".../dotnet", ".../tutorial.dll", "kernel", "run", "--connection-file",
/// "{connection_file}"]</c>, so it works from a built tree without anything on PATH.
/// </summary>
public static partial class KernelSpec
{
    /// <summary>The kernelspec name the chapters ask for.</summary>
    public const string DefaultName = KernelMetadata.KernelName;

    /// <summary>The name shown in Jupyter's kernel picker.</summary>
    public const string DefaultDisplayName = "C# (tutorial kit)";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The kernel.json for a launcher (the command that starts <c>tutorial</c>).</summary>
    public static JsonObject Create(IReadOnlyList<string> launcher, string displayName = DefaultDisplayName, string interruptMode = "message")
    {
        if (interruptMode is not ("message" or "signal"))
            throw new ArgumentException($"interrupt_mode must be 'message' or 'signal', not '{interruptMode}'.");
        var argv = new JsonArray();
        foreach (var part in launcher.Concat(["kernel", "run", "--connection-file", "{connection_file}"])) argv.Add(part);
        return new JsonObject
        {
            ["argv"] = argv,
            ["display_name"] = displayName,
            ["language"] = "C#",
            ["interrupt_mode"] = interruptMode,
            ["metadata"] = new JsonObject { ["debugger"] = false, ["tutorial_kit"] = true },
        };
    }

    /// <summary>True for names Jupyter accepts: letters, digits, '.', '_' and '-'.</summary>
    public static bool IsValidName(string name) => ValidName().IsMatch(name);

    /// <summary>
    /// Writes the kernelspec <paramref name="name"/> into <paramref name="dataDirectory"/>, replacing one
    /// of the same name, and returns its folder. <paramref name="replaced"/> tells what was there before.
    /// </summary>
    public static string Install(string dataDirectory, JsonObject kernelJson, string name, out string? replaced)
    {
        if (!IsValidName(name)) throw new ArgumentException($"'{name}' is not a valid kernelspec name (letters, digits, '.', '_', '-').");
        string folder = JupyterPaths.KernelDirectory(dataDirectory, name);
        string file = Path.Combine(folder, "kernel.json");
        replaced = File.Exists(file) ? Describe(file) : null;
        Directory.CreateDirectory(folder);
        string temp = file + ".tmp";
        File.WriteAllText(temp, kernelJson.ToJsonString(Indented) + "\n");
        File.Move(temp, file, overwrite: true);
        KernelLogo.TryWrite(folder);
        return folder;
    }

    /// <summary>
    /// Removes the kernelspec <paramref name="name"/> from <paramref name="dataDirectory"/>. A kernelspec
    /// that this kit did not write (e.g. the old .NET Interactive one) is left alone unless
    /// <paramref name="force"/>. Returns what happened, as a sentence.
    /// </summary>
    public static (bool Removed, string Message) Uninstall(string dataDirectory, string name, bool force)
    {
        if (!IsValidName(name)) return (false, $"'{name}' is not a valid kernelspec name.");
        string folder = JupyterPaths.KernelDirectory(dataDirectory, name);
        string file = Path.Combine(folder, "kernel.json");
        if (!Directory.Exists(folder)) return (false, $"No kernelspec '{name}' in {dataDirectory}.");
        if (!force && !IsOurs(file))
            return (false, $"The kernelspec in {folder} was not written by the tutorial kit ({(File.Exists(file) ? Describe(file) : "no kernel.json")}); left alone. Use --force to remove it anyway.");
        Directory.Delete(folder, recursive: true);
        return (true, $"Removed the kernelspec {folder}.");
    }

    /// <summary>True when the kernel.json at <paramref name="file"/> starts this kit's kernel.</summary>
    public static bool IsOurs(string file)
    {
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(file)) as JsonObject;
            if (json?["metadata"]?["tutorial_kit"]?.GetValue<bool>() == true) return true;
            var argv = (json?["argv"] as JsonArray)?.Select(a => a?.GetValue<string>() ?? "").ToList() ?? [];
            int k = argv.IndexOf("kernel");
            return k > 0 && k + 1 < argv.Count && argv[k + 1] == "run" && argv.Take(k).Any(a => Path.GetFileNameWithoutExtension(a) == "tutorial");
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    private static string Describe(string file)
    {
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(file));
            return $"\"{json?["display_name"]}\", argv {json?["argv"]?.ToJsonString()}";
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return "an unreadable kernel.json";
        }
    }

    /// <summary>
    /// The command that starts the <c>tutorial</c> CLI whose assembly is <paramref name="cliAssembly"/>:
    /// the absolute path of the <c>dotnet</c> host followed by the assembly (works for a built tree
    /// and a published folder alike, whatever is on PATH when Jupyter starts the kernel).
    /// </summary>
    public static IReadOnlyList<string> Launcher(string cliAssembly) => [DotnetHost(), Path.GetFullPath(cliAssembly)];

    /// <summary>The dotnet host running this process, or the one next to the runtime in use.</summary>
    public static string DotnetHost()
    {
        string exe = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.ProcessPath is { } process && Path.GetFileName(process).Equals(exe, StringComparison.OrdinalIgnoreCase)) return process;
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        // …/dotnet/shared/Microsoft.NETCore.App/<version>/ → …/dotnet/dotnet
        var root = new DirectoryInfo(RuntimeEnvironment.GetRuntimeDirectory()).Parent?.Parent?.Parent;
        if (root is not null && File.Exists(Path.Combine(root.FullName, exe))) return Path.Combine(root.FullName, exe);
        return exe;
    }

    [GeneratedRegex("^[a-zA-Z0-9._-]+$")]
    private static partial Regex ValidName();
}
