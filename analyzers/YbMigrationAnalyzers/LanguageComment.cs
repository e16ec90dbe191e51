using System.Collections.Generic;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace YbMigrationAnalyzers;

/// <summary>
/// The language-injection comment Rider reads: <c>// language=sql</c> or
/// <c>/* language=postgresql */</c> directly before a string literal marks it as SQL. The comment
/// may also stand on the line above the declaration, property or assignment the literal
/// initializes (<c>// language=sql</c> over <c>const string Ddl = "...";</c>).
/// </summary>
internal static class LanguageComment
{
    // "language=sql", "language=PostgreSQL", optionally followed by Rider's prefix=/postfix= options.
    private static readonly Regex Pattern = new(
        @"^(?://|/\*)\s*language\s*=\s*(?:sql|postgresql|postgres|pgsql)(?:\s[^\r\n]*?)?\s*(?:\*/)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <summary>
    /// Whether <paramref name="operation"/> (a literal or interpolated string) is marked as SQL;
    /// <paramref name="marked"/> is then the whole expression it starts (a concatenation
    /// <c>"a" + "b"</c> is one SQL text).
    /// </summary>
    public static bool Marks(IOperation operation, out IOperation marked)
    {
        marked = operation;
        var syntax = operation.Syntax;
        var isString = syntax is InterpolatedStringExpressionSyntax
                       || syntax is LiteralExpressionSyntax literal
                       && (literal.IsKind(SyntaxKind.StringLiteralExpression) || literal.IsKind(SyntaxKind.Utf8StringLiteralExpression));
        if (!isString)
        {
            return false;
        }

        // Cheap test first: no comment anywhere near, nothing to do.
        var token = syntax.GetFirstToken();
        var top = Outermost(operation, token);
        var owner = Owner(top.Syntax);
        if (!HasMarker(token) && (owner is null || !HasMarker(owner.GetFirstToken())))
        {
            return false;
        }

        marked = top;
        return true;
    }

    // Climbs through a concatenation whose leftmost piece is this literal.
    private static IOperation Outermost(IOperation operation, SyntaxToken first)
    {
        var top = operation;
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IConversionOperation { IsImplicit: true })
            {
                continue;
            }

            if ((parent is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary && binary.Type?.SpecialType == SpecialType.System_String
                 || parent is IInterpolatedStringAdditionOperation)
                && parent.Syntax.GetFirstToken() == first)
            {
                top = parent;
                continue;
            }

            break;
        }

        return top;
    }

    // The declaration or statement a comment on the line above may mark: a field, local or
    // property initialized with the expression, or an assignment statement.
    private static SyntaxNode? Owner(SyntaxNode expression)
    {
        var node = expression;
        while (node.Parent is ParenthesizedExpressionSyntax)
        {
            node = node.Parent;
        }

        return node.Parent switch
        {
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: { } declaration } } }
                when declaration is FieldDeclarationSyntax or LocalDeclarationStatementSyntax => declaration,
            EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } => property,
            AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax statement } assignment when assignment.Right == node => statement,
            _ => null,
        };
    }

    // The last comment before the token (blank lines and doc comments in between are allowed). A
    // comment on the same line after the previous token (= /* language=sql */ "...") is that
    // token's trailing trivia.
    private static bool HasMarker(SyntaxToken token)
    {
        var trivia = new List<SyntaxTrivia>(token.GetPreviousToken().TrailingTrivia);
        trivia.AddRange(token.LeadingTrivia);
        for (var i = trivia.Count - 1; i >= 0; i--)
        {
            var item = trivia[i];
            switch (item.Kind())
            {
                case SyntaxKind.WhitespaceTrivia:
                case SyntaxKind.EndOfLineTrivia:
                case SyntaxKind.SingleLineDocumentationCommentTrivia:
                case SyntaxKind.MultiLineDocumentationCommentTrivia:
                    continue;
                case SyntaxKind.SingleLineCommentTrivia:
                case SyntaxKind.MultiLineCommentTrivia:
                    return Pattern.IsMatch(item.ToString().Trim());
                default:
                    return false;
            }
        }

        return false;
    }
}
