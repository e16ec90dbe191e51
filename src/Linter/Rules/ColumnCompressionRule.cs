using System.Linq;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1028: a column compression method (COMPRESSION pglz / lz4), declared or set with ALTER TABLE.</summary>
public sealed class ColumnCompressionRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1028",
        "Column compression method",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "Column compression ({0}) is not supported by YugabyteDB: remove the clause; YugabyteDB compresses data in its storage layer",
        new RuleDocs(
            "A column's `COMPRESSION method` clause in CREATE TABLE or ALTER TABLE ... ADD COLUMN, and `ALTER TABLE ... ALTER COLUMN ... SET COMPRESSION method`.",
            "COMPRESSION (PostgreSQL 14) chooses how TOAST compresses a large column value. YugabyteDB does not use TOAST: its storage layer (DocDB) compresses data blocks itself, so there is nothing to choose and the clause is rejected.",
            "Remove the clause; the automatic fix does so. An ALTER TABLE whose only actions are SET COMPRESSION is removed whole; one with other actions keeps them.",
            "CREATE TABLE documents (id bigint PRIMARY KEY, body text COMPRESSION lz4);\nALTER TABLE documents ALTER COLUMN body SET COMPRESSION pglz;",
            "CREATE TABLE documents (id bigint PRIMARY KEY, body text);"),
        hasFix: true);

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterNodeAction(ColumnDefinition, "ColumnDef");
        registration.RegisterNodeAction(SetCompression, "AlterTableStmt");
    }

    private static void ColumnDefinition(NodeContext context)
    {
        var method = context.Node.Str("compression");
        if (method is null)
        {
            return;
        }

        var statement = context.Statement;
        var column = statement.TokenIndexAt(statement.ToSourceOffset(context.Node.Location()));
        var keyword = CompressionKeyword(statement, column < 0 ? 0 : column, method);
        if (keyword < 0)
        {
            context.ReportAt(context.Node.Location(), method);
            return;
        }

        var value = statement.NextToken(keyword);
        context.ReportWithFix(statement.SpanOfTokens(keyword, value), statement.DeleteTokens("Remove the COMPRESSION clause", keyword, value), method);
    }

    private static void SetCompression(NodeContext context)
    {
        if (!DdlSyntax.HasCommand(context.Node, "AT_SetCompression"))
        {
            return;
        }

        var commands = context.Node.Items("cmds").Select(item => item.Field("AlterTableCmd")).ToList();
        var onlySetCompression = commands.All(IsSetCompression);
        var statement = context.Statement;
        var keyword = -1;
        foreach (var command in commands.Where(IsSetCompression))
        {
            var method = PgJson.StringValue(command.Field("def")) ?? string.Empty;
            keyword = CompressionKeyword(statement, keyword + 1, method);
            if (keyword < 0)
            {
                context.Report(statement.TokenSpanAt(-1), method);
                return;
            }

            var value = statement.NextToken(keyword);
            var fix = onlySetCompression ? statement.RemoveStatement("Remove the SET COMPRESSION statement") : RemoveCommand(statement, keyword, value);
            var set = statement.PreviousToken(keyword);
            var start = set >= 0 && statement.Tokens[set].Kind == TokenKind.SET ? set : keyword;
            context.ReportWithFix(statement.SpanOfTokens(start, value), fix, method);
        }
    }

    private static bool IsSetCompression(ParseElement command) => command.Str("subtype") == "AT_SetCompression";

    // The COMPRESSION keyword followed by the method, at or after token `from` (a column may be named "compression").
    private static int CompressionKeyword(StatementContext statement, int from, string method)
    {
        for (var i = statement.FindToken(TokenKind.COMPRESSION, from); i >= 0; i = statement.FindToken(TokenKind.COMPRESSION, i + 1))
        {
            var value = statement.NextToken(i);
            if (value >= 0 && IdentifierText(statement.Tokens[value].Text) == method)
            {
                return i;
            }
        }

        return -1;
    }

    // Deletes "ALTER [COLUMN] name SET COMPRESSION method" with the comma that separates it from its neighbour.
    private static Fix? RemoveCommand(StatementContext statement, int keyword, int value)
    {
        var alter = keyword;
        while (alter > 0 && statement.Tokens[alter].Kind != TokenKind.ALTER)
        {
            alter--;
        }

        var after = statement.NextToken(value);
        if (after >= 0 && statement.Tokens[after].Kind == TokenKind.ASCII_44)
        {
            return statement.DeleteTokens("Remove SET COMPRESSION", alter, after);
        }

        var before = statement.PreviousToken(alter);
        return before >= 0 && statement.Tokens[before].Kind == TokenKind.ASCII_44 ? statement.DeleteTokens("Remove SET COMPRESSION", before, value) : null;
    }

    private static string IdentifierText(string token) =>
        token.Length >= 2 && token[0] == '"' ? token.Substring(1, token.Length - 2) : token.ToLowerInvariant();
}
