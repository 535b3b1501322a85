using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Tutorial.Notebooks.Display;
using Tutorial.Notebooks.Execution;

namespace Tutorial.Kernel.Editing;

/// <summary>
/// Answers Jupyter's <c>inspect_request</c> (Shift+Tab, the contextual help panel): the signature of
/// the symbol at the cursor — every overload when the name is a method group — and its doc
/// comment (<see cref="XmlDocumentation"/>). When the cursor is not on a name but inside the
/// argument list of a call, the called method is shown. A variable the session holds also shows its
/// current value.
/// </summary>
public static class CodeInspection
{
    private const int MaxOverloads = 12;

    private static readonly SymbolDisplayFormat Signature = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters | SymbolDisplayGenericsOptions.IncludeTypeConstraints,
        memberOptions: SymbolDisplayMemberOptions.IncludeParameters | SymbolDisplayMemberOptions.IncludeType |
                       SymbolDisplayMemberOptions.IncludeContainingType | SymbolDisplayMemberOptions.IncludeModifiers | SymbolDisplayMemberOptions.IncludeRef,
        kindOptions: SymbolDisplayKindOptions.IncludeTypeKeyword | SymbolDisplayKindOptions.IncludeNamespaceKeyword,
        parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName |
                          SymbolDisplayParameterOptions.IncludeDefaultValue | SymbolDisplayParameterOptions.IncludeParamsRefOut |
                          SymbolDisplayParameterOptions.IncludeExtensionThis,
        propertyStyle: SymbolDisplayPropertyStyle.ShowReadWriteDescriptor,
        localOptions: SymbolDisplayLocalOptions.IncludeType,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers |
                              SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>The help text for the cursor at <paramref name="position"/> (UTF-16 index), or null when nothing is there.</summary>
    public static string? Inspect(ScriptSession session, string code, int position)
    {
        position = Math.Clamp(position, 0, code.Length);
        var compilation = session.CompileForEditing(code);
        var tree = compilation.SyntaxTrees.Last();
        var model = compilation.GetSemanticModel(tree);
        var root = tree.GetRoot();

        var node = NameAt(root, position) ?? CalledNameAt(root, position);
        if (node is null) return null;
        var symbols = SymbolsOf(model, node);
        if (symbols.Count == 0) return null;

        var text = new StringBuilder();
        foreach (var s in symbols.Take(MaxOverloads)) text.AppendLine(Describe(s));
        if (symbols.Count > MaxOverloads) text.AppendLine($"(+{symbols.Count - MaxOverloads} more overloads)");
        var first = symbols[0];
        if (IsSessionVariable(first) && session.TryGetVariable(first.Name, out var value, out _))
        {
            string shown = value is null ? "null" : Formatters.Format(value).Get("text/plain") ?? "";
            if (shown.Length > 500) shown = shown[..500] + " …";
            text.AppendLine($"value: {shown}");
        }
        if (XmlDocumentation.For(first, compilation) is { Length: > 0 } docs) text.AppendLine().AppendLine(docs);
        return text.ToString().TrimEnd();
    }

    /// <summary>The name token the cursor is in or just after.</summary>
    private static SyntaxNode? NameAt(SyntaxNode root, int position)
    {
        foreach (int p in new[] { position, position - 1 })
        {
            if (p < 0 || p >= root.FullSpan.End) continue;
            var token = root.FindToken(p);
            if (!token.Span.Contains(p) && token.Span.End != position) continue;
            if (token.IsKind(SyntaxKind.IdentifierToken) || SyntaxFacts.IsPredefinedType(token.Kind()) || token.IsKind(SyntaxKind.BaseKeyword) || token.IsKind(SyntaxKind.ThisKeyword))
                return token.Parent;
        }
        return null;
    }

    /// <summary>The method name of the innermost call whose argument list holds the cursor.</summary>
    private static SyntaxNode? CalledNameAt(SyntaxNode root, int position)
    {
        var token = root.FindToken(Math.Max(0, position - 1));
        var call = token.Parent?.AncestorsAndSelf().FirstOrDefault(n =>
            n is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax && ArgumentsOf(n) is { } args && args.Span.Contains(position - 1));
        return call switch
        {
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax ma } => ma.Name,
            InvocationExpressionSyntax i => i.Expression,
            ObjectCreationExpressionSyntax o => o.Type,
            _ => call,
        };
    }

    private static SyntaxNode? ArgumentsOf(SyntaxNode call) => call switch
    {
        InvocationExpressionSyntax i => i.ArgumentList,
        BaseObjectCreationExpressionSyntax o => o.ArgumentList,
        _ => null,
    };

    private static IReadOnlyList<ISymbol> SymbolsOf(SemanticModel model, SyntaxNode node)
    {
        if (model.GetDeclaredSymbol(node) is { } declared) return [declared];
        var info = model.GetSymbolInfo(node);
        if (info.Symbol is { } symbol)
        {
            // A constructor call shows the type's documentation too (through its first line).
            return [symbol];
        }
        if (info.CandidateSymbols.Length > 0) return info.CandidateSymbols;
        if (node is IdentifierNameSyntax { IsVar: true } && model.GetTypeInfo(node).Type is { } varType) return [varType];
        return model.GetTypeInfo(node).Type is { TypeKind: not TypeKind.Error } type && node is TypeSyntax ? [type] : [];
    }

    private static bool IsSessionVariable(ISymbol symbol) =>
        symbol is IFieldSymbol { ContainingType.IsScriptClass: true };

    private static string Describe(ISymbol symbol) => symbol switch
    {
        IFieldSymbol f when IsSessionVariable(f) => $"(variable) {f.Type.ToDisplayString(Signature)} {f.Name}",
        ILocalSymbol l => $"(local) {l.Type.ToDisplayString(Signature)} {l.Name}",
        IParameterSymbol p => $"(parameter) {p.Type.ToDisplayString(Signature)} {p.Name}",
        IMethodSymbol { ContainingType.IsScriptClass: true } =>
            symbol.ToDisplayString(Signature.WithMemberOptions(Signature.MemberOptions & ~SymbolDisplayMemberOptions.IncludeContainingType)),
        _ => symbol.ToDisplayString(Signature),
    };
}
