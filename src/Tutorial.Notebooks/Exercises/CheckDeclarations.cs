using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Tutorial.Notebooks.Ipynb;

namespace Tutorial.Notebooks.Exercises;

/// <summary>A check a notebook declares: its id, its points and the (1-based) cell that runs it.</summary>
public sealed record CheckDeclaration(string Id, double Points, int Cell);

/// <summary>The declared checks of a notebook and what could not be read.</summary>
public sealed record CheckDeclarationScan(IReadOnlyList<CheckDeclaration> Checks, IReadOnlyList<string> Warnings)
{
    /// <summary>The points of all declared checks.</summary>
    public double TotalPoints => Checks.Sum(c => c.Points);
}

/// <summary>
/// Which checks a notebook declares, so that the grader knows the total possible points even when a
/// learner's notebook never reaches some checks. The declaration is found, in this order:
/// <list type="number">
/// <item>the notebook metadata <c>{"tutorial": {"exercise": {"checks": [{"id": …, "points": …, "cell": …}]}}}</c>,
/// which <c>tutorial exercises</c> writes into every learner version;</item>
/// <item>otherwise the source: every call <c>Check.Function|Derivative|Gradient|Layer|Loss|Optimizer|Value(…)</c>
/// whose id (first argument, or <c>id:</c>) is a string literal, with its <c>points:</c> argument (a
/// numeric literal; 1 when absent), plus any checks listed by hand under
/// <c>{"tutorial": {"checks": [{"id": …, "points": …}]}}</c> (for checks whose ids are computed).</item>
/// </list>
/// </summary>
public static class CheckDeclarations
{
    /// <summary>The Check methods that declare a check.</summary>
    public static readonly IReadOnlySet<string> Methods = new HashSet<string> { "Function", "Derivative", "Gradient", "Layer", "Loss", "Optimizer", "Value" };

    /// <summary>The declared checks: from the learner metadata when present, else from the source.</summary>
    public static CheckDeclarationScan Of(NotebookDocument notebook) =>
        FromMetadata(notebook) is { } declared ? new CheckDeclarationScan(declared, []) : Scan(notebook);

    /// <summary>The checks listed in <c>metadata.tutorial.exercise.checks</c>, or null when there is no such list.</summary>
    public static IReadOnlyList<CheckDeclaration>? FromMetadata(NotebookDocument notebook) =>
        notebook.Metadata["tutorial"]?["exercise"]?["checks"] is JsonArray list ? Read(list) : null;

    /// <summary>Reads the checks of the source (see the class comment) and of <c>metadata.tutorial.checks</c>.</summary>
    public static CheckDeclarationScan Scan(NotebookDocument notebook)
    {
        string name = notebook.Path is null ? "notebook" : Path.GetFileName(notebook.Path);
        var found = new List<CheckDeclaration>();
        var warnings = new List<string>();
        for (int c = 0; c < notebook.Cells.Count; c++)
        {
            var cell = notebook.Cells[c];
            if (cell.CellType != "code") continue;
            var tree = CSharpSyntaxTree.ParseText(WithoutDirectives(cell.Source),
                new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Script));
            foreach (var call in tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (call.Expression is not MemberAccessExpressionSyntax { Name: var method } access
                    || !Methods.Contains(method.Identifier.Text)
                    || access.Expression.ToString().Split('.')[^1].Trim() != "Check")
                    continue;
                int line = call.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                string where = $"{name}, cell {c + 1}, line {line}";
                var args = call.ArgumentList.Arguments;
                var idArg = args.FirstOrDefault(a => a.NameColon?.Name.Identifier.Text == "id") ?? args.FirstOrDefault(a => a.NameColon is null);
                if (idArg?.Expression is not LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } idLiteral)
                {
                    warnings.Add($"{where}: the id of Check.{method.Identifier.Text} is not a string literal, so the check cannot be counted; " +
                                 "write the id as \"my-check\" or list the check in the notebook metadata tutorial.checks.");
                    continue;
                }
                double points = 1;
                var pointsArg = args.FirstOrDefault(a => a.NameColon?.Name.Identifier.Text == "points");
                if (pointsArg is not null)
                {
                    if (pointsArg.Expression is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NumericLiteralExpression } number)
                        points = Convert.ToDouble(number.Token.Value, CultureInfo.InvariantCulture);
                    else
                    {
                        warnings.Add($"{where}: the points of check \"{idLiteral.Token.ValueText}\" are not a number literal; counted as 1.");
                    }
                }
                Add(found, warnings, new CheckDeclaration(idLiteral.Token.ValueText, points, c + 1), where);
            }
        }
        if (notebook.Metadata["tutorial"]?["checks"] is JsonArray byHand)
            foreach (var d in Read(byHand))
                Add(found, warnings, d, $"{name}, metadata tutorial.checks");
        return new CheckDeclarationScan(found, warnings);
    }

    private static void Add(List<CheckDeclaration> found, List<string> warnings, CheckDeclaration d, string where)
    {
        var same = found.FirstOrDefault(f => f.Id == d.Id);
        if (same is null)
            found.Add(d);
        else if (same.Points != d.Points)
            warnings.Add($"{where}: check \"{d.Id}\" is declared again with {d.Points} points; the first declaration (cell {same.Cell}, {same.Points} points) counts.");
    }

    /// <summary>The metadata form of a list of checks.</summary>
    public static JsonArray ToJson(IEnumerable<CheckDeclaration> checks) =>
        new([.. checks.Select(c => (JsonNode)new JsonObject { ["id"] = c.Id, ["points"] = c.Points, ["cell"] = c.Cell })]);

    private static List<CheckDeclaration> Read(JsonArray list)
    {
        var checks = new List<CheckDeclaration>();
        foreach (var item in list.OfType<JsonObject>())
        {
            if (item["id"] is not JsonValue idValue || !idValue.TryGetValue<string>(out var id) || id.Length == 0) continue;
            double points = JsonNumbers.Read(item["points"], 1) is var v && v >= 0 && double.IsFinite(v) ? v : 1;
            int cell = (int)JsonNumbers.Read(item["cell"], 0) is var n && n >= 0 ? n : 0;
            if (checks.All(c => c.Id != id)) checks.Add(new CheckDeclaration(id, points, cell));
        }
        return checks;
    }

    /// <summary>The code with directive lines (<c>#r</c>, <c>#i</c>, <c>#!</c>) blanked, so line numbers still match.</summary>
    internal static string WithoutDirectives(string code) =>
        string.Join('\n', code.Replace("\r\n", "\n").Split('\n').Select(l =>
        {
            string t = l.TrimStart();
            return t.StartsWith("#r ") || t.StartsWith("#i ") || t.StartsWith("#!") ? "" : l;
        }));
}
