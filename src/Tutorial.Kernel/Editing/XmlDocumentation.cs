using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;

namespace Tutorial.Kernel.Editing;

/// <summary>
/// Finds and renders the XML doc comment of a symbol as plain text (summary, type parameters,
/// parameters, returns, exceptions, remarks). Looked up by documentation id in: the symbol's own
/// source (doc comments written in a cell); the .xml next to the referenced assembly (the kit's
/// projects generate theirs); and, for the framework, the reference pack of the SDK
/// (<c>dotnet/packs/Microsoft.NETCore.App.Ref/&lt;version&gt;/ref/net10.0/*.xml</c>), trying the file
/// of the assembly, then System.Runtime, then files named after the namespace and its parents.
/// Each file is read once per process.
/// </summary>
public static partial class XmlDocumentation
{
    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> Files = new();
    private static readonly Lazy<string?> ReferencePack = new(FindReferencePack);

    /// <summary>The rendered documentation of <paramref name="symbol"/>, or null when none is found.</summary>
    public static string? For(ISymbol symbol, Compilation compilation)
    {
        var definition = symbol.OriginalDefinition;
        if (definition is IMethodSymbol { ReducedFrom: { } reduced }) definition = reduced;
        string? xml = definition.GetDocumentationCommentXml();
        if (string.IsNullOrWhiteSpace(xml))
        {
            string? id = definition.GetDocumentationCommentId();
            if (id is null) return null;
            xml = Candidates(definition, compilation).Select(f => Load(f).GetValueOrDefault(id)).FirstOrDefault(x => x is not null);
        }
        return xml is null ? null : Render(xml);
    }

    private static IEnumerable<string> Candidates(ISymbol symbol, Compilation compilation)
    {
        var assembly = symbol.ContainingAssembly;
        if (assembly is not null && compilation.GetMetadataReference(assembly) is PortableExecutableReference { FilePath: { } dll })
            yield return Path.ChangeExtension(dll, ".xml");
        if (ReferencePack.Value is not { } pack) yield break;
        if (assembly is not null) yield return Path.Combine(pack, assembly.Name + ".xml");
        yield return Path.Combine(pack, "System.Runtime.xml");
        string ns = symbol.ContainingNamespace?.ToDisplayString() ?? "";
        while (ns.Length > 0)
        {
            yield return Path.Combine(pack, ns + ".xml");
            int dot = ns.LastIndexOf('.');
            ns = dot < 0 ? "" : ns[..dot];
        }
    }

    /// <summary>Member id to member XML, for one documentation file (empty when the file is missing or unreadable).</summary>
    private static IReadOnlyDictionary<string, string> Load(string file) => Files.GetOrAdd(file, static path =>
    {
        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path)) return members;
        try
        {
            using var reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, IgnoreComments = true });
            while (reader.Read())
            {
                while (reader.NodeType == XmlNodeType.Element && reader.Name == "member" && reader.GetAttribute("name") is { } name)
                    members[name] = reader.ReadOuterXml();
            }
        }
        catch (Exception e) when (e is XmlException or IOException or UnauthorizedAccessException)
        {
            // A broken documentation file only means no documentation.
        }
        return members;
    });

    private static string? FindReferencePack()
    {
        // …/dotnet/shared/Microsoft.NETCore.App/10.0.x/ → …/dotnet/packs/Microsoft.NETCore.App.Ref/<version>/ref/net10.0
        var runtime = new DirectoryInfo(RuntimeEnvironment.GetRuntimeDirectory());
        var root = runtime.Parent?.Parent?.Parent;
        var packs = root is null ? null : new DirectoryInfo(Path.Combine(root.FullName, "packs", "Microsoft.NETCore.App.Ref"));
        if (packs is null || !packs.Exists) return null;
        string tfm = $"net{Environment.Version.Major}.{Environment.Version.Minor}";
        return packs.GetDirectories()
            .OrderByDescending(d => d.Name == runtime.Name)
            .ThenByDescending(d => Version.TryParse(d.Name.Split('-')[0], out var v) ? v : new Version(0, 0))
            .Select(d => Path.Combine(d.FullName, "ref", tfm))
            .FirstOrDefault(Directory.Exists);
    }

    /// <summary>Doc-comment XML as readable text.</summary>
    public static string Render(string xml)
    {
        XElement element;
        try
        {
            element = XElement.Parse(xml.Trim().StartsWith("<member", StringComparison.Ordinal) ? xml : $"<member>{xml}</member>");
        }
        catch (XmlException)
        {
            return xml.Trim();
        }
        var text = new StringBuilder();
        if (element.Element("summary") is { } summary) text.AppendLine(Inline(summary));
        var typeParameters = element.Elements("typeparam").ToList();
        var parameters = element.Elements("param").ToList();
        if (typeParameters.Count + parameters.Count > 0)
        {
            text.AppendLine().AppendLine("Parameters:");
            foreach (var p in typeParameters.Concat(parameters)) text.AppendLine($"  {p.Attribute("name")?.Value}: {Inline(p)}");
        }
        if (element.Element("returns") is { } returns) text.AppendLine().AppendLine($"Returns: {Inline(returns)}");
        var exceptions = element.Elements("exception").ToList();
        if (exceptions.Count > 0)
        {
            text.AppendLine().AppendLine("Exceptions:");
            foreach (var e in exceptions) text.AppendLine($"  {CrefName(e.Attribute("cref")?.Value)}: {Inline(e)}");
        }
        if (element.Element("remarks") is { } remarks && Inline(remarks) is { Length: > 0 } r) text.AppendLine().AppendLine($"Remarks: {r}");
        return text.ToString().TrimEnd();
    }

    private static string Inline(XElement element)
    {
        var text = new StringBuilder();
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XText t:
                    text.Append(Spaces().Replace(t.Value, " "));
                    break;
                case XElement { Name.LocalName: "see" or "seealso" } see:
                    text.Append(see.Attribute("langword")?.Value ?? (see.IsEmpty ? CrefName(see.Attribute("cref")?.Value ?? see.Attribute("href")?.Value) : Inline(see)));
                    break;
                case XElement { Name.LocalName: "paramref" or "typeparamref" } reference:
                    text.Append(reference.Attribute("name")?.Value);
                    break;
                case XElement { Name.LocalName: "para" or "br" } para:
                    text.Append('\n').Append(Inline(para)).Append('\n');
                    break;
                case XElement { Name.LocalName: "code" } code:
                    text.Append('\n').Append(code.Value).Append('\n');
                    break;
                case XElement other:
                    text.Append(Inline(other));
                    break;
            }
        }
        return AroundNewline().Replace(Spaces().Replace(text.ToString(), m => m.Value.Contains('\n') ? m.Value : " "), "\n").Trim();
    }

    /// <summary>"M:System.Math.Max(System.Int32,System.Int32)" → "Math.Max".</summary>
    private static string CrefName(string? cref)
    {
        if (string.IsNullOrEmpty(cref)) return "";
        string name = cref.Length > 2 && cref[1] == ':' ? cref[2..] : cref;
        int paren = name.IndexOf('(');
        if (paren >= 0) name = name[..paren];
        name = name.Replace("`1", "<T>").Replace("``1", "<T>");
        var parts = name.Split('.');
        return parts.Length >= 2 && cref.StartsWith("T:", StringComparison.Ordinal) ? parts[^1] : string.Join('.', parts.TakeLast(2));
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@" *\n[ \n]*")]
    private static partial Regex AroundNewline();
}
