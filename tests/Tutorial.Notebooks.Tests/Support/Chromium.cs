using System.Diagnostics;

namespace Tutorial.Notebooks.Tests.Support;

/// <summary>
/// Debian's headless Chromium (installed by scripts/setup-test-deps.sh), started the way this
/// machine needs it: no sandbox (root), no GPU, no background networking. Console messages and
/// uncaught errors of the page arrive on stderr as "INFO:CONSOLE" lines.
/// </summary>
internal static class Chromium
{
    private const string Executable = "/usr/bin/chromium";

    private static readonly string[] CommonFlags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-quic", "--hide-scrollbars",
    ];

    /// <summary>The page's DOM after its scripts ran (within a virtual time budget) and its console lines.</summary>
    public static (string Dom, IReadOnlyList<string> Console) Load(string file)
    {
        var (stdout, stderr) = Run(["--enable-logging=stderr", "--v=0", "--virtual-time-budget=15000", "--dump-dom", new Uri(file).AbsoluteUri]);
        var console = stderr.Split('\n').Where(l => l.Contains(":CONSOLE")).Select(l => l.Trim()).ToList();
        return (stdout, console);
    }

    /// <summary>Saves a screenshot of the page as PNG.</summary>
    public static void Screenshot(string file, string png, int width = 1280, int height = 1600)
    {
        Run(["--virtual-time-budget=15000", $"--window-size={width},{height}", $"--screenshot={png}", new Uri(file).AbsoluteUri]);
        if (!File.Exists(png)) throw new InvalidOperationException($"Chromium wrote no screenshot to {png}.");
    }

    private static (string Stdout, string Stderr) Run(IEnumerable<string> args)
    {
        if (!File.Exists(Executable))
            throw new InvalidOperationException($"{Executable} is missing; ./test.sh installs it (scripts/setup-test-deps.sh).");
        string profile = Directory.CreateTempSubdirectory("tutorial-chromium-").FullName;
        var psi = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var f in CommonFlags) psi.ArgumentList.Add(f);
        psi.ArgumentList.Add($"--user-data-dir={profile}");
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("Chromium did not finish within 90 s.");
        }
        try { Directory.Delete(profile, recursive: true); } catch (IOException) { }
        return (stdout.Result, stderr.Result);
    }
}
