using System.Collections.Generic;
using System.Linq;
using System.Text;
using YbMigrate.Migration.Model;
using static YbMigrate.Migration.Sql.SqlIdentifier;

namespace YbMigrate.Migration.Export;

/// <summary>One file of the exported schema.</summary>
/// <param name="Phase">"pre-data" (before loading data) or "post-data" (after).</param>
/// <param name="Name">The file name, numbered in the order the files are applied, e.g. "03-types.sql".</param>
/// <param name="Objects">How many objects the file creates.</param>
/// <param name="Text">The SQL.</param>
public sealed record SchemaFile(string Phase, string Name, int Objects, string Text)
{
    /// <summary>Path relative to the schema folder, e.g. "pre-data/03-types.sql".</summary>
    public string RelativePath => Phase + "/" + Name;
}

/// <summary>
/// Turns a <see cref="SourceSchema"/> into ordered DDL files. Pre-data: schemas, extensions, types,
/// sequences, functions then the aggregates built on them, tables with their primary keys and checks, then views and the functions whose
/// signatures use a table's or view's row type, in dependency order. Post-data: secondary indexes, unique/exclusion then
/// foreign-key constraints, triggers, sequence values, materialized view refreshes.
/// </summary>
public static class SchemaScript
{
    /// <summary>Pre-data phase folder name.</summary>
    public const string PreData = "pre-data";

    /// <summary>Post-data phase folder name.</summary>
    public const string PostData = "post-data";

    /// <summary>Folder of source definitions kept for review as comments; never applied.</summary>
    public const string Review = "review";

    /// <summary>
    /// The files, in the order they are to be applied; empty ones are left out. With
    /// <paramref name="ownerRoles"/> each object's owner is set (ALTER ... OWNER TO) right after it and every
    /// role named is added to the set; without it ownership is left to whoever runs the import.
    /// </summary>
    public static IReadOnlyList<SchemaFile> Generate(SourceSchema schema, ISet<string>? ownerRoles = null)
    {
        void Own(StringBuilder s, string target, string? owner)
        {
            if (ownerRoles is not null && owner is not null)
            {
                s.Append("ALTER ").Append(target).Append(" OWNER TO ").Append(Quote(owner)).Append(";\n");
                ownerRoles.Add(owner);
            }
        }

        void WriteOwnedFunction(StringBuilder s, FunctionInfo f)
        {
            WriteFunction(s, f);
            Own(s, FunctionTarget(f), f.Owner);
        }

        void WriteRelationDependent(StringBuilder s, IRelationDependent dependent)
        {
            if (dependent is FunctionInfo f)
            {
                WriteOwnedFunction(s, f);
                return;
            }

            var v = (ViewInfo)dependent;
            WriteView(s, v);
            Own(s, (v.Materialized ? "MATERIALIZED VIEW " : "VIEW ") + Qualify(v.Schema, v.Name), v.Owner);
        }

        var files = new List<SchemaFile>
        {
            File(PreData, "01-schemas.sql", schema.Schemas, (s, n) =>
            {
                WriteSchema(s, n);
                // PostgreSQL 15's public schema belongs to pg_database_owner, a role older servers (and YugabyteDB) lack.
                Own(s, "SCHEMA " + Quote(n.Name), n.Name == "public" && n.Owner == "pg_database_owner" ? null : n.Owner);
            }),
            File(PreData, "02-extensions.sql", schema.Extensions, (s, x) =>
                s.Append("CREATE EXTENSION IF NOT EXISTS ").Append(Quote(x.Name)).Append(" WITH SCHEMA ").Append(Quote(x.Schema)).Append(";\n")),
            File(PreData, "03-types.sql", schema.Enums.Cast<object>().Concat(schema.Domains).Concat(schema.RangeTypes).Concat(schema.CompositeTypes).ToList(), (s, t) =>
            {
                WriteType(s, t);
                var (target, owner) = TypeOwner(t);
                Own(s, target, owner);
            }),
            File(PreData, "04-sequences.sql", schema.Sequences.Where(q => !q.IsIdentity).ToList(), (s, q) =>
            {
                WriteSequence(s, q);
                // A serial's sequence too: OWNED BY (after the tables) wants the table's owner on it.
                Own(s, "SEQUENCE " + Qualify(q.Schema, q.Name), q.Owner);
            }),
            File(PreData, "05-functions.sql", schema.Functions.Where(f => !f.UsesRelationRowType).OrderBy(f => f.Kind == RoutineKind.Aggregate).ToList(), WriteOwnedFunction, FunctionPreamble),
            TablesFile(schema, (s, t) => Own(s, "TABLE " + t.QualifiedName, t.Owner)),
            File(PreData, "07-views-and-functions.sql", schema.RelationDependents, WriteRelationDependent, FunctionPreamble),
            IndexesFile(schema),
            File(PostData, "02-constraints.sql", schema.PostDataConstraints, (s, c) =>
            {
                s.Append("ALTER TABLE ").Append(Qualify(c.Schema, c.Table)).Append(" ADD CONSTRAINT ").Append(Quote(c.Name)).Append(' ')
                    .Append(c.Definition).Append(";\n");
                ConstraintComment(s, c);
            }),
            File(PostData, "03-triggers.sql", schema.Triggers, WriteTrigger),
            File(PostData, "04-sequence-values.sql", schema.Sequences.Where(q => q.LastValue is not null).ToList(), (s, q) =>
                s.Append("SELECT pg_catalog.setval(").Append(Literal(Qualify(q.Schema, q.Name))).Append(", ").Append(q.LastValue).Append(", true);\n")),
            File(PostData, "05-materialized-views.sql", schema.Views.Where(v => v.Materialized).ToList(), (s, v) =>
                s.Append("REFRESH MATERIALIZED VIEW ").Append(Qualify(v.Schema, v.Name)).Append(";\n")),
            File(Review, "01-source-definitions.sql", schema.ForReview, WriteReviewItem),
        };
        return files.Where(f => f.Objects > 0).ToList();
    }

