using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Tutorial.Notebooks.Display;

namespace Tutorial.Notebooks.Execution;

/// <summary>
/// Handles the notebook directives the way .NET Interactive did, before Roslyn sees a cell:
/// <list type="bullet">
/// <item><c>#r "path/to.dll"</c> references an assembly (relative to the notebook's folder);</item>
/// <item><c>#r "nuget: Name, Version"</c> references a NuGet package (see <see cref="NuGetResolver"/>);</item>
/// <item><c>#i "nuget: source"</c> adds a package source for later <c>#r "nuget:"</c> lines;</item>
/// <item><c>#!csharp</c> (also <c>#!c#</c>) marks C#; <c>#!markdown</c> as the first line makes the cell markdown;
/// <c>#!time</c> reports the cell's wall time.</item>
/// </list>
/// Directive lines are replaced by empty lines so compiler line numbers still match the cell.
/// </summary>
public sealed partial class DirectiveProcessor(string workingDirectory, AssemblyRegistry assemblies, NuGetResolver nuget)
{
    /// <summary>The outcome for one cell.</summary>
    public sealed record Result(string Code, IReadOnlyList<MetadataReference> NewReferences, bool IsMarkdown, bool Timed, CellError? Error);

    /// <summary>Processes the directives of <paramref name="code"/>; errors name the line and the directive.</summary>
    public async Task<Result> ProcessAsync(string code, IOutputSink sink)
    {
        var lines = code.Replace("\r\n", "\n").Split('\n');
        var references = new List<MetadataReference>();
        bool timed = false;
        var output = new StringBuilder();
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            string t = line.TrimStart();
            if (i > 0) output.Append('\n');
            if (!t.StartsWith("#r ") && !t.StartsWith("#i ") && !t.StartsWith("#!"))
            {
                output.Append(line);
                continue;
            }
            try
            {
                if (t.StartsWith("#!"))
                {
                    string magic = t[2..].Trim().Split(' ', 2)[0].ToLowerInvariant();
                    switch (magic)
                    {
                        case "csharp" or "c#":
                            break;
                        case "markdown" or "md" when i == 0:
                            return new Result("", [], true, false, null);
                        case "time":
                            timed = true;
                            break;
                        default:
                            return Fail(i, $"Unknown magic command '#!{magic}'. Supported: #!csharp, #!markdown (first line), #!time.");
                    }
                    continue;
                }
                var m = QuotedArgument().Match(t);
                if (!m.Success) return Fail(i, $"'{t}' needs a quoted argument, e.g. #r \"nuget: Plotly.NET, 6.0.0\" or #r \"path/to.dll\".");
                string argument = m.Groups["arg"].Value.Trim();
                if (t.StartsWith("#i "))
                {
                    if (!argument.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
                        return Fail(i, $"#i takes a package source, written \"nuget: <url or folder>\"; got \"{argument}\".");
                    nuget.AddSource(argument["nuget:".Length..].Trim());
                    continue;
                }
                if (argument.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
                {
                    var (id, version) = NuGetResolver.ParseReference(argument["nuget:".Length..]);
                    foreach (var path in await nuget.ResolveAsync(id, version))
                        if (assemblies.Load(path) is { } reference) references.Add(reference);
                }
                else
                {
                    string path = Path.IsPathRooted(argument) ? argument : Path.Combine(workingDirectory, argument);
                    if (assemblies.Load(path) is { } reference) references.Add(reference);
                }
            }
            catch (Exception e) when (e is FileNotFoundException or NuGetResolutionException or ArgumentException or BadImageFormatException or InvalidOperationException)
            {
                return Fail(i, e.Message);
            }
        }
        return new Result(output.ToString(), references, false, timed, null);

        Result Fail(int lineIndex, string message) =>
            new(code, [], false, false, new CellError("DirectiveError", $"line {lineIndex + 1}: {message}", [$"line {lineIndex + 1}: {lines[lineIndex].Trim()}", message]));
    }

    [GeneratedRegex("^#[ri]\\s+\"(?<arg>[^\"]*)\"\\s*$")]
    private static partial Regex QuotedArgument();
}
