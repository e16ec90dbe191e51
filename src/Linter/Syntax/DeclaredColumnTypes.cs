using YbMigrate.Linter.Engine;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Syntax;

/// <summary>A type given to something that stores values: a table column, a composite type's attribute, a domain.</summary>
internal readonly struct DeclaredType
{
    public DeclaredType(string owner, TypeRef type, TextSpan span)
    {
        Owner = owner;
        Type = type;
        Span = span;
    }

    /// <summary>What is declared, for messages: <c>column "doc"</c>, <c>attribute "a"</c>, <c>domain "d"</c>.</summary>
    public string Owner { get; }

    /// <summary>The declared type.</summary>
    public TypeRef Type { get; }

    /// <summary>Where the type name is written.</summary>
    public TextSpan Span { get; }
}

/// <summary>
/// Finds the places where DDL declares a stored type: columns of CREATE [FOREIGN] TABLE and of
/// ALTER TABLE .. ADD COLUMN / ALTER COLUMN .. TYPE, attributes of CREATE TYPE .. AS (..) and
/// ALTER TYPE .. ADD / ALTER ATTRIBUTE, and the base type of CREATE DOMAIN. Column definition lists
/// of queries (<c>FROM f() AS x(a xml)</c>) store nothing and are left out.
/// </summary>
internal static class DeclaredColumnTypes
{
    /// <summary>The node kinds a rule registers for to see every declaration.</summary>
    public static readonly string[] NodeKinds = { "ColumnDef", "CreateDomainStmt" };

    /// <summary>Reads the declaration at the current node; false when the node declares no stored type.</summary>
    public static bool TryRead(NodeContext context, out DeclaredType declared)
    {
        declared = default;
        var typeName = context.Node.Field("typeName");
        if (typeName.ValueKind != ElementKind.Object)
        {
            return false; // e.g. "a WITH OPTIONS NOT NULL" in a typed or partition table
        }

        var owner = context.Kind == "CreateDomainStmt"
            ? $"domain \"{string.Join(".", context.Node.Names("domainname"))}\""
            : ColumnOwner(context);
        if (owner is null)
        {
            return false;
        }

        var type = TypeRef.From(typeName);
        var span = OlderDdlSyntax.TypeNameSpan(context.Statement, typeName.Location(), typeName.Names("names").Count);
        declared = new DeclaredType(owner, type, span);
        return true;
    }

    private static string? ColumnOwner(NodeContext context)
    {
        var parent = context.Parent;
        var name = context.Node.Str("colname") ?? parent.Node.Str("name") ?? string.Empty;
        switch (parent.Kind)
        {
            case "CreateStmt" or "CreateForeignTableStmt":
                return $"column \"{name}\"";
            case "CompositeTypeStmt":
                return $"attribute \"{name}\"";
            case "AlterTableCmd":
                var ancestors = context.Ancestors;
                var alter = ancestors.Count >= 2 ? ancestors[ancestors.Count - 2].Node : default;
                return alter.Str("objtype") == "OBJECT_TYPE" ? $"attribute \"{name}\"" : $"column \"{name}\"";
            default:
                return null;
        }
    }
}