    private static SchemaFile File<T>(string phase, string name, IReadOnlyCollection<T> items, System.Action<StringBuilder, T> write, string? preamble = null)
    {
        var text = new StringBuilder();
        text.Append("-- ").Append(phase).Append('/').Append(name).Append(": written by dotnet yb-migrate schema export\n");
        if (preamble is not null)
        {
            text.Append(preamble);
        }

        foreach (var item in items)
        {
            text.Append('\n');
            write(text, item);
        }

        return new SchemaFile(phase, name, items.Count, text.ToString());
    }

    // Function bodies are checked when the function is called, not when created: a SQL function may
    // read a table created later in the files (pg_dump does the same).
    private const string FunctionPreamble = "SET check_function_bodies = false;\n";

    private static void WriteSchema(StringBuilder s, SchemaInfo schema)
    {
        s.Append("CREATE SCHEMA IF NOT EXISTS ").Append(Quote(schema.Name)).Append(";\n");
        if (schema.Name != "public")
        {
            Comment(s, "SCHEMA " + Quote(schema.Name), schema.Comment);
        }
    }

    private static void WriteType(StringBuilder s, object type)
    {
        switch (type)
        {
            case EnumTypeInfo e:
                s.Append("CREATE TYPE ").Append(Qualify(e.Schema, e.Name)).Append(" AS ENUM (")
                    .Append(string.Join(", ", e.Labels.Select(Literal))).Append(");\n");
                Comment(s, "TYPE " + Qualify(e.Schema, e.Name), e.Comment);
                break;
            case DomainInfo d:
                s.Append("CREATE DOMAIN ").Append(Qualify(d.Schema, d.Name)).Append(" AS ").Append(d.BaseType);
                if (d.Collation is not null)
                {
                    s.Append(" COLLATE ").Append(d.Collation);
                }

                if (d.Default is not null)
                {
                    s.Append(" DEFAULT ").Append(d.Default);
                }

                if (d.NotNull)
                {
                    s.Append(" NOT NULL");
                }

                foreach (var (name, definition) in d.Checks)
                {
                    s.Append("\n    CONSTRAINT ").Append(Quote(name)).Append(' ').Append(definition);
                }

                s.Append(";\n");
                Comment(s, "DOMAIN " + Qualify(d.Schema, d.Name), d.Comment);
                break;
            case RangeTypeInfo r:
                WriteRangeType(s, r);
                break;
            case CompositeTypeInfo c:
                s.Append("CREATE TYPE ").Append(Qualify(c.Schema, c.Name)).Append(" AS (\n")
                    .Append(string.Join(",\n", c.Attributes.Select(a => "    " + Quote(a.Name) + " " + a.Type))).Append("\n);\n");
                Comment(s, "TYPE " + Qualify(c.Schema, c.Name), c.Comment);
                break;
        }
    }

    private static void WriteRangeType(StringBuilder s, RangeTypeInfo r)
    {
        s.Append("CREATE TYPE ").Append(Qualify(r.Schema, r.Name)).Append(" AS RANGE (\n    SUBTYPE = ").Append(r.Subtype);
        Option("SUBTYPE_OPCLASS", r.SubtypeOpclass);
        Option("COLLATION", r.Collation);
        Option("SUBTYPE_DIFF", r.SubtypeDiff);
        Option("MULTIRANGE_TYPE_NAME", r.MultirangeName);
        s.Append("\n);\n");
        Comment(s, "TYPE " + Qualify(r.Schema, r.Name), r.Comment);

        void Option(string name, string? value)
        {
            if (value is not null)
            {
                s.Append(",\n    ").Append(name).Append(" = ").Append(value);
            }
        }
    }

