using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Tutorial.Notebooks.Execution;
using Tutorial.Notebooks.Ipynb;

namespace Tutorial.Notebooks.Export;

/// <summary>A chapter as a .NET 10 file-based app, and what could not be carried over.</summary>
public sealed record ExportedApp(string Source, IReadOnlyList<string> Warnings);

/// <summary>
/// Writes a notebook as one C# file that <c>dotnet run chapter.cs</c> runs top to bottom
/// (Microsoft's path forward for C# notebooks now that .NET Interactive is retired):
/// <list type="bullet">
/// <item>markdown cells become <c>//</c> comments, in place;</item>
/// <item><c>#:project</c> directives point (by relative path) at the kit's projects the chapter uses,
/// always Tutorial.Notebooks (formatting and <c>display</c>); <c>#r "nuget: Name, Version"</c> becomes
/// <c>#:package Name@Version</c> unless the kit's projects already bring the package, <c>#i</c> a
/// restore source; a <c>#r</c> of a DLL path and unknown magics are left as comments with a warning;</item>
/// <item>the cells' code runs as top-level statements: usings are gathered at the top, types
/// (classes, records, …) move to the end of the file, methods become local functions, and a
/// variable declared again in a later cell becomes an assignment;</item>
/// <item><c>display(x)</c> and each cell's last expression go to <see cref="FileAppDisplay"/>: text on the
/// console, HTML (charts, tables) and images into files beside the app.</item>
/// </list>
/// </summary>
public static partial class FileBasedAppExporter
{
    private static readonly CSharpParseOptions ScriptParse = new(LanguageVersion.Latest, DocumentationMode.Parse, SourceCodeKind.Script);

    /// <summary>The usings every notebook cell has (as in <see cref="ScriptSession"/>).</summary>
    private static readonly string[] NotebookUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Text", "System.Threading.Tasks"];

    /// <summary>
    /// Exports <paramref name="notebook"/> to be saved as <paramref name="outputFile"/>; project paths are
    /// made relative to that file's folder. <paramref name="kitRoot"/> is the folder holding src/.
    /// </summary>
    public static ExportedApp Export(NotebookDocument notebook, string outputFile, string kitRoot)
    {
        string outputDir = Path.GetDirectoryName(Path.GetFullPath(outputFile))!;
        var warnings = new List<string>();
        var usings = new List<string>();
        var packages = new List<string>();
        var sources = new List<string>();
        var body = new StringBuilder();
        var types = new StringBuilder();
        var declared = new HashSet<string>(StringComparer.Ordinal);
        string allCode = string.Join("\n", notebook.Cells.Where(c => c.CellType == "code").Select(c => c.Source));

        for (int index = 0; index < notebook.Cells.Count; index++)
        {
            var cell = notebook.Cells[index];
            string where = $"cell {index + 1}";
            string source = cell.Source.Replace("\r\n", "\n");
            if (cell.CellType != "code" || IsMarkdownMagic(source))
            {
                if (cell.CellType == "raw") continue;
                body.AppendLine().Append(Commented(cell.CellType == "code" ? StripFirstLine(source) : source));
                continue;
            }
            string code = TranslateDirectives(source, where, packages, sources, warnings);
            if (string.IsNullOrWhiteSpace(code)) continue;
            body.AppendLine().AppendLine($"// --- {where} ---");
            SplitCell(code, where, usings, body, types, declared, warnings);
        }

        var text = new StringBuilder();
        string name = notebook.Path is null ? "notebook" : Path.GetFileName(notebook.Path);
        text.AppendLine("#!/usr/bin/env dotnet");
        text.AppendLine($"// {name} as a .NET file-based app, written by `tutorial export`. Run it with:");
        text.AppendLine($"//   dotnet run {Path.GetFileName(outputFile)}");
        text.AppendLine("// Values a cell displayed are printed; HTML (charts, tables) and images are written to");
        text.AppendLine($"// {Path.GetFileNameWithoutExtension(outputFile)}.display-N.html/.png beside this file.");
        foreach (var project in Projects(kitRoot, allCode))
            text.AppendLine($"#:project {Path.GetRelativePath(outputDir, project).Replace('\\', '/')}");
        foreach (var package in packages.Distinct()) text.AppendLine($"#:package {package}");
        if (sources.Count > 0) text.AppendLine($"#:property RestoreAdditionalProjectSources={string.Join(';', sources.Distinct())}");
        // As in a notebook: no nullable analysis, unsafe code allowed, warnings do not stop the run;
        // the kit's central package versions (if this file sits inside the kit) do not apply to #:package.
        text.AppendLine("#:property Nullable=disable");
        text.AppendLine("#:property AllowUnsafeBlocks=true");
        text.AppendLine("#:property TreatWarningsAsErrors=false");
        text.AppendLine("#:property ManagePackageVersionsCentrally=false");
        text.AppendLine("#:property PublishAot=false");
        text.AppendLine();
        foreach (var u in NotebookUsings.Select(n => $"using {n};").Concat(usings).Distinct()) text.AppendLine(u);
        text.AppendLine("using static Tutorial.Notebooks.Export.FileAppDisplay;");
        text.Append(body);
        if (types.Length > 0)
        {
            text.AppendLine().AppendLine("// --- types declared in the notebook (C# wants them after the top-level statements) ---");
            text.Append(types);
        }
        return new ExportedApp(text.ToString(), warnings);
    }

