using System.Collections.Generic;
using System.Linq;
using YbMigrate.Linter.Catalog;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB4001: a range-sharded (ASC/DESC) key whose first column is a timestamp/date or sequence-generated: a write hotspot.</summary>
public sealed class RangeShardedMonotonicKeyRule : SqlRule
{
    private static readonly HashSet<string> TimeTypes = new() { "timestamp", "timestamptz", "date" };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB4001",
        "Range-sharded key starting with an ever-growing column",
        Severity.Warning,
        RuleCategory.Performance,
        Availability.Never,
        "The key is range sharded (ASC/DESC) and starts with {1} \"{0}\": new values always sort last, so every insert goes to the same tablet (a write hotspot); drop ASC/DESC to hash-shard it, or lead the key with a hash-sharded column",
        new RuleDocs(
            "An index (or a YugabyteDB-style `PRIMARY KEY (col ASC, ..)` / `UNIQUE (col DESC, ..)` in CREATE TABLE) whose first key column is ordered ASC or DESC and is either a timestamp, timestamptz or date column (also through a domain), or a column fed by a sequence: serial / bigserial / smallserial, an identity column, or a DEFAULT nextval(..) (also when set by a later ALTER TABLE, as pg_dump writes it). Column types come from the whole schema. A key without ASC/DESC is hash sharded and is not reported, nor is an ordered key on any other type.",
            "On YugabyteDB the first key column decides how rows are spread over tablets. Without ASC/DESC it is hashed, which scatters consecutive values; with ASC/DESC the table or index is split into sorted ranges. When the leading value keeps growing (now(), nextval), each new row sorts after all the others, so all inserts hit the last range, one tablet on one node, while the rest of the cluster idles. Pre-splitting does not help: the newest range is still a single tablet.",
            "Remove ASC/DESC so the key is hash sharded, when the column is looked up by equality. When range scans over time are needed, lead the key with a hash-sharded column that spreads the writes (a tenant or device id, or a small bucket number) and put the timestamp second: on YugabyteDB `(device_id HASH, created_at ASC)`.",
            "CREATE INDEX events_created_idx ON events (created_at DESC);",
            "CREATE INDEX events_created_idx ON events (device_id, created_at DESC);"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterNodeAction(CreateIndex, "IndexStmt");
        registration.RegisterParseErrorAction(YugabyteStyleKey);
    }

    private static void CreateIndex(NodeContext context)
    {
        var node = context.Node;
        var first = node.FirstItem("indexParams").Field("IndexElem");
        var column = first.Str("name");
        if (column is null || !PerformanceNodes.IsRangeSharded(node) || node.Str("accessMethod") is not ("btree" or "lsm" or null))
        {
            return;
        }

        var table = QualifiedName.FromRangeVar(node.Field("relation"));
        var afterTable = context.Statement.ToSourceOffset(node.Field("relation").Location()) + 1;
        context.AfterCatalog((table, column, afterTable), static (check, key) =>
        {
            var info = check.Catalog.FindTable(key.table)?.Column(key.column);
            var kind = info is null ? null : Describe(info.IsSequenceGenerated, check.Catalog.ResolveDomains(info.Type));
            if (kind is not null)
            {
                check.Report(KeySpan(check.Statement, key.column, key.afterTable), key.column, kind);
            }
        });
    }

    // Located only when reporting: scanning the tokens of every range-sharded index's statement is the costly part.
    private static TextSpan KeySpan(StatementContext statement, string column, int afterTable)
    {
        var columnToken = statement.FindIdentifier(column, afterTable);
        return columnToken < 0 ? statement.TokenSpanAt(-1) : OrderedKeySpan(statement, columnToken);
    }

    /// <summary>
    /// YugabyteDB's own key syntax (<c>PRIMARY KEY (ts ASC)</c>) is not PostgreSQL's, so such a CREATE
    /// TABLE reaches rules only as a parse error: read it again with the ordering words blanked out.
    /// </summary>
    private static void YugabyteStyleKey(ParseErrorContext context)
    {
        var statement = context.Statement;
        var text = statement.Source.Text.ToCharArray(statement.Span.Start, statement.Span.Length);
        var keys = OrderedTableKeys(statement, text);
        if (keys.Count == 0)
        {
            return;
        }

        BlankSplitClause(statement, text);
        using var parsed = PgQuery.PgQuery.Parse(new string(text));
        if (parsed.Error is not null || parsed.Statements.Count != 1 || !parsed.Statements[0].Node.Is("CreateStmt", out var create))
        {
            return;
        }

        foreach (var (column, span) in keys)
        {
            var definition = create.Items("tableElts").Select(e => e.Field("ColumnDef")).FirstOrDefault(c => c.Str("colname") == column);
            var kind = definition.ValueKind == ElementKind.Object
                ? Describe(PerformanceNodes.IsSequenceGenerated(definition), TypeRef.From(definition.Field("typeName")))
                : null;
            if (kind is not null)
            {
                context.Report(span, column, kind);
            }
        }
    }

