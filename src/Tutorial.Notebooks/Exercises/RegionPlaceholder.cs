using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Tutorial.Notebooks.Exercises;

/// <summary>
/// What replaces a code solution region in the learner version, chosen so that the rest of the
/// notebook still compiles and runs (the checks then fail gracefully):
/// <list type="bullet">
/// <item>Inside a method, local function, lambda, constructor or accessor body: a <c>// YOUR CODE HERE</c>
/// line, then <c>throw new NotImplementedException("Exercise: implement Name.");</c>. Locals the region
/// declares and the code after it uses are declared first with <c>default!</c> (a constant becomes a variable).</item>
/// <item>At the top level of a cell: <c>// YOUR CODE HERE</c>; variables the region declares stay declared
/// with <c>default!</c> (later cells may use them); nothing is thrown, so the cell runs on.</item>
/// <item>Declarations keep their signatures: a method, local function, constructor, operator, property
/// or indexer becomes <c>… =&gt; throw new NotImplementedException(…);</c>, a class keeps its members
/// stubbed the same way, a field loses its initializer; <c>///</c> comments are kept.</item>
/// </list>
/// Types of <c>var</c> declarations come from the compiled solution; statements that are not
/// declarations are dropped. A region must hold whole statements or members.
/// </summary>
internal static class RegionPlaceholder
{
    private const string YourCode = "// YOUR CODE HERE";

