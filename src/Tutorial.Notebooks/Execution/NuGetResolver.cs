using System.Diagnostics;
using System.Security;

namespace Tutorial.Notebooks.Execution;

/// <summary>A <c>#r "nuget: …"</c> that could not be satisfied; the message names the package and why.</summary>
public sealed class NuGetResolutionException(string message) : Exception(message);

/// <summary>
/// Resolves <c>#r "nuget: Name, Version"</c>. Packages the kit already carries (an assembly of that
/// name is among the app's own: Tutorial.*, Plotly.NET, SkiaSharp, MathNet.Numerics …) need nothing.
/// Any other package is restored for real through the ordinary NuGet client (<c>dotnet build</c> of a
/// small generated project, from the sources configured on the machine plus those added with
/// <c>#i</c>) into a cache folder, and its assemblies are returned. A package that cannot be restored
/// is refused with a message naming it and NuGet's own error.
/// </summary>
public sealed class NuGetResolver
{
    private readonly List<string> _sources = [];

    /// <summary>Creates a resolver caching restores under <paramref name="cacheDirectory"/>
    /// (default: $TUTORIAL_NUGET_CACHE or ~/.cache/tutorial-kit/nuget).</summary>
    public NuGetResolver(string? cacheDirectory = null)
    {
        CacheDirectory = cacheDirectory
            ?? Environment.GetEnvironmentVariable("TUTORIAL_NUGET_CACHE")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "tutorial-kit", "nuget");
    }

    /// <summary>Where restored packages are kept.</summary>
    public string CacheDirectory { get; }

    /// <summary>Time allowed for one restore.</summary>
    public TimeSpan RestoreTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Adds a package source (URL or folder) for later restores (<c>#i "nuget: …"</c>).</summary>
    public void AddSource(string source)
    {
        if (string.IsNullOrWhiteSpace(source)) throw new ArgumentException("#i needs a package source after 'nuget:'.");
        if (!_sources.Contains(source)) _sources.Add(source);
    }

    /// <summary>Splits "Name, Version" (the version is optional).</summary>
    public static (string Id, string? Version) ParseReference(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is 0 or > 2 || parts[0].Any(char.IsWhiteSpace))
            throw new ArgumentException($"Cannot read the package reference \"nuget: {text.Trim()}\"; write \"nuget: Name\" or \"nuget: Name, Version\".");
        return (parts[0], parts.Length == 2 ? parts[1] : null);
    }

    /// <summary>The assembly files to reference for the package (none when the kit already carries it).</summary>
    public async Task<IReadOnlyList<string>> ResolveAsync(string id, string? version)
    {
        if (AssemblyRegistry.IsCarried(id)) return [];
        string folder = Path.Combine(CacheDirectory, Sanitize(id), Sanitize(version ?? "latest"));
        string output = Path.Combine(folder, "out");
        string marker = Path.Combine(folder, "restored.txt");
        if (!File.Exists(marker))
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, "restore.csproj"), ProjectText(id, version));
            await File.WriteAllTextAsync(Path.Combine(folder, "Directory.Build.props"), "<Project />");
            await File.WriteAllTextAsync(Path.Combine(folder, "Directory.Packages.props"), "<Project />");
            var (exit, log) = await RunDotnetAsync(folder, "build", "restore.csproj", "-c", "Release", "-o", output, "--nologo", "-v", "q");
            if (exit != 0)
            {
                var reasons = log.Split('\n').Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Select(l => l.Trim()).Distinct().Take(3);
                throw new NuGetResolutionException(
                    $"Could not restore NuGet package {id}{(version is null ? "" : " " + version)}: {string.Join(" ", reasons).Trim()}");
            }
            await File.WriteAllTextAsync(marker, DateTime.UtcNow.ToString("O"));
        }
        return Directory.GetFiles(output, "*.dll")
            .Where(p => !Path.GetFileName(p).Equals("restore.dll", StringComparison.OrdinalIgnoreCase))
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToList();
    }

    private string ProjectText(string id, string? version)
    {
        string sources = _sources.Count == 0 ? "" :
            $"<RestoreAdditionalProjectSources>{SecurityElement.Escape(string.Join(";", _sources))}</RestoreAdditionalProjectSources>";
        return $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net{Environment.Version.Major}.0</TargetFramework>
                <CopyLocalLockFileAssemblies>true</CopyLocalLockFileAssemblies>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
                <NoWarn>$(NoWarn);NU1603;NU1701</NoWarn>
                {sources}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{SecurityElement.Escape(id)}" Version="{SecurityElement.Escape(version ?? "*")}" />
              </ItemGroup>
            </Project>
            """;
    }

    private async Task<(int Exit, string Log)> RunDotnetAsync(string folder, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new NuGetResolutionException("Could not start 'dotnet' to restore packages.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(RestoreTimeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new NuGetResolutionException($"Restoring NuGet packages took longer than {RestoreTimeout.TotalSeconds:0} s and was stopped.");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string Sanitize(string s) => string.Concat(s.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' ? char.ToLowerInvariant(c) : '_'));
}
