using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace Tutorial.Notebooks.Execution;

/// <summary>
/// The assemblies cells may use, each loaded once into the default load context. The framework's
/// and the kit's own assemblies (the app's trusted platform assemblies) are referenced from the
/// start; <c>#r</c> adds more. An assembly whose simple name is already loaded is reused, never
/// loaded a second time (FSharp.Core, pulled in by Plotly.NET, breaks when loaded twice).
/// </summary>
public sealed class AssemblyRegistry
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> Trusted = new(() =>
        TrustedPaths().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList());

    private static readonly Lazy<HashSet<string>> TrustedNames = new(() =>
        TrustedPaths().Select(Path.GetFileNameWithoutExtension).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase));

    private readonly Dictionary<string, string> _loaded = new(StringComparer.OrdinalIgnoreCase);
    private static readonly List<string> ProbeDirectories = [];
    private static int _resolverInstalled;

    /// <summary>Lets the runtime find the dependencies of <c>#r</c> assemblies in their own folders.</summary>
    private static void InstallResolver()
    {
        if (Interlocked.Exchange(ref _resolverInstalled, 1) == 1) return;
        AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            string[] dirs;
            lock (ProbeDirectories) dirs = [.. ProbeDirectories];
            foreach (var dir in dirs)
            {
                string candidate = Path.Combine(dir, name.Name + ".dll");
                if (File.Exists(candidate)) return context.LoadFromAssemblyPath(candidate);
            }
            return null;
        };
    }

    private static IEnumerable<string> TrustedPaths() =>
        ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && IsManaged(p));

    private static bool IsManaged(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }

    /// <summary>References to everything the app itself was started with.</summary>
    public IEnumerable<MetadataReference> InitialReferences() => Trusted.Value;

    /// <summary>True when an assembly of this simple name is among the app's own (e.g. "Plotly.NET").</summary>
    public static bool IsCarried(string simpleName) => TrustedNames.Value.Contains(simpleName);

    /// <summary>
    /// Loads <paramref name="path"/> into the default context unless an assembly of the same simple
    /// name is already there, and returns a reference for the compiler (null when already referenced).
    /// </summary>
    public MetadataReference? Load(string path)
    {
        string full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"Assembly {path} does not exist.", full);
        string name = AssemblyName.GetAssemblyName(full).Name ?? Path.GetFileNameWithoutExtension(full);
        if (TrustedNames.Value.Contains(name) || _loaded.ContainsKey(name)) return null;
        InstallResolver();
        lock (ProbeDirectories)
            if (!ProbeDirectories.Contains(Path.GetDirectoryName(full)!)) ProbeDirectories.Add(Path.GetDirectoryName(full)!);
        bool alreadyInProcess = AssemblyLoadContext.Default.Assemblies.Any(a => string.Equals(a.GetName().Name, name, StringComparison.OrdinalIgnoreCase));
        if (!alreadyInProcess) AssemblyLoadContext.Default.LoadFromAssemblyPath(full);
        _loaded[name] = full;
        return MetadataReference.CreateFromFile(full);
    }
}
