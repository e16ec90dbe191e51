using System;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1046: a function or procedure written in C (<c>LANGUAGE C</c>).</summary>
public sealed class CLanguageFunctionRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1046",
        "Function in LANGUAGE C",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "{0} {1} is written in C, and YugabyteDB cannot load user C libraries: rewrite it in SQL or PL/pgSQL, or use a supported extension that provides it",
        new RuleDocs(
            "`CREATE [OR REPLACE] FUNCTION | PROCEDURE .. LANGUAGE C` (also written `LANGUAGE 'c'`), typically with `AS 'library', 'symbol'`. Functions in sql, plpgsql and the other languages are not reported.",
            "A C function is a shared library loaded into the server process. YugabyteDB clusters (and managed services) do not load arbitrary user libraries, so the function cannot be created there, and every object that uses it fails as well. Dumps contain such functions when an extension's objects were dumped as plain SQL.",
            "Rewrite the function in SQL or PL/pgSQL. When it comes from an extension, install the extension with `CREATE EXTENSION` if YugabyteDB ships it, instead of re-creating its C functions one by one.",
            "CREATE FUNCTION fast_hash(text) RETURNS bigint AS 'hashlib', 'fast_hash' LANGUAGE C STRICT IMMUTABLE;",
            "CREATE FUNCTION fast_hash(t text) RETURNS bigint LANGUAGE sql STRICT IMMUTABLE AS $$ SELECT ('x' || substr(md5(t), 1, 16))::bit(64)::bigint $$;"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterNodeAction(Analyze, "CreateFunctionStmt");

    private static void Analyze(NodeContext context)
    {
        var language = context.Node.DefElem("options", "language");
        if (language.ValueKind != ElementKind.Object || !string.Equals(PgJson.DefElemText(language), "c", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var statement = context.Statement;
        var keyword = statement.TokenIndexAt(statement.ToSourceOffset(language.Location()));
        var name = statement.NextToken(keyword);
        var span = keyword < 0 || name < 0 ? statement.TokenSpanAt(language.Location()) : statement.SpanOfTokens(keyword, name);
        var what = context.Node.Bool("is_procedure") ? "Procedure" : "Function";
        context.Report(span, what, string.Join(".", context.Node.Names("funcname")));
    }
}
