namespace Tutorial.Cli.Commands;

/// <summary>Expands command-line notebook arguments: files as given, folders to their .ipynb files (sorted, not recursive).</summary>
internal static class NotebookFiles
{
    public static IReadOnlyList<string> Expand(IEnumerable<string> arguments)
    {
        var files = new List<string>();
        foreach (var a in arguments)
        {
            if (Directory.Exists(a))
                files.AddRange(Directory.GetFiles(a, "*.ipynb").Where(f => !f.EndsWith(".tmp")).OrderBy(f => f, StringComparer.Ordinal));
            else
                files.Add(a);
        }
        return files;
    }
}
