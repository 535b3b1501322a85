namespace Tutorial.Kernel.Install;

/// <summary>
/// Where Jupyter looks for kernelspecs (the same rules as jupyter_core): a kernelspec is the folder
/// <c>&lt;data dir&gt;/kernels/&lt;name&gt;</c>. The per-user data dir is <c>$JUPYTER_DATA_DIR</c>, else
/// <c>~/.local/share/jupyter</c> on Linux (<c>$XDG_DATA_HOME/jupyter</c> when set),
/// <c>~/Library/Jupyter</c> on macOS, <c>%APPDATA%\jupyter</c> on Windows. An environment or prefix
/// <c>P</c> (a virtualenv, conda env, or a folder named in <c>$JUPYTER_PATH</c> as <c>P/share/jupyter</c>)
/// uses <c>P/share/jupyter</c>.
/// </summary>
public static class JupyterPaths
{
    /// <summary>The per-user Jupyter data directory.</summary>
    public static string UserDataDirectory()
    {
        if (Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR") is { Length: > 0 } explicitDir) return Path.GetFullPath(explicitDir);
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsWindows())
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "jupyter");
        if (OperatingSystem.IsMacOS()) return Path.Combine(home, "Library", "Jupyter");
        string xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } x ? x : Path.Combine(home, ".local", "share");
        return Path.Combine(xdg, "jupyter");
    }

    /// <summary>The data directory of the prefix <paramref name="prefix"/>: P/share/jupyter.</summary>
    public static string PrefixDataDirectory(string prefix) => Path.Combine(Path.GetFullPath(prefix), "share", "jupyter");

    /// <summary>The folder of kernelspec <paramref name="name"/> under <paramref name="dataDirectory"/>.</summary>
    public static string KernelDirectory(string dataDirectory, string name) => Path.Combine(dataDirectory, "kernels", name);
}