    /// <summary>The folder above <paramref name="start"/> (or itself) that holds src/Tutorial.Notebooks, or null.</summary>
    public static string? FindKitRoot(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "src", "Tutorial.Notebooks", "Tutorial.Notebooks.csproj"))) return dir.FullName;
        return null;
    }

    /// <summary>Tutorial.Notebooks, and every other src/Tutorial.X project whose namespace the code names.</summary>
    private static IEnumerable<string> Projects(string kitRoot, string code)
    {
        string src = Path.Combine(kitRoot, "src");
        var notebooks = Path.Combine(src, "Tutorial.Notebooks", "Tutorial.Notebooks.csproj");
        if (!File.Exists(notebooks)) throw new DirectoryNotFoundException($"{kitRoot} does not hold the kit's projects (no src/Tutorial.Notebooks/Tutorial.Notebooks.csproj).");
        yield return notebooks;
        foreach (var dir in Directory.GetDirectories(src).OrderBy(d => d, StringComparer.Ordinal))
        {
            string project = Path.GetFileName(dir);
            string csproj = Path.Combine(dir, project + ".csproj");
            if (project == "Tutorial.Notebooks" || !File.Exists(csproj)) continue;
            if (Regex.IsMatch(code, $@"\b{Regex.Escape(project)}\b") && !IsExecutable(csproj)) yield return csproj;
        }
    }

    private static bool IsExecutable(string csproj) => File.ReadAllText(csproj).Contains("<OutputType>Exe</OutputType>", StringComparison.OrdinalIgnoreCase);

    private static bool IsMarkdownMagic(string source) =>
        source.TrimStart().Split('\n', 2)[0].Trim().ToLowerInvariant() is "#!markdown" or "#!md";

    private static string StripFirstLine(string source)
    {
        string trimmed = source.TrimStart();
        int nl = trimmed.IndexOf('\n');
        return nl < 0 ? "" : trimmed[(nl + 1)..];
    }

    private static string Commented(string markdown)
    {
        var text = new StringBuilder();
        foreach (var line in markdown.TrimEnd().Split('\n'))
            text.AppendLine(line.TrimEnd().Length == 0 ? "//" : "// " + line.TrimEnd());
        return text.ToString();
    }

    /// <summary>Turns the cell's directive lines into app directives (collected) or comments.</summary>
    private static string TranslateDirectives(string source, string where, List<string> packages, List<string> sources, List<string> warnings)
    {
        var output = new StringBuilder();
        foreach (var line in source.Split('\n'))
        {
            string t = line.Trim();
            if (t.StartsWith("#!", StringComparison.Ordinal))
            {
                string magic = t[2..].Trim().Split(' ', 2)[0].ToLowerInvariant();
                if (magic is "csharp" or "c#") continue;
                if (magic == "time")
                {
                    output.AppendLine("// (#!time: a notebook magic that timed this cell)");
                    continue;
                }
                warnings.Add($"{where}: the magic '{t}' has no file-based-app equivalent; left as a comment.");
                output.AppendLine("// " + t);
                continue;
            }
            var m = Directive().Match(t);
            if (!m.Success)
            {
                output.AppendLine(line);
                continue;
            }
            string argument = m.Groups["arg"].Value.Trim();
            bool nuget = argument.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase);
            string rest = nuget ? argument["nuget:".Length..].Trim() : argument;
            if (m.Groups["kind"].Value == "i")
            {
                if (nuget && rest.Length > 0) sources.Add(rest);
                else warnings.Add($"{where}: '{t}' is not a package source; dropped.");
                continue;
            }
            if (!nuget)
            {
                warnings.Add($"{where}: '{t}' references a DLL by path, which a file-based app cannot do; left as a comment (make it a #:project or #:package).");
                output.AppendLine("// " + t);
                continue;
            }
            try
            {
                var (id, version) = NuGetResolver.ParseReference(rest);
                if (AssemblyRegistry.IsCarried(id)) output.AppendLine($"// {t}: the kit's projects bring this package");
                else packages.Add(version is null ? $"{id}@*" : $"{id}@{version}");
            }
            catch (ArgumentException e)
            {
                warnings.Add($"{where}: {e.Message}");
                output.AppendLine("// " + t);
            }
        }
        return output.ToString().TrimEnd('\n', '\r');
    }

    [GeneratedRegex("^#(?<kind>[ri])\\s+\"(?<arg>[^\"]*)\"\\s*$")]
    private static partial Regex Directive();

    /// <summary>Sorts one cell's members: usings to the top, types to the end, the rest stays in order.</summary>
    private static void SplitCell(string code, string where, List<string> usings, StringBuilder body, StringBuilder types, HashSet<string> declared, List<string> warnings)
    {
        var unit = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(code, ScriptParse).GetRoot();
        foreach (var u in unit.Usings) usings.Add(u.WithoutTrivia().ToString());
        if (unit.Usings.Count > 0 && unit.Members.Count == 0 && unit.Usings.Last().GetTrailingTrivia().ToFullString().Trim().Length > 0)
            body.AppendLine(unit.Usings.Last().GetTrailingTrivia().ToFullString().Trim());
        var members = unit.Members;
        for (int i = 0; i < members.Count; i++)
        {
            var member = members[i];
            bool last = i == members.Count - 1;
            switch (member)
            {
                case BaseTypeDeclarationSyntax or DelegateDeclarationSyntax or BaseNamespaceDeclarationSyntax:
                    types.AppendLine().AppendLine($"// from {where}").AppendLine(member.ToFullString().Trim('\n', '\r'));
                    break;
                case MethodDeclarationSyntax method:
                    body.AppendLine(method.WithModifiers(LocalModifiers(method.Modifiers)).ToFullString().TrimEnd());
                    break;
                case FieldDeclarationSyntax field:
                    var kept = field.WithModifiers(LocalModifiers(field.Modifiers));
                    body.AppendLine(Declaration(field.Declaration, field.Modifiers, kept.ToFullString(), kept, declared, where, warnings));
                    break;
                case GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax local } g:
                    body.AppendLine(Declaration(local.Declaration, local.Modifiers, g.ToFullString(), g, declared, where, warnings));
                    break;
                case GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } statement } g when last:
                    body.AppendLine(g.GetLeadingTrivia().ToFullString().TrimStart('\n', '\r') + Result(statement.Expression));
                    break;
                case GlobalStatementSyntax g:
                    body.AppendLine(g.ToFullString().TrimEnd());
                    break;
                case PropertyDeclarationSyntax or EventDeclarationSyntax or EventFieldDeclarationSyntax or IndexerDeclarationSyntax:
                    warnings.Add($"{where}: a script-level property or event has no top-level-statement equivalent; left as a comment.");
                    body.Append(Commented(member.ToFullString().Trim()));
                    break;
                default:
                    body.AppendLine(member.ToFullString().TrimEnd());
                    break;
            }
        }
        // A comment after the last member is trailing trivia of the end-of-file token.
        string tail = unit.EndOfFileToken.LeadingTrivia.ToFullString().Trim();
        if (tail.Length > 0) body.AppendLine(tail);
    }

    /// <summary>Keeps only modifiers a local declaration or local function may have.</summary>
    private static SyntaxTokenList LocalModifiers(SyntaxTokenList modifiers) =>
        SyntaxFactory.TokenList(modifiers.Where(m => m.Kind() is SyntaxKind.ConstKeyword or SyntaxKind.StaticKeyword or SyntaxKind.AsyncKeyword or SyntaxKind.UnsafeKeyword or SyntaxKind.UsingKeyword or SyntaxKind.AwaitKeyword)
            .Select(m => m.WithTrailingTrivia(SyntaxFactory.Space)));

    /// <summary>A variable declaration; one that repeats a name declared in an earlier cell becomes an assignment.</summary>
    private static string Declaration(VariableDeclarationSyntax declaration, SyntaxTokenList modifiers, string asIs, SyntaxNode original, HashSet<string> declared, string where, List<string> warnings)
    {
        var names = declaration.Variables.Select(v => v.Identifier.ValueText).ToList();
        var again = names.Where(declared.Contains).ToList();
        string leading = original.GetLeadingTrivia().ToFullString().TrimStart('\n', '\r');
        bool isConst = modifiers.Any(m => m.IsKind(SyntaxKind.ConstKeyword));
        bool isUsing = modifiers.Any(m => m.IsKind(SyntaxKind.UsingKeyword));
        if (again.Count > 0 && again.Count == names.Count && !isConst && !isUsing && declaration.Variables.All(v => v.Initializer is not null))
        {
            warnings.Add($"{where}: {string.Join(", ", again)} declared again (fine in a notebook, not in one file): now an assignment to the earlier variable.");
            return leading + string.Join(" ", declaration.Variables.Select(v => $"{v.Identifier.ValueText} = {v.Initializer!.Value};"));
        }
        if (again.Count > 0)
            warnings.Add($"{where}: {string.Join(", ", again)} declared again; rename it in the exported file if the compiler complains.");
        foreach (var n in names) declared.Add(n);
        return asIs.TrimEnd();
    }

    /// <summary>The cell's value, shown as the notebook would show its result.</summary>
    private static string Result(ExpressionSyntax expression)
    {
        string e = expression.WithoutTrivia().ToString();
        bool awaits = expression.DescendantNodesAndSelf(n => n is not LambdaExpressionSyntax and not AnonymousMethodExpressionSyntax and not LocalFunctionStatementSyntax)
            .OfType<AwaitExpressionSyntax>().Any();
        return awaits ? $"await ShowResultAsync(async () => {e});" : $"ShowResult(() => {e});";
    }
}
