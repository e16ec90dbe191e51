using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1031: a table created with OIDs (<c>WITH (oids = true)</c>, or the old <c>WITH OIDS</c> syntax).</summary>
public sealed class TableWithOidsRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1031",
        "Table with OIDs",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "{0} asks for a hidden oid column, which YugabyteDB (like PostgreSQL 12 and later) does not provide: remove it, and add an explicit identity column if the application reads oid",
        new RuleDocs(
            "`CREATE TABLE ... WITH (oids = true)` (also `WITH (oids)` and `CREATE TABLE ... AS`), and the pre-PostgreSQL 12 forms `CREATE TABLE ... WITH OIDS` and `ALTER TABLE ... SET WITH OIDS`, which the PostgreSQL 15 parser no longer accepts; this rule reports them instead of a plain syntax error. `WITH (oids = false)` and `WITHOUT OIDS` are accepted and not reported.",
            "User tables with a system oid column are gone from PostgreSQL 12 on, and YugabyteDB never had them: the statement fails. Such DDL usually comes from old dumps or old ORMs.",
            "Drop the option. When the application relies on the oid column, declare a column of its own, e.g. `id bigint GENERATED ALWAYS AS IDENTITY`, and use it instead.",
            "CREATE TABLE audit_log (entry text) WITH (oids = true);",
            "CREATE TABLE audit_log (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, entry text);"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterNodeAction(AnalyzeOptions, "CreateStmt", "CreateTableAsStmt");
        registration.RegisterParseErrorAction(AnalyzeParseError);
    }

    private static void AnalyzeOptions(NodeContext context)
    {
        var options = context.Kind == "CreateStmt" ? context.Node : context.Node.Field("into");
        var oids = options.DefElem("options", "oids");
        if (oids.ValueKind == ElementKind.Object && OlderDdlSyntax.IsTrueOption(oids))
        {
            context.ReportAt(oids.Location(), "The storage option oids");
        }
    }

    // PostgreSQL 12 removed the WITH OIDS syntax: recognise it in statements the parser rejects,
    // unless the parser stopped before it (then the statement has another error to show).
    private static void AnalyzeParseError(ParseErrorContext context)
    {
        var statement = context.Statement;
        foreach (var with in OlderDdlSyntax.FindSequences(statement, TokenKind.WITH, TokenKind.OIDS))
        {
            var span = statement.SpanOfTokens(with, statement.NextToken(with));
            if (context.Error.Position < 0 || context.ErrorOffset >= span.Start)
            {
                context.Report(span, "WITH OIDS");
                return;
            }
        }
    }
}
