using System.Globalization;

namespace Tutorial.Kernel;

/// <summary>
/// The kernel's log file: one line per event (start, bound endpoints, requests, dropped messages,
/// errors), each with the time, the process id and a level. The connection key is never written.
/// Location, first match wins: <c>--log-file</c>, <c>$TUTORIAL_KERNEL_LOG</c>, then
/// <see cref="DefaultPath"/> (<c>~/.local/share/tutorial-kit/kernel.log</c> on Linux). A log past
/// 5 MB is moved to <c>kernel.log.1</c> when a kernel starts. Warnings and errors also go to standard error.
/// </summary>
public sealed class KernelLog
{
    private const long MaxBytes = 5 * 1024 * 1024;
    private readonly Lock _gate = new();
    private readonly int _pid = Environment.ProcessId;

    public KernelLog(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            var info = new FileInfo(Path);
            if (info.Exists && info.Length > MaxBytes) File.Move(Path, Path + ".1", overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"tutorial kernel: cannot prepare the log file {Path}: {e.Message}");
        }
    }

    /// <summary>The log file.</summary>
    public string Path { get; }

    /// <summary><c>~/.local/share/tutorial-kit/kernel.log</c> on Linux ($XDG_DATA_HOME respected), the local
    /// application-data folder elsewhere.</summary>
    public static string DefaultPath =>
        System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify),
            "tutorial-kit", "kernel.log");

    /// <summary>The log path to use: the explicit one, $TUTORIAL_KERNEL_LOG, or the default.</summary>
    public static string ResolvePath(string? explicitPath) =>
        !string.IsNullOrWhiteSpace(explicitPath) ? explicitPath
        : Environment.GetEnvironmentVariable("TUTORIAL_KERNEL_LOG") is { Length: > 0 } fromEnv ? fromEnv
        : DefaultPath;

    public void Info(string message) => Write("INFO", message);

    public void Warn(string message) => Write("WARN", message);

    public void Error(string message) => Write("ERROR", message);

    private void Write(string level, string message)
    {
        string line = $"{DateTime.Now.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture)} [{_pid}] {level} {message}";
        lock (_gate)
        {
            try
            {
                File.AppendAllText(Path, line + Environment.NewLine);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The log must never take the kernel down; stderr still shows the line.
                Console.Error.WriteLine($"tutorial kernel: cannot write the log {Path}: {e.Message}");
                Console.Error.WriteLine(line);
                return;
            }
            // Warnings and errors also go to stderr, which Jupyter shows in its own console.
            if (level != "INFO") Console.Error.WriteLine(line);
        }
    }
}
