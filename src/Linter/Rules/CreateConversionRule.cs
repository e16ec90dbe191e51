using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1044: CREATE [DEFAULT] CONVERSION.</summary>
public sealed class CreateConversionRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1044",
        "CREATE CONVERSION",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "CREATE CONVERSION {0} is not supported by YugabyteDB: convert the data to the database encoding before loading it, or let the client convert it (client_encoding)",
        new RuleDocs(
            "`CREATE [DEFAULT] CONVERSION name FOR 'source' TO 'destination' FROM function`.",
            "A user-defined conversion plugs a C function into PostgreSQL's encoding conversion between client and server. YugabyteDB does not let users define conversions; the statement fails.",
            "Remove the statement. Convert the data to the database encoding (normally UTF-8) before loading it, for example with iconv, or set client_encoding so that a built-in conversion applies.",
            "CREATE DEFAULT CONVERSION legacy_to_utf8 FOR 'LATIN1' TO 'UTF8' FROM legacy_latin1_to_utf8;",
            "-- convert files before loading: iconv -f LATIN1 -t UTF-8 data.csv > data.utf8.csv\nSET client_encoding = 'LATIN1';"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterNodeAction(Analyze, "CreateConversionStmt");

    private static void Analyze(NodeContext context)
    {
        var statement = context.Statement;
        var create = statement.FindToken(TokenKind.CREATE);
        var keyword = statement.FindToken(TokenKind.CONVERSION_P, create);
        var span = create < 0 || keyword < 0 ? statement.TokenSpanAt(-1) : statement.SpanOfTokens(create, keyword);
        context.Report(span, string.Join(".", context.Node.Names("conversion_name")));
    }
}
