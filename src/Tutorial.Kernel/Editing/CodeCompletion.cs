using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Tutorial.Notebooks.Execution;

namespace Tutorial.Kernel.Editing;

/// <summary>One completion offered: the text and a kind ("function", "class", "property", …).</summary>
public sealed record CompletionItem(string Text, string Kind);

/// <summary>The completions for a cursor, replacing <c>code[Start..End]</c> (UTF-16 indices).</summary>
public sealed record CompletionList(IReadOnlyList<CompletionItem> Items, int Start, int End);

/// <summary>
/// Completions from the semantic model of the cell as the session would compile it
/// (<see cref="ScriptSession.CompileForEditing"/>), so everything earlier cells defined is known.
/// After a dot: the members of what stands left of it — a namespace's types and namespaces, a
/// type's static members and nested types, an expression's instance members and extension
/// methods. Elsewhere: every symbol in scope (locals, the session's variables and methods, types,
/// namespaces, the globals such as <c>display</c>) and the C# keywords. Only names that start
/// with the word being typed (ignoring case) are offered, sorted.
/// </summary>
public static class CodeCompletion
{
    private static readonly string[] Keywords =
        SyntaxFacts.GetKeywordKinds().Concat(SyntaxFacts.GetContextualKeywordKinds())
            .Select(SyntaxFacts.GetText).Where(k => k.Length > 0 && char.IsLetter(k[0]) && !k.StartsWith("__")).Distinct().ToArray();

    /// <summary>Completions at <paramref name="position"/> (a UTF-16 index into <paramref name="code"/>).</summary>
    public static CompletionList Complete(ScriptSession session, string code, int position)
    {
        position = Math.Clamp(position, 0, code.Length);
        int start = position;
        while (start > 0 && IsIdentifierChar(code[start - 1])) start--;
        string prefix = code[start..position];
        int end = position;
        while (end < code.Length && IsIdentifierChar(code[end])) end++;
        if (prefix.Length > 0 && char.IsDigit(prefix[0])) return new([], start, end);

        var compilation = session.CompileForEditing(code);
        var tree = compilation.SyntaxTrees.Last();
        var model = compilation.GetSemanticModel(tree);
        var root = tree.GetRoot();

        int dot = start - 1;
        while (dot >= 0 && char.IsWhiteSpace(code[dot])) dot--;
        IEnumerable<ISymbol> symbols;
        bool keywords = false;
        if (dot >= 0 && code[dot] == '.')
        {
            var left = LeftOfDot(root.FindToken(dot));
            if (left is null) return new([], start, end);
            symbols = MembersOf(model, left, position);
        }
        else
        {
            if (InsideCommentOrString(root, position)) return new([], start, end);
            symbols = model.LookupSymbols(position);
            keywords = true;
        }

        var items = new Dictionary<string, CompletionItem>(StringComparer.Ordinal);
        foreach (var symbol in symbols)
        {
            if (!symbol.CanBeReferencedByName || symbol.IsImplicitlyDeclared && symbol.Kind != SymbolKind.Field) continue;
            string name = symbol.Name;
            if (name.Length == 0 || name.Contains('<') || name.Contains('#') || !name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) continue;
            if (symbol is INamedTypeSymbol { IsScriptClass: true }) continue;
            items.TryAdd(name, new CompletionItem(name, KindOf(symbol)));
        }
        if (keywords)
            foreach (var k in Keywords)
                if (k.StartsWith(prefix, StringComparison.Ordinal)) items.TryAdd(k, new CompletionItem(k, "keyword"));

        var sorted = items.Values
            .OrderBy(i => i.Text.StartsWith(prefix, StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(i => i.Text, StringComparer.OrdinalIgnoreCase)
            .ThenBy(i => i.Text, StringComparer.Ordinal)
            .ToList();
        return new CompletionList(sorted, start, end);
    }

    private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static bool InsideCommentOrString(SyntaxNode root, int position)
    {
        if (position == 0) return false;
        var trivia = root.FindTrivia(position - 1);
        if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia)) return true;
        var token = root.FindToken(position - 1);
        return token.Span.Contains(position - 1) &&
               (token.IsKind(SyntaxKind.StringLiteralToken) || token.IsKind(SyntaxKind.InterpolatedStringTextToken) || token.IsKind(SyntaxKind.CharacterLiteralToken));
    }

    /// <summary>The expression or name left of the dot token <paramref name="dot"/>.</summary>
    private static SyntaxNode? LeftOfDot(SyntaxToken dot) => dot.Parent switch
    {
        MemberAccessExpressionSyntax ma when ma.OperatorToken == dot => ma.Expression,
        QualifiedNameSyntax qn when qn.DotToken == dot => qn.Left,
        MemberBindingExpressionSyntax mb when mb.OperatorToken == dot => mb.FirstAncestorOrSelf<ConditionalAccessExpressionSyntax>()?.Expression,
        _ => null,
    };

    private static IEnumerable<ISymbol> MembersOf(SemanticModel model, SyntaxNode left, int position)
    {
        var symbol = model.GetSymbolInfo(left).Symbol ?? model.GetSymbolInfo(left).CandidateSymbols.FirstOrDefault();
        if (symbol is IAliasSymbol alias) symbol = alias.Target;
        switch (symbol)
        {
            case INamespaceSymbol ns:
                return model.LookupNamespacesAndTypes(position, ns);
            case INamedTypeSymbol type when left is not ExpressionSyntax || IsTypeReference(model, left):
                return model.LookupStaticMembers(position, type).Concat(model.LookupNamespacesAndTypes(position, type));
        }
        var instanceType = model.GetTypeInfo(left).Type;
        if (instanceType is null or IErrorTypeSymbol) return [];
        return model.LookupSymbols(position, instanceType, includeReducedExtensionMethods: true)
            .Where(s => !s.IsStatic || s is IMethodSymbol { MethodKind: MethodKind.ReducedExtension });
    }

    /// <summary>True when <paramref name="node"/> names a type (<c>Math</c> in <c>Math.Max</c>), not a value of that type.</summary>
    private static bool IsTypeReference(SemanticModel model, SyntaxNode node) =>
        model.GetSymbolInfo(node).Symbol is ITypeSymbol && model.GetTypeInfo(node).Type is not null &&
        node is not InvocationExpressionSyntax and not ObjectCreationExpressionSyntax and not ElementAccessExpressionSyntax;

    private static string KindOf(ISymbol symbol) => symbol switch
    {
        IMethodSymbol => "function",
        INamedTypeSymbol => "class",
        INamespaceSymbol => "module",
        IPropertySymbol => "property",
        IFieldSymbol or ILocalSymbol or IParameterSymbol => "instance",
        IEventSymbol => "property",
        _ => "statement",
    };
}