    private static string? Describe(bool sequenceGenerated, TypeRef type)
    {
        if (sequenceGenerated)
        {
            return "the sequence-generated column";
        }

        return !type.IsArray && TimeTypes.Contains(type.Name) ? $"the {type.Name} column" : null;
    }

    /// <summary>
    /// The PRIMARY KEY / UNIQUE column lists whose first column is ASC or DESC, with that column and
    /// its span; blanks (in <paramref name="text"/>) the ASC, DESC and HASH words of every such list.
    /// </summary>
    private static List<(string Column, TextSpan Span)> OrderedTableKeys(StatementContext statement, char[] text)
    {
        var keys = new List<(string, TextSpan)>();
        var tokens = statement.Tokens;
        var start = statement.NextToken(-1);
        if (start < 0 || tokens[start].Kind != TokenKind.CREATE)
        {
            return keys;
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            var open = statement.NextToken(i);
            var isKeyList = (tokens[i].Kind == TokenKind.KEY || tokens[i].Kind == TokenKind.UNIQUE) && open >= 0 && tokens[open].Kind == TokenKind.ASCII_40;
            if (!isKeyList)
            {
                continue;
            }

            var first = statement.NextToken(open);
            var ordering = first < 0 ? -1 : statement.NextToken(first);
            if (ordering >= 0 && tokens[first].Kind != TokenKind.ASCII_40 && tokens[ordering].Kind is TokenKind.ASC or TokenKind.DESC)
            {
                keys.Add((IdentifierText(tokens[first].Text), statement.SpanOfTokens(first, ordering)));
            }

            BlankShardingWords(statement, text, open);
        }

        return keys;
    }

    private static void BlankShardingWords(StatementContext statement, char[] text, int open)
    {
        var depth = 0;
        for (var i = open; i < statement.Tokens.Count; i++)
        {
            var token = statement.Tokens[i];
            depth += token.Kind == TokenKind.ASCII_40 ? 1 : token.Kind == TokenKind.ASCII_41 ? -1 : 0;
            if (depth == 0)
            {
                return;
            }

            if (token.Kind is TokenKind.ASC or TokenKind.DESC || (token.Kind == TokenKind.IDENT && token.Text.ToLowerInvariant() == "hash"))
            {
                Blank(statement, text, token.Span);
            }
        }
    }

    /// <summary>Blanks YugabyteDB's <c>SPLIT INTO n TABLETS</c> / <c>SPLIT AT VALUES (..)</c> after the column list.</summary>
    private static void BlankSplitClause(StatementContext statement, char[] text)
    {
        var depth = 0;
        foreach (var token in statement.Tokens)
        {
            depth += token.Kind == TokenKind.ASCII_40 ? 1 : token.Kind == TokenKind.ASCII_41 ? -1 : 0;
            if (depth == 0 && token.Kind == TokenKind.IDENT && token.Text.ToLowerInvariant() == "split")
            {
                Blank(statement, text, new TextSpan(token.Span.Start, statement.Span.End - token.Span.Start));
                return;
            }
        }
    }

    private static void Blank(StatementContext statement, char[] text, TextSpan span)
    {
        for (var at = span.Start; at < span.End; at++)
        {
            text[at - statement.Span.Start] = ' ';
        }
    }

    /// <summary>The column token through its ASC/DESC (past an operator class or COLLATE), or just the column.</summary>
    private static TextSpan OrderedKeySpan(StatementContext statement, int columnToken)
    {
        var depth = 0;
        for (var i = statement.NextToken(columnToken); i >= 0; i = statement.NextToken(i))
        {
            var kind = statement.Tokens[i].Kind;
            depth += kind == TokenKind.ASCII_40 ? 1 : kind == TokenKind.ASCII_41 ? -1 : 0;
            if (depth < 0 || (depth == 0 && kind == TokenKind.ASCII_44))
            {
                break;
            }

            if (depth == 0 && kind is TokenKind.ASC or TokenKind.DESC)
            {
                return statement.SpanOfTokens(columnToken, i);
            }
        }

        return statement.Tokens[columnToken].Span;
    }

    private static string IdentifierText(string token) =>
        token.Length >= 2 && token[0] == '"' && token[token.Length - 1] == '"'
            ? token.Substring(1, token.Length - 2).Replace("\"\"", "\"")
            : token.ToLowerInvariant();
}
