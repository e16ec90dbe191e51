using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace YbMigrationAnalyzers;

/// <summary>
/// Folds the expression that gives an API its SQL into one text with a source position per char:
/// literals of every kind, const fields and locals (followed to their declaration), compile-time
/// concatenation and interpolated strings (holes become <c>$n</c>). Anything else is dynamic SQL
/// and yields null: it is skipped without a diagnostic.
/// </summary>
internal sealed class SqlFolder
{
    private const int MaxDepth = 32;
    private readonly Compilation _compilation;
    private readonly CancellationToken _cancellationToken;

    public SqlFolder(Compilation compilation, CancellationToken cancellationToken)
    {
        _compilation = compilation;
        _cancellationToken = cancellationToken;
    }

    public SqlText? Fold(IOperation operation)
    {
        var sql = new SqlText();
        return Fold(operation, sql, operation.Syntax.SpanStart, 0) ? sql : null;
    }

    private bool Fold(IOperation operation, SqlText sql, int group, int depth)
    {
        if (depth > MaxDepth)
        {
            return false;
        }

        _cancellationToken.ThrowIfCancellationRequested();
        switch (operation)
        {
            case IConversionOperation conversion when conversion.IsImplicit || conversion.Type?.SpecialType == SpecialType.System_String:
                return Fold(conversion.Operand, sql, group, depth + 1);

            case ILiteralOperation literal when literal.Syntax is LiteralExpressionSyntax syntax
                                                && (syntax.IsKind(SyntaxKind.StringLiteralExpression) || syntax.IsKind(SyntaxKind.Utf8StringLiteralExpression)):
                LiteralDecoder.AppendLiteral(sql, syntax.Token, group);
                return true;

            case IUtf8StringOperation { Syntax: LiteralExpressionSyntax utf8 }:
                LiteralDecoder.AppendLiteral(sql, utf8.Token, group);
                return true;

            case IFieldReferenceOperation { Field: { IsConst: true } field }:
                return FoldConst(operation, field, sql, depth);

            case ILocalReferenceOperation { Local: { IsConst: true } local }:
                return FoldConst(operation, local, sql, depth);

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when binary.Type?.SpecialType == SpecialType.System_String:
                return Fold(binary.LeftOperand, sql, group, depth + 1) && Fold(binary.RightOperand, sql, group, depth + 1);

            case IInterpolatedStringAdditionOperation addition:
                return Fold(addition.Left, sql, group, depth + 1) && Fold(addition.Right, sql, group, depth + 1);

            case IInterpolatedStringOperation interpolated:
                foreach (var part in interpolated.Parts)
                {
                    switch (part)
                    {
                        case IInterpolatedStringTextOperation { Syntax: InterpolatedStringTextSyntax text }:
                            LiteralDecoder.AppendInterpolatedText(sql, text, group);
                            break;
                        case IInterpolationOperation hole when hole.Alignment is null && hole.FormatString is null
                                                               && hole.Expression.ConstantValue is { HasValue: true, Value: string }:
                            // A constant hole is part of the SQL text itself.
                            if (!Fold(hole.Expression, sql, group, depth + 1))
                            {
                                sql.AppendHole();
                            }

                            break;
                        default:
                            sql.AppendHole();
                            break;
                    }
                }

                return true;

            default:
                // nameof(...), a constant from metadata: the value, mapped to the whole expression.
                if (operation.ConstantValue is { HasValue: true, Value: string value })
                {
                    sql.AppendCoarse(value, operation.Syntax.SyntaxTree, operation.Syntax.Span, group);
                    return true;
                }

                return false;
        }
    }

    // A const is folded from its declaration, so findings land there; a const from metadata maps
    // to the reference.
    private bool FoldConst(IOperation reference, ISymbol symbol, SqlText sql, int depth)
    {
        foreach (var declaration in symbol.DeclaringSyntaxReferences)
        {
            if (declaration.GetSyntax(_cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } value })
            {
                var model = value.SyntaxTree == reference.Syntax.SyntaxTree && reference.SemanticModel is { } own
                    ? own
#pragma warning disable RS1030 // The const's declaration may sit in another tree; its initializer has to be bound there.
                    : _compilation.GetSemanticModel(value.SyntaxTree);
#pragma warning restore RS1030
                var initializer = model.GetOperation(value, _cancellationToken);
                var piece = new SqlText();
                if (initializer is not null && Fold(initializer, piece, value.SpanStart, depth + 1))
                {
                    sql.Append(piece);
                    return true;
                }
            }
        }

        if (reference.ConstantValue is { HasValue: true, Value: string text })
        {
            sql.AppendCoarse(text, reference.Syntax.SyntaxTree, reference.Syntax.Span, reference.Syntax.SpanStart);
            return true;
        }

        return false;
    }
}
