using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1001: a stored generated column (<c>GENERATED ALWAYS AS (expr) STORED</c>).</summary>
public sealed class StoredGeneratedColumnRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1001",
        "Stored generated column",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Fixed("2.25", "2025.1"),
        "Column \"{0}\" is a stored generated column, which this YugabyteDB version rejects: compute the value in a BEFORE INSERT OR UPDATE trigger instead",
        new RuleDocs(
            "A column declared `GENERATED ALWAYS AS (expression) STORED`, in CREATE TABLE or ALTER TABLE ... ADD COLUMN. Identity columns (`GENERATED ... AS IDENTITY`) are not concerned.",
            "YugabyteDB versions based on PostgreSQL 11 (2.20, 2024.1, 2024.2) do not know generated columns, so the DDL fails; 2.25 and 2025.1 onwards accept them.",
            "Declare an ordinary column and fill it from a BEFORE INSERT OR UPDATE trigger that evaluates the same expression, or move to a version that supports generated columns.",
            "CREATE TABLE items (\n  price numeric,\n  qty int,\n  total numeric GENERATED ALWAYS AS (price * qty) STORED\n);",
            "CREATE TABLE items (price numeric, qty int, total numeric);\nCREATE FUNCTION items_total() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN NEW.total := NEW.price * NEW.qty; RETURN NEW; END $$;\nCREATE TRIGGER items_total BEFORE INSERT OR UPDATE ON items\n  FOR EACH ROW EXECUTE FUNCTION items_total();"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterNodeAction(Analyze, "ColumnDef");

    private static void Analyze(NodeContext context)
    {
        foreach (var item in context.Node.Items("constraints"))
        {
            if (item.Is("Constraint", out var constraint) && constraint.Str("contype") == "CONSTR_GENERATED")
            {
                var statement = context.Statement;
                var keyword = statement.FindToken(TokenKind.GENERATED, statement.TokenIndexAtLocation(constraint.Location()));
                var span = keyword < 0 ? statement.TokenSpanAt(constraint.Location()) : statement.Tokens[keyword].Span;
                context.Report(span, context.Node.Str("colname") ?? string.Empty);
            }
        }
    }
}