    private static void WriteSequence(StringBuilder s, SequenceInfo q)
    {
        s.Append("CREATE SEQUENCE ").Append(Qualify(q.Schema, q.Name)).Append(SequenceOptions(q, " ")).Append(";\n");
        Comment(s, "SEQUENCE " + Qualify(q.Schema, q.Name), q.Comment);
    }

    // An identity sequence takes its type from the column: AS there is a "conflicting option".
    private static string SequenceOptions(SequenceInfo q, string separator, bool withType = true) =>
        (withType ? $"{separator}AS {q.DataType}" : "") + $"{separator}START WITH {q.Start}{separator}INCREMENT BY {q.Increment}{separator}MINVALUE {q.Min}" +
        $"{separator}MAXVALUE {q.Max}{separator}CACHE {q.Cache}{separator}{(q.Cycle ? "CYCLE" : "NO CYCLE")}";

    private static SchemaFile TablesFile(SourceSchema schema, System.Action<StringBuilder, TableInfo> own)
    {
        var identities = schema.Sequences.Where(q => q.IsIdentity && q.OwnedBy is not null)
            .ToDictionary(q => (q.OwnedBy!.Schema, q.OwnedBy.Table, q.OwnedBy.Column));
        var file = File(PreData, "06-tables.sql", schema.Tables, (s, t) =>
        {
            WriteTable(s, t, identities);
            own(s, t);
        });
        var owned = schema.Sequences.Where(q => !q.IsIdentity && q.OwnedBy is not null).ToList();
        if (owned.Count == 0)
        {
            return file;
        }

        // Serial columns: the sequence goes when its column goes.
        var text = new StringBuilder(file.Text).Append('\n');
        foreach (var q in owned)
        {
            text.Append("ALTER SEQUENCE ").Append(Qualify(q.Schema, q.Name)).Append(" OWNED BY ")
                .Append(Qualify(q.OwnedBy!.Schema, q.OwnedBy.Table)).Append('.').Append(Quote(q.OwnedBy.Column)).Append(";\n");
        }

        return file with { Text = text.ToString() };
    }

    private static void WriteTable(StringBuilder s, TableInfo t, Dictionary<(string, string, string), SequenceInfo> identities)
    {
        s.Append("CREATE ").Append(t.Unlogged ? "UNLOGGED " : "").Append("TABLE ").Append(t.QualifiedName);
        var constraints = t.InlineConstraints.Select(c => "    CONSTRAINT " + Quote(c.Name) + " " + c.Definition).ToList();
        if (t.PartitionOf is { } parent)
        {
            s.Append(" PARTITION OF ").Append(Qualify(parent.Schema, parent.Name));
            if (constraints.Count > 0)
            {
                s.Append(" (\n").Append(string.Join(",\n", constraints)).Append("\n)");
            }

            s.Append(' ').Append(t.PartitionBound);
        }
        else
        {
            var lines = t.Columns.Select(c => "    " + ColumnDefinition(t, c, identities)).Concat(constraints);
            s.Append(" (\n").Append(string.Join(",\n", lines)).Append("\n)");
        }

        if (t.PartitionKey is not null)
        {
            s.Append(" PARTITION BY ").Append(t.PartitionKey);
        }

        s.Append(";\n");
        Comment(s, "TABLE " + t.QualifiedName, t.Comment);
        foreach (var column in t.Columns.Where(c => c.Comment is not null && t.PartitionOf is null))
        {
            Comment(s, "COLUMN " + t.QualifiedName + "." + Quote(column.Name), column.Comment);
        }

        foreach (var constraint in t.InlineConstraints)
        {
            ConstraintComment(s, constraint);
        }
    }

    private static void ConstraintComment(StringBuilder s, ConstraintInfo c) =>
        Comment(s, "CONSTRAINT " + Quote(c.Name) + " ON " + Qualify(c.Schema, c.Table), c.Comment);

    // The index comments come after all the indexes: finalize builds a run of consecutive CREATE INDEX at once.
    private static SchemaFile IndexesFile(SourceSchema schema)
    {
        var file = File(PostData, "01-indexes.sql", schema.Indexes, (s, i) => s.Append(IndexDefinition(i)).Append(";\n"));
        var commented = schema.Indexes.Where(i => i.Comment is not null).ToList();
        if (commented.Count == 0)
        {
            return file;
        }

        var text = new StringBuilder(file.Text).Append('\n');
        foreach (var index in commented)
        {
            Comment(text, "INDEX " + Qualify(index.Schema, index.Name), index.Comment);
        }

        return file with { Text = text.ToString() };
    }

