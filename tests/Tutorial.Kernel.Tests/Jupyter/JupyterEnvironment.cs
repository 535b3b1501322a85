using System.Diagnostics;

namespace Tutorial.Kernel.Tests.Jupyter;

/// <summary>
/// A private Jupyter setup for the tests: the kit's kernelspec installed with the real
/// <c>tutorial kernel install --prefix</c> into a temporary prefix, and an environment for Debian's
/// /usr/bin/python3 (jupyter_client, nbclient, nbconvert; installed by scripts/setup-test-deps.sh)
/// whose JUPYTER_PATH finds it, whose runtime, data and config dirs are temporary, and whose
/// TUTORIAL_KERNEL_LOG puts the kernel's log where the tests can read it.
/// </summary>
public sealed class JupyterEnvironment : IDisposable
{
    public const string Python = "/usr/bin/python3";

    public JupyterEnvironment()
    {
        Root = Directory.CreateTempSubdirectory("tutorial-jupyter-").FullName;
        WorkDirectory = Directory.CreateDirectory(Path.Combine(Root, "work")).FullName;
        LogFile = Path.Combine(Root, "kernel.log");
        string cli = Path.Combine(AppContext.BaseDirectory, "tutorial.dll");
        var install = Run("dotnet", [cli, "kernel", "install", "--prefix", Path.Combine(Root, "prefix")], TimeSpan.FromMinutes(2));
        if (install.ExitCode != 0) throw new InvalidOperationException($"tutorial kernel install failed:\n{install.Output}");
        InstallOutput = install.Output;
        KernelJson = Path.Combine(Root, "prefix", "share", "jupyter", "kernels", ".net-csharp", "kernel.json");
    }

    public string Root { get; }
    public string WorkDirectory { get; }
    public string LogFile { get; }
    public string KernelJson { get; }
    public string InstallOutput { get; }

    public sealed record Result(int ExitCode, string Output, string StandardOutput);

    /// <summary>Runs /usr/bin/python3 with Jupyter's environment pointed at the test prefix.</summary>
    public Result RunPython(IEnumerable<string> arguments, TimeSpan timeout)
    {
        if (!File.Exists(Python)) throw new InvalidOperationException($"{Python} is missing: run scripts/setup-test-deps.sh (the Jupyter tests use Debian's python3-jupyter-client).");
        return Run(Python, arguments, timeout, new Dictionary<string, string>
        {
            ["JUPYTER_PATH"] = Path.Combine(Root, "prefix", "share", "jupyter"),
            ["JUPYTER_DATA_DIR"] = Path.Combine(Root, "data"),
            ["JUPYTER_CONFIG_DIR"] = Path.Combine(Root, "config"),
            ["JUPYTER_RUNTIME_DIR"] = Path.Combine(Root, "runtime"),
            ["TUTORIAL_KERNEL_LOG"] = LogFile,
            ["PYTHONDONTWRITEBYTECODE"] = "1",
        });
    }

    /// <summary>Runs a program to its end (or kills it, with its children, after <paramref name="timeout"/>).</summary>
    public Result Run(string program, IEnumerable<string> arguments, TimeSpan timeout, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = WorkDirectory,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new Result(-1, $"{program} did not finish within {timeout.TotalSeconds} s\n{stdout.Result}\n{stderr.Result}", stdout.Result);
        }
        process.WaitForExit();
        return new Result(process.ExitCode, stdout.Result + "\n" + stderr.Result, stdout.Result);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A kernel that was killed may still hold a file for a moment; the folder is in /tmp.
        }
    }
}
