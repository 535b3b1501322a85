using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Tutorial.Notebooks.Execution;

/// <summary>
/// Rewrites a cell so that it can be interrupted (see <see cref="CellInterrupt"/>): every loop body
/// (<c>while</c>, <c>do</c>, <c>for</c>, <c>foreach</c>) and every block body of a method, local
/// function, constructor, accessor, anonymous method or lambda starts with a call to
/// <see cref="CellInterrupt.Check"/>. <c>while (true) {}</c> becomes
/// <c>while (true) {global::Tutorial.Notebooks.Execution.CellInterrupt.Check();}</c>. The call is
/// inserted without line breaks, so compiler errors and stack traces keep the cell's line numbers;
/// directives and comments are kept as they are.
/// </summary>
public static class InterruptibleCode
{
    private const string CheckCall = "global::Tutorial.Notebooks.Execution.CellInterrupt.Check();";

    private static readonly CSharpParseOptions ScriptParse =
        new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Script);

    /// <summary>The instrumented code; code without loops or bodies comes back unchanged.</summary>
    public static string Instrument(string code)
    {
        string first = code.TrimStart().Split('\n', 2)[0].Trim().ToLowerInvariant();
        if (first is "#!markdown" or "#!md") return code;
        var root = CSharpSyntaxTree.ParseText(code, ScriptParse).GetRoot();
        var rewritten = new Rewriter().Visit(root);
        return ReferenceEquals(rewritten, root) ? code : rewritten.ToFullString();
    }

    private sealed class Rewriter : CSharpSyntaxRewriter
    {
        private static StatementSyntax Check() => SyntaxFactory.ParseStatement(CheckCall);

        private static BlockSyntax Prepend(BlockSyntax block) =>
            block.WithStatements(block.Statements.Insert(0, Check()));

        /// <summary>A loop body as a block that starts with the check; trivia stays where it was.</summary>
        private static StatementSyntax Guard(StatementSyntax body)
        {
            if (body is BlockSyntax block) return Prepend(block);
            var leading = body.GetLeadingTrivia();
            var trailing = body.GetTrailingTrivia();
            var inner = body.WithoutLeadingTrivia().WithoutTrailingTrivia();
            return SyntaxFactory.Block(Check(), inner)
                .WithOpenBraceToken(SyntaxFactory.Token(SyntaxKind.OpenBraceToken))
                .WithCloseBraceToken(SyntaxFactory.Token(SyntaxKind.CloseBraceToken))
                .WithLeadingTrivia(leading)
                .WithTrailingTrivia(trailing);
        }

        public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node)
        {
            var visited = (WhileStatementSyntax)base.VisitWhileStatement(node)!;
            return visited.WithStatement(Guard(visited.Statement));
        }

        public override SyntaxNode? VisitDoStatement(DoStatementSyntax node)
        {
            var visited = (DoStatementSyntax)base.VisitDoStatement(node)!;
            return visited.WithStatement(Guard(visited.Statement));
        }

        public override SyntaxNode? VisitForStatement(ForStatementSyntax node)
        {
            var visited = (ForStatementSyntax)base.VisitForStatement(node)!;
            return visited.WithStatement(Guard(visited.Statement));
        }

        public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node)
        {
            var visited = (ForEachStatementSyntax)base.VisitForEachStatement(node)!;
            return visited.WithStatement(Guard(visited.Statement));
        }

        public override SyntaxNode? VisitForEachVariableStatement(ForEachVariableStatementSyntax node)
        {
            var visited = (ForEachVariableStatementSyntax)base.VisitForEachVariableStatement(node)!;
            return visited.WithStatement(Guard(visited.Statement));
        }

        public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node)
        {
            var visited = (MethodDeclarationSyntax)base.VisitMethodDeclaration(node)!;
            return visited.Body is null ? visited : visited.WithBody(Prepend(visited.Body));
        }

        public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
        {
            var visited = (LocalFunctionStatementSyntax)base.VisitLocalFunctionStatement(node)!;
            return visited.Body is null ? visited : visited.WithBody(Prepend(visited.Body));
        }

        public override SyntaxNode? VisitConstructorDeclaration(ConstructorDeclarationSyntax node)
        {
            var visited = (ConstructorDeclarationSyntax)base.VisitConstructorDeclaration(node)!;
            return visited.Body is null ? visited : visited.WithBody(Prepend(visited.Body));
        }

        public override SyntaxNode? VisitAccessorDeclaration(AccessorDeclarationSyntax node)
        {
            var visited = (AccessorDeclarationSyntax)base.VisitAccessorDeclaration(node)!;
            return visited.Body is null ? visited : visited.WithBody(Prepend(visited.Body));
        }

        public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node)
        {
            var visited = (ParenthesizedLambdaExpressionSyntax)base.VisitParenthesizedLambdaExpression(node)!;
            return visited.Block is null ? visited : visited.WithBlock(Prepend(visited.Block));
        }

        public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node)
        {
            var visited = (SimpleLambdaExpressionSyntax)base.VisitSimpleLambdaExpression(node)!;
            return visited.Block is null ? visited : visited.WithBlock(Prepend(visited.Block));
        }

        public override SyntaxNode? VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node)
        {
            var visited = (AnonymousMethodExpressionSyntax)base.VisitAnonymousMethodExpression(node)!;
            return visited.WithBlock(Prepend(visited.Block));
        }
    }
}
