using YbMigrate.Linter.Engine;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Syntax;

/// <summary>A type given to something that stores values: a table column, a composite type's attribute, a domain.</summary>
internal readonly struct DeclaredType
{
    private readonly string _ownerKind;
    private readonly string _ownerName;
    private readonly StatementContext _statement;
    private readonly int _typeNameLocation;
    private readonly int _typeNameParts;

    public DeclaredType(string ownerKind, string ownerName, TypeRef type, StatementContext statement, int typeNameLocation, int typeNameParts)
    {
        _ownerKind = ownerKind;
        _ownerName = ownerName;
        Type = type;
        _statement = statement;
        _typeNameLocation = typeNameLocation;
        _typeNameParts = typeNameParts;
    }

    /// <summary>What is declared, for messages: <c>column "doc"</c>, <c>attribute "a"</c>, <c>domain "d"</c>.</summary>
    public string Owner => $"{_ownerKind} \"{_ownerName}\"";

    /// <summary>The declared type.</summary>
    public TypeRef Type { get; }

    /// <summary>Where the type name is written (located in the tokens when asked: most declarations are fine).</summary>
    public TextSpan Span => OlderDdlSyntax.TypeNameSpan(_statement, _typeNameLocation, _typeNameParts);
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

        string? ownerKind, ownerName;
        if (context.Kind == "CreateDomainStmt")
        {
            (ownerKind, ownerName) = ("domain", string.Join(".", context.Node.Names("domainname")));
        }
        else
        {
            ownerKind = ColumnOwnerKind(context);
            ownerName = context.Node.Str("colname") ?? context.Parent.Node.Str("name") ?? string.Empty;
        }

        if (ownerKind is null)
        {
            return false;
        }

        declared = new DeclaredType(ownerKind, ownerName, TypeRef.From(typeName), context.Statement, typeName.Location(), typeName.Field("names").GetArrayLength());
        return true;
    }

    private static string? ColumnOwnerKind(NodeContext context)
    {
        switch (context.Parent.Kind)
        {
            case "CreateStmt" or "CreateForeignTableStmt":
                return "column";
            case "CompositeTypeStmt":
                return "attribute";
            case "AlterTableCmd":
                var ancestors = context.Ancestors;
                var alter = ancestors.Count >= 2 ? ancestors[ancestors.Count - 2].Node : default;
                return alter.Str("objtype") == "OBJECT_TYPE" ? "attribute" : "column";
            default:
                return null;
        }
    }
}
