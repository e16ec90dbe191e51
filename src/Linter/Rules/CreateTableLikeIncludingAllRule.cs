using YbMigrate.Linter.Catalog;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1032: <c>CREATE TABLE .. (LIKE other INCLUDING ALL)</c>.</summary>
public sealed class CreateTableLikeIncludingAllRule : SqlRule
{
    // CREATE_TABLE_LIKE_ALL is PG_INT32_MAX; the individual options use the low bits only, so a
    // high bit is set exactly when INCLUDING ALL was written (even with EXCLUDING .. after it).
    private const int IndividualLikeOptions = 0x1FF;

    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1032",
        "CREATE TABLE LIKE ... INCLUDING ALL",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "LIKE {0} INCLUDING ALL is not supported by YugabyteDB: name the properties to copy instead (e.g. INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)",
        new RuleDocs(
            "A `LIKE source INCLUDING ALL` element in `CREATE TABLE`, also when EXCLUDING options follow it. A LIKE clause with individual INCLUDING options (DEFAULTS, CONSTRAINTS, INDEXES, ...) or none is not reported.",
            "YugabyteDB rejects the INCLUDING ALL shorthand of the LIKE clause. Copying properties one by one is accepted, which is also clearer about what the new table gets.",
            "Replace INCLUDING ALL with the INCLUDING options the table needs (COMMENTS, COMPRESSION, CONSTRAINTS, DEFAULTS, GENERATED, IDENTITY, INDEXES, STATISTICS, STORAGE). COMPRESSION and STORAGE can be left out, as they have no meaning in YugabyteDB's storage; the copied indexes and constraints are subject to the same YugabyteDB limits as hand-written ones.",
            "CREATE TABLE orders_archive (LIKE orders INCLUDING ALL);",
            "CREATE TABLE orders_archive (LIKE orders INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES INCLUDING IDENTITY);"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterNodeAction(Analyze, "TableLikeClause");

    private static void Analyze(NodeContext context)
    {
        if ((context.Node.Int("options") & ~IndividualLikeOptions) == 0)
        {
            return;
        }

        var statement = context.Statement;
        var relation = context.Node.Field("relation");
        var source = QualifiedName.FromRangeVar(relation).ToString();
        var from = statement.TokenIndexAt(statement.ToSourceOffset(relation.Location()));
        foreach (var including in OlderDdlSyntax.FindSequences(statement, TokenKind.INCLUDING, TokenKind.ALL))
        {
            if (including > from)
            {
                context.Report(statement.SpanOfTokens(including, statement.NextToken(including)), source);
                return;
            }
        }

        context.ReportAt(relation.Location(), source);
    }
}
