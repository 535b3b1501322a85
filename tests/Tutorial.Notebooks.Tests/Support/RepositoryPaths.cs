namespace Tutorial.Notebooks.Tests.Support;

/// <summary>Finds the kit's own folders (the one holding Tutorial.sln) from the test assembly's location.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The chapters folder, <c>notebooks/</c>.</summary>
    public static string Notebooks => Path.Combine(Root, "notebooks");

    /// <summary>Every committed notebook: the chapters and the generated learner versions under notebooks/exercises/.</summary>
    public static IEnumerable<string> AllNotebooks()
    {
        var files = Directory.GetFiles(Notebooks, "*.ipynb").ToList();
        string exercises = Path.Combine(Notebooks, "exercises");
        if (Directory.Exists(exercises)) files.AddRange(Directory.GetFiles(exercises, "*.ipynb"));
        return files.OrderBy(f => f, StringComparer.Ordinal);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Tutorial.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"No Tutorial.sln above {AppContext.BaseDirectory}.");
    }
}