    private static string FunctionTarget(FunctionInfo f) =>
        f.Kind.ToString().ToUpperInvariant() + " " + Qualify(f.Schema, f.Name) + "(" + f.IdentityArguments + ")";

    private static (string Target, string? Owner) TypeOwner(object type) => type switch
    {
        EnumTypeInfo e => ("TYPE " + Qualify(e.Schema, e.Name), e.Owner),
        DomainInfo d => ("DOMAIN " + Qualify(d.Schema, d.Name), d.Owner),
        RangeTypeInfo r => ("TYPE " + Qualify(r.Schema, r.Name), r.Owner),
        CompositeTypeInfo c => ("TYPE " + Qualify(c.Schema, c.Name), c.Owner),
        _ => ("", null),
    };

    private static string ColumnDefinition(TableInfo t, ColumnInfo c, Dictionary<(string, string, string), SequenceInfo> identities)
    {
        var s = new StringBuilder(Quote(c.Name)).Append(' ').Append(c.Type);
        if (c.Collation is not null)
        {
            s.Append(" COLLATE ").Append(c.Collation);
        }

        if (c.Identity is { } identity)
        {
            s.Append(identity == 'a' ? " GENERATED ALWAYS AS IDENTITY" : " GENERATED BY DEFAULT AS IDENTITY");
            if (identities.TryGetValue((t.Schema, t.Name, c.Name), out var q))
            {
                s.Append(" (SEQUENCE NAME ").Append(Qualify(q.Schema, q.Name)).Append(SequenceOptions(q, " ", withType: false)).Append(')');
            }
        }
        else if (c.Generated is not null)
        {
            s.Append(" GENERATED ALWAYS AS (").Append(c.Generated).Append(") STORED");
        }
        else if (c.Default is not null)
        {
            s.Append(" DEFAULT ").Append(c.Default);
        }

        if (c.NotNull)
        {
            s.Append(" NOT NULL");
        }

        return s.ToString();
    }

    private static void WriteView(StringBuilder s, ViewInfo v)
    {
        s.Append("CREATE ").Append(v.Materialized ? "MATERIALIZED VIEW " : "VIEW ").Append(Qualify(v.Schema, v.Name));
        if (v.Options is not null)
        {
            s.Append(" WITH (").Append(v.Options).Append(')');
        }

        s.Append(" AS\n").Append(v.Definition.TrimEnd().TrimEnd(';'));
        s.Append(v.Materialized ? "\nWITH NO DATA;\n" : ";\n");
        Comment(s, (v.Materialized ? "MATERIALIZED VIEW " : "VIEW ") + Qualify(v.Schema, v.Name), v.Comment);
    }

    private static void WriteFunction(StringBuilder s, FunctionInfo f)
    {
        s.Append(f.Definition.TrimEnd()).Append(";\n");
        Comment(s, FunctionTarget(f), f.Comment);
    }

    // Comments only: the source's own dialect, to be ported by hand; import and finalize never read this folder.
    private static void WriteReviewItem(StringBuilder s, ReviewItem item)
    {
        s.Append("-- ").Append(item.Kind).Append(' ').Append(Qualify(item.Schema, item.Name));
        if (item.Table is not null)
        {
            s.Append(" ON ").Append(Qualify(item.Schema, item.Table));
        }

        s.Append(": ").Append(item.Note).Append('\n');
        foreach (var line in item.SourceDefinition.Replace("\r\n", "\n").Split('\n'))
        {
            s.Append("--   ").Append(line.TrimEnd()).Append('\n');
        }
    }

    private static void WriteTrigger(StringBuilder s, TriggerInfo t)
    {
        s.Append(t.Definition).Append(";\n");
        if (t.Disabled)
        {
            s.Append("ALTER TABLE ").Append(Qualify(t.Schema, t.Table)).Append(" DISABLE TRIGGER ").Append(Quote(t.Name)).Append(";\n");
        }

        Comment(s, "TRIGGER " + Quote(t.Name) + " ON " + Qualify(t.Schema, t.Table), t.Comment);
    }

    // An index of a partitioned table is printed "ON ONLY parent"; created on the parent without
    // ONLY, it cascades to the partitions as the source's did.
    private static string IndexDefinition(IndexInfo index) => index.Definition.Replace(" ON ONLY ", " ON ");

    private static void Comment(StringBuilder s, string target, string? comment)
    {
        if (comment is not null)
        {
            s.Append("COMMENT ON ").Append(target).Append(" IS ").Append(Literal(comment)).Append(";\n");
        }
    }
}
