using System.Linq;
using YbMigrate.Linter.Catalog;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB4003: a sequence without CACHE, or with a CACHE below 100.</summary>
public sealed class UncachedSequenceRule : SqlRule
{
    private const int MinimumCache = 100;

    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB4003",
        "Sequence with a small or no cache",
        Severity.Info,
        RuleCategory.Performance,
        Availability.Never,
        "{0} {1}: on YugabyteDB every nextval that misses the session's cache is a network round trip to the tablet that stores the sequence; cache at least 100 values (CACHE 100), or use UUID keys",
        new RuleDocs(
            "`CREATE SEQUENCE` without a CACHE clause or with `CACHE n` where n is below 100, `ALTER SEQUENCE .. CACHE n` with n below 100, and identity columns whose sequence options say `CACHE n` below 100 (as pg_dump writes them). Also inside PL/pgSQL bodies and DO blocks (reported there without a fix).",
            "A YugabyteDB sequence is a row of a replicated system table. Each session takes a block of CACHE values at a time; once the block is used up, the next nextval has to read and update that row across the network, with a consensus write. With PostgreSQL's default of one value per block, every insert that draws a key pays that round trip.",
            "Give the sequence `CACHE 100` or more; the automatic fix adds ` CACHE 100` at the end of CREATE SEQUENCE, or replaces a smaller number. Cached values are per session, so values are no longer handed out in strict order across sessions and unused ones are skipped: keys get gaps, which sequences never promised to avoid anyway. Alternatively key the table on UUIDs (gen_random_uuid()).",
            "CREATE SEQUENCE order_id_seq START 1;\nALTER SEQUENCE invoice_id_seq CACHE 1;",
            "CREATE SEQUENCE order_id_seq START 1 CACHE 100;\nALTER SEQUENCE invoice_id_seq CACHE 100;"),
        hasFix: true);

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterNodeAction(Sequence, "CreateSeqStmt", "AlterSeqStmt");
        registration.RegisterNodeAction(IdentityColumn, "Constraint");
    }

    private static void Sequence(NodeContext context)
    {
        var sequence = context.Node.Field("sequence");
        var name = $"Sequence \"{QualifiedName.FromRangeVar(sequence).Name}\"";
        var cache = CacheOption(context.Node);
        if (cache.ValueKind == ElementKind.Object)
        {
            CheckCache(context, name, cache);
        }
        else if (context.Kind == "CreateSeqStmt")
        {
            context.ReportWithFix(PerformanceNodes.RelationSpan(context.Statement, sequence), AppendCache(context.Statement), name, "has no CACHE clause");
        }
    }

    private static void IdentityColumn(NodeContext context)
    {
        var cache = CacheOption(context.Node);
        if (context.Node.Str("contype") == "CONSTR_IDENTITY" && cache.ValueKind == ElementKind.Object)
        {
            var column = context.Parent.Kind == "ColumnDef" ? context.Parent.Node.Str("colname") : ColumnOfAlterCommand(context);
            CheckCache(context, $"The sequence of identity column \"{column}\"", cache);
        }
    }

    private static string? ColumnOfAlterCommand(NodeContext context) =>
        context.Ancestors.LastOrDefault(a => a.Kind == "AlterTableCmd").Node.Str("name");

    private static ParseElement CacheOption(ParseElement node) =>
        node.DefElem("options", "cache");

    private static void CheckCache(NodeContext context, string name, ParseElement cache)
    {
        var value = cache.Field("arg").Field("Integer").Int("ival");
        if (!cache.Field("arg").Is("Integer", out _) || value >= MinimumCache)
        {
            return;
        }

        var statement = context.Statement;
        var keyword = statement.TokenIndexAt(statement.ToSourceOffset(cache.Location()));
        var number = keyword < 0 ? -1 : statement.NextToken(keyword);
        var reason = $"caches only {value} value{(value == 1 ? string.Empty : "s")}";
        if (number < 0 || statement.Tokens[number].Kind != TokenKind.ICONST)
        {
            context.Report(statement.TokenSpanAt(cache.Location()), name, reason);
            return;
        }

        var fix = new Fix("Cache 100 values", new[] { new TextEdit(statement.Tokens[number].Span, "100") });
        context.ReportWithFix(statement.SpanOfTokens(keyword, number), fix, name, reason);
    }

    /// <summary>Inserts " CACHE 100" after the statement's last token, so trailing comments and the semicolon stay put.</summary>
    private static Fix? AppendCache(StatementContext statement)
    {
        for (var i = statement.Tokens.Count - 1; i >= 0; i--)
        {
            var kind = statement.Tokens[i].Kind;
            if (kind is not (TokenKind.SQL_COMMENT or TokenKind.C_COMMENT or TokenKind.ASCII_59))
            {
                return new Fix("Cache 100 values", new[] { new TextEdit(new TextSpan(statement.Tokens[i].Span.End, 0), " CACHE 100") });
            }
        }

        return null;
    }
}
