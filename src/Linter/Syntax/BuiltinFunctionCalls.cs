using System;
using System.Collections.Generic;
using System.Linq;
using YbMigrate.Linter.Engine;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Syntax;

/// <summary>
/// Finding calls of built-in functions (<c>FuncCall</c> nodes) by name, for the rules that flag
/// functions YugabyteDB lacks.
/// </summary>
internal static class BuiltinFunctionCalls
{
    private const string SystemSchema = "pg_catalog";

    /// <summary>
    /// Reports every call of one of <paramref name="names"/> (unqualified or qualified by pg_catalog) at
    /// the function's name, with the name as the message argument. An unqualified call is left alone
    /// when the schema itself defines a function or aggregate of that name (a common polyfill, e.g. a
    /// home-made any_value aggregate), since that definition migrates with the rest.
    /// </summary>
    public static void Register(RuleRegistration registration, IReadOnlyCollection<string> names, Func<ParseElement, bool>? applies = null)
    {
        var userDefined = new RunNameSet();
        registration.RegisterNodeAction(context => CollectDefinition(context, names, userDefined), "CreateFunctionStmt", "DefineStmt");
        registration.RegisterNodeAction(
            context =>
            {
                var name = BuiltinName(context.Node, out var qualified);
                if (name is not null && names.Contains(name) && (applies is null || applies(context.Node)))
                {
                    DeferReport(context, name, qualified, userDefined);
                }
            },
            "FuncCall");
    }

    // Apart from the node action, so that only a call of one of the names allocates the check's closure.
    private static void DeferReport(NodeContext context, string name, bool qualified, RunNameSet userDefined)
    {
        var span = NameSpan(context.Statement, context.Node);
        context.AfterCatalog(check =>
        {
            if (qualified || !userDefined.Contains(name))
            {
                check.Report(span, name);
            }
        });
    }

    /// <summary>
    /// The function's name (lower case as the parser folds it) when the call is unqualified or
    /// qualified by pg_catalog; null for a call into another schema.
    /// </summary>
    public static string? BuiltinName(ParseElement funcCall, out bool qualified)
    {
        // Read in place: every call of every statement comes here, for several rules.
        var parts = funcCall.Field("funcname");
        var count = parts.GetArrayLength();
        qualified = count > 1;
        if (count == 0 || count > 2 || (qualified && PgJson.StringValue(parts[0]) != SystemSchema))
        {
            return null;
        }

        return PgJson.StringValue(parts[count - 1]);
    }

    /// <summary>The span of a call's function name, past any schema qualifier.</summary>
    public static TextSpan NameSpan(StatementContext statement, ParseElement funcCall) =>
        DottedNames.LastPartSpan(statement, funcCall.Location());

    private static void CollectDefinition(NodeContext context, IReadOnlyCollection<string> names, RunNameSet userDefined)
    {
        var defined = context.Kind == "CreateFunctionStmt"
            ? context.Node.Names("funcname")
            : context.Node.Str("kind") == "OBJECT_AGGREGATE" ? context.Node.Names("defnames") : Array.Empty<string>();
        var name = defined.LastOrDefault();
        if (name is not null && names.Contains(name))
        {
            userDefined.Add(name);
        }
    }
}
