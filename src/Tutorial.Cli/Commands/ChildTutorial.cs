using System.Diagnostics;
using System.Text;

namespace Tutorial.Cli.Commands;

/// <summary>What a child <c>tutorial</c> process did.</summary>
/// <param name="ExitCode">Its exit code (-1 when it was killed).</param>
/// <param name="Killed">True when it ran past its deadline and was killed (with its process tree).</param>
/// <param name="Output">Its standard output and error, interleaved as they arrived.</param>
/// <param name="Elapsed">Wall time.</param>
internal sealed record ChildResult(int ExitCode, bool Killed, string Output, TimeSpan Elapsed);

/// <summary>
/// Runs this same <c>tutorial</c> program in a child process (<c>dotnet tutorial.dll …</c>), so that work
/// that may crash, exit or never return (a learner's notebook) cannot take the parent down. Standard
/// input is closed at once; the child is killed with its process tree at the deadline.
/// </summary>
internal static class ChildTutorial
{
    /// <summary>Starts <c>tutorial <paramref name="arguments"/></c> in <paramref name="workingDirectory"/> and waits at most <paramref name="deadline"/>.</summary>
    public static async Task<ChildResult> RunAsync(IEnumerable<string> arguments, TimeSpan deadline, string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(typeof(ChildTutorial).Assembly.Location);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;

        var output = new StringBuilder();
        void Collect(object _, DataReceivedEventArgs e)
        {
            if (e.Data is null) return;
            lock (output) output.Append(e.Data).Append('\n');
        }

        var watch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += Collect;
        process.ErrorDataReceived += Collect;
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        bool killed = false;
        using (var timer = new CancellationTokenSource(deadline))
        {
            try
            {
                await process.WaitForExitAsync(timer.Token);
            }
            catch (OperationCanceledException)
            {
                killed = true;
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // It exited between the deadline and the kill.
                }
                await process.WaitForExitAsync();
            }
        }
        process.WaitForExit(); // flushes the asynchronous output readers
        string text;
        lock (output) text = output.ToString();
        return new ChildResult(killed ? -1 : process.ExitCode, killed, text, watch.Elapsed);
    }

    /// <summary>
    /// The <c>dotnet</c> host: this process when it is dotnet, else $DOTNET_HOST_PATH, else
    /// $DOTNET_ROOT/dotnet, else <c>dotnet</c> on the PATH.
    /// </summary>
    private static string DotnetHost()
    {
        string exe = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.ProcessPath is { } self && Path.GetFileName(self).Equals(exe, StringComparison.OrdinalIgnoreCase)) return self;
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root && File.Exists(Path.Combine(root, exe))) return Path.Combine(root, exe);
        return exe;
    }
}
