using System.Diagnostics;

namespace Tutorial.Notebooks.Tests.Support;

/// <summary>
/// Validates .ipynb files with Jupyter's own validator (Debian's python3-nbformat, installed by
/// scripts/setup-test-deps.sh) — a checker nobody here wrote.
/// </summary>
internal static class Nbformat
{
    private const string Script = """
        import sys, nbformat
        bad = 0
        for path in sys.argv[1:]:
            try:
                nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
                nbformat.validate(nb)
            except Exception as e:
                bad += 1
                print(f"{path}: {type(e).__name__}: {str(e)[:2000]}")
        sys.exit(1 if bad else 0)
        """;

    /// <summary>Null when every file is valid nbformat, else the validator's messages.</summary>
    public static string? Validate(params string[] paths)
    {
        var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(Script);
        foreach (var p in paths) psi.ArgumentList.Add(p);
        using var process = Process.Start(psi)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? null : output;
    }
}