    /// <summary>The lines replacing <paramref name="region"/> (marker lines included) of the cell whose processed code is <paramref name="tree"/>.</summary>
    public static List<string> Build(SyntaxTree tree, SemanticModel? model, SolutionRegion region, Func<string, ExerciseFormatException> error)
    {
        var text = tree.GetText();
        var root = tree.GetRoot();
        var beginLine = text.Lines[region.Begin];
        var endLine = text.Lines[region.End];
        int contentStart = region.End > region.Begin + 1 ? text.Lines[region.Begin + 1].Start : endLine.Start;
        int contentEnd = endLine.Start;
        string indent = Indentation(text, beginLine.Start);
        string lines = $"lines {region.Begin + 1}–{region.End + 1}";

        var container = Container(root, beginLine.Start, endLine.End);
        var inside = new List<SyntaxNode>();
        foreach (var child in Children(container))
        {
            if (child.Span.End <= contentStart || child.Span.Start >= contentEnd) continue;
            if (child.Span.Start < contentStart || child.Span.End > contentEnd)
                throw error($"the solution region on {lines} cuts through '{FirstLine(child)}'; " +
                            "put '// BEGIN SOLUTION' and '// END SOLUTION' on lines of their own around whole statements or members.");
            inside.Add(child);
        }

        var output = new List<string> { indent + YourCode };
        switch (container)
        {
            case BlockSyntax or SwitchSectionSyntax:
                foreach (var child in inside)
                {
                    if (child is LocalDeclarationStatementSyntax local)
                        foreach (var v in local.Declaration.Variables.Where(v => UsedAfter(container, contentEnd, v.Identifier.Text)))
                            output.Add($"{indent}{TypeOf(local.Declaration, v, model, error)} {v.Identifier.Text} = default!;");
                    else if (child is LocalFunctionStatementSyntax function)
                        output.AddRange(Stub(function, text, indent));
                }
                output.Add($"{indent}throw new NotImplementedException(\"Exercise: {Task(container)}.\");");
                break;
            case CompilationUnitSyntax:
                foreach (var child in inside)
                {
                    switch (child)
                    {
                        case GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax local }:
                            foreach (var v in local.Declaration.Variables)
                                output.Add($"{indent}{TypeOf(local.Declaration, v, model, error)} {v.Identifier.Text} = default!;");
                            break;
                        case FieldDeclarationSyntax field:
                            // A script's top-level variables (and constants) are fields of the submission.
                            foreach (var v in field.Declaration.Variables)
                                output.Add($"{indent}{TypeOf(field.Declaration, v, model, error)} {v.Identifier.Text} = default!;");
                            break;
                        case GlobalStatementSyntax { Statement: LocalFunctionStatementSyntax function }:
                            output.AddRange(Stub(function, text, indent));
                            break;
                        case GlobalStatementSyntax:
                            break;
                        case UsingDirectiveSyntax:
                            output.Add(indent + child.ToString());
                            break;
                        case MemberDeclarationSyntax member:
                            output.AddRange(Stub(member, text, Indentation(text, member.SpanStart)));
                            break;
                    }
                }
                break;
            default:
                foreach (var child in inside)
                    if (child is MemberDeclarationSyntax member)
                        output.AddRange(Stub(member, text, Indentation(text, member.SpanStart)));
                break;
        }
        return output;
    }

    /// <summary>The innermost block, switch section, type or compilation unit holding both marker lines.</summary>
    private static SyntaxNode Container(SyntaxNode root, int start, int end)
    {
        var token = root.FindToken(Math.Min(start, root.FullSpan.End));
        for (var node = token.Parent; node is not null; node = node.Parent)
            if (node is BlockSyntax or SwitchSectionSyntax or TypeDeclarationSyntax or CompilationUnitSyntax
                && node.FullSpan.Start <= start && node.FullSpan.End >= end
                && (node is not BlockSyntax b || (b.OpenBraceToken.Span.End <= start && b.CloseBraceToken.SpanStart >= end))
                && (node is not TypeDeclarationSyntax t || (t.OpenBraceToken.Span.End <= start && t.CloseBraceToken.SpanStart >= end)))
                return node;
        return root;
    }

    private static IEnumerable<SyntaxNode> Children(SyntaxNode container) => container switch
    {
        BlockSyntax b => b.Statements,
        SwitchSectionSyntax s => s.Statements,
        TypeDeclarationSyntax t => t.Members,
        CompilationUnitSyntax u => [.. u.Usings, .. u.Members],
        _ => [],
    };

    /// <summary>True when an identifier <paramref name="name"/> appears in the container after the region.</summary>
    private static bool UsedAfter(SyntaxNode container, int position, string name) =>
        container.DescendantTokens().Any(t => t.SpanStart >= position && t.IsKind(SyntaxKind.IdentifierToken) && t.ValueText == name);

    private static string TypeOf(VariableDeclarationSyntax declaration, VariableDeclaratorSyntax variable, SemanticModel? model, Func<string, ExerciseFormatException> error)
    {
        if (!declaration.Type.IsVar) return declaration.Type.ToString();
        var type = model?.GetDeclaredSymbol(variable) switch
        {
            ILocalSymbol l => l.Type,
            IFieldSymbol f => f.Type,
            _ => null,
        };
        if (type is null || type.IsAnonymousType || type.TypeKind == TypeKind.Error)
            throw error($"cannot tell the type of '{variable.Identifier.Text}', declared with var in a solution region" +
                        (model is null ? " of a cell that does not compile" : "") + "; write its type instead of var.");
        return type.ToMinimalDisplayString(model!, variable.SpanStart);
    }

    /// <summary>What the learner is asked to do, from the member around a body region.</summary>
    private static string Task(SyntaxNode container)
    {
        for (var node = container.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case MethodDeclarationSyntax m: return $"implement {m.Identifier.Text}";
                case LocalFunctionStatementSyntax f: return $"implement {f.Identifier.Text}";
                case ConstructorDeclarationSyntax c: return $"implement the constructor of {c.Identifier.Text}";
                case AccessorDeclarationSyntax { Parent.Parent: PropertyDeclarationSyntax p } a: return $"implement {p.Identifier.Text}.{a.Keyword.Text}";
                case AccessorDeclarationSyntax { Parent.Parent: IndexerDeclarationSyntax } a: return $"implement the indexer's {a.Keyword.Text}";
                case OperatorDeclarationSyntax o: return $"implement operator {o.OperatorToken.Text}";
                case AnonymousFunctionExpressionSyntax: return "complete this code";
            }
        }
        return "complete this code";
    }

    private static string Throw(string name) => $"throw new NotImplementedException(\"Exercise: implement {name}.\")";

    /// <summary>A declaration with its implementation replaced by a throw, keeping its signature and <c>///</c> comments.</summary>
    private static IEnumerable<string> Stub(SyntaxNode member, SourceText text, string indent)
    {
        var docs = member.GetLeadingTrivia()
            .Where(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia))
            .SelectMany(t => t.ToFullString().Split('\n'))
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("///", StringComparison.Ordinal))
            .Select(l => indent + l)
            .ToList();
        string body = member switch
        {
            BaseMethodDeclarationSyntax m when m.Body is not null || m.ExpressionBody is not null =>
                $"{Head(text, m, (SyntaxNode?)m.Body ?? m.ExpressionBody!)} => {Throw(Name(m))};",
            LocalFunctionStatementSyntax f when f.Body is not null || f.ExpressionBody is not null =>
                $"{Head(text, f, (SyntaxNode?)f.Body ?? f.ExpressionBody!)} => {Throw(f.Identifier.Text)};",
            BasePropertyDeclarationSyntax p => Property(text, p),
            FieldDeclarationSyntax f when !f.Modifiers.Any(SyntaxKind.ConstKeyword) =>
                $"{Slice(text, f.SpanStart, f.Declaration.Type.Span.End)} {string.Join(", ", f.Declaration.Variables.Select(v => v.Identifier.Text))};",
            TypeDeclarationSyntax t when !t.OpenBraceToken.IsMissing => Type(text, t),
            _ => Slice(text, member.SpanStart, member.Span.End),
        };
        return [.. docs, indent + body];
    }

    private static string Name(BaseMethodDeclarationSyntax m) => m switch
    {
        MethodDeclarationSyntax method => method.Identifier.Text,
        ConstructorDeclarationSyntax c => $"the constructor of {c.Identifier.Text}",
        DestructorDeclarationSyntax d => $"the finalizer of {d.Identifier.Text}",
        OperatorDeclarationSyntax o => $"operator {o.OperatorToken.Text}",
        ConversionOperatorDeclarationSyntax c => $"the conversion to {c.Type}",
        _ => "this member",
    };

    private static string Property(SourceText text, BasePropertyDeclarationSyntax p)
    {
        string name = p switch
        {
            PropertyDeclarationSyntax prop => prop.Identifier.Text,
            IndexerDeclarationSyntax => "the indexer",
            _ => "this member",
        };
        if (p is PropertyDeclarationSyntax { ExpressionBody: { } arrow } withArrow)
            return $"{Head(text, withArrow, arrow)} => {Throw(name)};";
        if (p is IndexerDeclarationSyntax { ExpressionBody: { } indexerArrow } indexer)
            return $"{Head(text, indexer, indexerArrow)} => {Throw(name)};";
        if (p.AccessorList is not { } accessors) return Slice(text, p.SpanStart, p.Span.End);
        if (accessors.Accessors.All(a => a.Body is null && a.ExpressionBody is null))
            return Slice(text, p.SpanStart, accessors.Span.End); // an auto-property, without its initializer
        var stubs = accessors.Accessors.Select(a => $"{(a.Modifiers.Count > 0 ? a.Modifiers + " " : "")}{a.Keyword.Text} => {Throw(name)};");
        return $"{Head(text, p, accessors)} {{ {string.Join(" ", stubs)} }}";
    }

    private static string Type(SourceText text, TypeDeclarationSyntax t)
    {
        string indent = Indentation(text, t.SpanStart);
        var lines = new List<string> { Head(text, t, t.OpenBraceToken), indent + "{" };
        foreach (var member in t.Members)
            lines.AddRange(Stub(member, text, Indentation(text, member.SpanStart)));
        lines.Add(indent + "}");
        return string.Join("\n", lines);
    }

    /// <summary>The source from the start of <paramref name="node"/> up to <paramref name="stop"/>, without trailing blanks.</summary>
    private static string Head(SourceText text, SyntaxNode node, SyntaxNode stop) => Slice(text, node.SpanStart, stop.SpanStart).TrimEnd();

    private static string Head(SourceText text, SyntaxNode node, SyntaxToken stop) => Slice(text, node.SpanStart, stop.SpanStart).TrimEnd();

    private static string Slice(SourceText text, int start, int end) => text.ToString(TextSpan.FromBounds(start, end));

    private static string Indentation(SourceText text, int position)
    {
        var line = text.Lines.GetLineFromPosition(position);
        string s = text.ToString(TextSpan.FromBounds(line.Start, line.End));
        return s[..(s.Length - s.TrimStart().Length)];
    }

    private static string FirstLine(SyntaxNode node)
    {
        string s = node.ToString();
        int nl = s.IndexOf('\n');
        return (nl < 0 ? s : s[..nl].TrimEnd() + " …").Trim();
    }
}
