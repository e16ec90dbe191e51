using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>
/// YB3016: hexadecimal, octal and binary integer literals (0x1F, 0o17, 0b101, PostgreSQL 16). PostgreSQL
/// 15's scanner rejects them as "trailing junk after numeric literal", so they arrive as parse errors.
/// </summary>
public sealed class NonDecimalIntegerLiteralRule : SqlRule
{
    private const string JunkError = "trailing junk after numeric literal";
    private const int MaxLiteralsPerText = 100;

    // PostgreSQL 16's hexinteger / octinteger / bininteger, not followed by more identifier characters.
    private static readonly Regex Literal = new(
        @"\G0(?:[xX](?:_?[0-9a-fA-F])+|[oO](?:_?[0-7])+|[bB](?:_?[01])+)(?![0-9A-Za-z_$\u0080-\uFFFF])",
        RegexOptions.CultureInvariant);

    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB3016",
        "Non-decimal integer literal",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "Integer literal {0} is not understood by YugabyteDB (it rejects hexadecimal, octal and binary literals): write it in decimal, {1}",
        new RuleDocs(
            "Hexadecimal (`0x1F`), octal (`0o17`) and binary (`0b101`) integer literals, with or without `_` separators, in statements and in SQL / PL/pgSQL function bodies and DO blocks. PostgreSQL 15's scanner rejects them, so the linter recognises the scanner's error and reports this rule instead of a syntax error (inside a PL/pgSQL body the body's syntax error is still reported as well).",
            "Non-decimal literals arrived with PostgreSQL 16. YugabyteDB's SQL layer is based on PostgreSQL 15 (11 before 2.25 / 2025.1), whose scanner reads `0x1F` as the number 0 followed by junk, and rejects the statement.",
            "Write the value in decimal (the message gives it), or convert at run time, e.g. `x'1F'::int` for a hexadecimal value.",
            "UPDATE flags SET mask = mask | 0x1F WHERE id = 1;",
            "UPDATE flags SET mask = mask | 31 WHERE id = 1;"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterParseErrorAction(ParseError);
        registration.RegisterNodeAction(RoutineBody, "CreateFunctionStmt", "DoStmt");
    }

    private static void ParseError(ParseErrorContext context)
    {
        var statement = context.Statement;
        foreach (var (offset, text) in FindLiterals(statement.ParseText, context.Error))
        {
            context.Report(new TextSpan(statement.ParseTextToSource(offset), text.Length), text, DecimalValue(text));
        }
    }

    // The engine cannot read a body that does not scan; look for the literals in the body text itself.
    private static void RoutineBody(NodeContext context)
    {
        var body = Engine.RoutineBody.FindExact(context);
        if (body is null)
        {
            return;
        }

        foreach (var (offset, text) in FindLiterals(body.Text, PgQuery.PgQuery.Scan(body.Text).Error))
        {
            context.Report(body.ToSource(offset, text.Length), text, DecimalValue(text));
        }
    }

    // Each scanner error at a non-decimal literal hides the rest of the text: blank the literal out with
    // zeros (same length, so offsets stay put) and scan again until the text scans or fails for another reason.
    private static List<(int Offset, string Text)> FindLiterals(string text, PgQueryError? error)
    {
        var found = new List<(int, string)>();
        var current = text;
        while (error is not null && error.Position >= 0 && error.Message.StartsWith(JunkError, StringComparison.Ordinal) && found.Count < MaxLiteralsPerText)
        {
            var match = Literal.Match(current, error.Position);
            if (!match.Success)
            {
                break;
            }

            found.Add((match.Index, match.Value));
            current = current.Substring(0, match.Index) + new string('0', match.Length) + current.Substring(match.Index + match.Length);
            error = PgQuery.PgQuery.Scan(current).Error;
        }

        return found;
    }

    private static string DecimalValue(string literal)
    {
        var radix = char.ToLowerInvariant(literal[1]) switch
        {
            'x' => 16,
            'o' => 8,
            _ => 2,
        };
        var value = BigInteger.Zero;
        foreach (var digit in literal.Substring(2))
        {
            if (digit != '_')
            {
                value = (value * radix) + int.Parse(digit.ToString(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }
        }

        return value.ToString(CultureInfo.InvariantCulture);
    }
}
