using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1039: typed tables: <c>CREATE TABLE .. OF type</c>, <c>ALTER TABLE .. OF type</c> and <c>NOT OF</c>.</summary>
public sealed class TypedTableRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1039",
        "Typed table (OF type / NOT OF)",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "{0} is not supported by YugabyteDB: declare the table's columns explicitly instead of tying the table to a composite type",
        new RuleDocs(
            "`CREATE TABLE name OF type_name [(..)]`, and the `OF type_name` and `NOT OF` sub-commands of `ALTER TABLE`. A column whose type is a composite type is not reported.",
            "A typed table takes its columns from a composite type and follows the type's later changes. YugabyteDB does not support linking a table to a type: these statements fail.",
            "Write the columns of the type in the CREATE TABLE (with the options given `WITH OPTIONS` as column constraints), and drop the ALTER TABLE .. OF / NOT OF statements. Changes to the type then have to be applied to the table as well.",
            "CREATE TYPE person AS (name text, born date);\nCREATE TABLE people OF person (PRIMARY KEY (name));",
            "CREATE TYPE person AS (name text, born date);\nCREATE TABLE people (name text, born date, PRIMARY KEY (name));"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterNodeAction(AnalyzeCreate, "CreateStmt");
        registration.RegisterNodeAction(AnalyzeAlter, "AlterTableStmt");
    }

    private static void AnalyzeCreate(NodeContext context)
    {
        var type = context.Node.Field("ofTypename");
        if (type.Has("names"))
        {
            context.Report(OfTypeSpan(context.Statement, type), "CREATE TABLE .. OF " + TypeRef.From(type));
        }
    }

    private static void AnalyzeAlter(NodeContext context)
    {
        var statement = context.Statement;
        foreach (var command in OlderDdlSyntax.Commands(context.Node, "AT_AddOf"))
        {
            var type = command.Field("def").Field("TypeName");
            context.Report(OfTypeSpan(statement, type), "ALTER TABLE .. OF " + TypeRef.From(type));
        }

        foreach (var (_, span) in OlderDdlSyntax.CommandClauses(statement, context.Node, "AT_DropOf", TokenKind.NOT, TokenKind.OF))
        {
            context.Report(span, "ALTER TABLE .. NOT OF");
        }
    }

    // From the OF keyword to the end of the type's name.
    private static TextSpan OfTypeSpan(StatementContext statement, ParseElement typeName)
    {
        var name = OlderDdlSyntax.TypeNameSpan(statement, typeName.Location(), typeName.Names("names").Count);
        var of = OlderDdlSyntax.PreviousToken(statement, statement.TokenIndexAt(name.Start));
        return of >= 0 && statement.Tokens[of].Kind == TokenKind.OF
            ? new TextSpan(statement.Tokens[of].Span.Start, name.End - statement.Tokens[of].Span.Start)
            : name;
    }
}
