using System;
using System.Collections.Generic;
using System.Linq;
using Npgsql;
using YbMigrate.Migration.Model;

namespace YbMigrate.Migration.Sources.PostgreSql;

/// <summary>
/// Reads a PostgreSQL database's schema from pg_catalog. The session runs with an empty
/// search_path, so every name the server prints (types, defaults, view and index definitions) comes
/// back schema-qualified and the exported DDL does not depend on the target's search_path.
/// Objects that belong to an extension are left to CREATE EXTENSION.
/// </summary>
public sealed partial class PostgreSqlSource : ISourceDatabase
{
    // "objid is not a member of an extension", for a catalog table name and an oid expression.
    private static string NotInExtension(string catalog, string oid) =>
        $"NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = 'pg_catalog.{catalog}'::pg_catalog.regclass AND e.objid = {oid} AND e.deptype = 'e')";

    private readonly NpgsqlConnection _connection;
    private readonly string _connectionString;

    /// <summary>Opens a connection to the source.</summary>
    public PostgreSqlSource(string connectionString)
    {
        _connectionString = connectionString;
        DisplayConnection = ConnectionStrings.RedactPostgreSql(connectionString);
        _connection = new NpgsqlConnection(connectionString);
        _connection.Open();
        Execute("SET search_path = ''");
    }

    /// <inheritdoc />
    public SourceKind Kind => SourceKind.PostgreSql;

    /// <inheritdoc />
    public string DisplayConnection { get; }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    /// <inheritdoc />
    public SourceSchema ReadSchema(IReadOnlyCollection<string>? schemas)
    {
        var schema = new SourceSchema { ServerVersion = "PostgreSQL " + _connection.PostgreSqlVersion };
        ReadSchemas(schema, schemas);
        var names = schema.Schemas.Select(s => s.Name).ToArray();
        ReadExtensions(schema);
        ReadEnums(schema, names);
        ReadDomains(schema, names);
        ReadRangeTypes(schema, names);
        ReadCompositeTypes(schema, names);
        ReadSequences(schema, names);
        ReadTables(schema, names);
        OrderRelationDependents(schema, ReadViews(names), ReadFunctions(schema, names));
        ReadIndexes(schema, names);
        ReadTriggers(schema, names);
        return schema;
    }

    private void ReadSchemas(SourceSchema schema, IReadOnlyCollection<string>? wanted)
    {
        var rows = Query(
            "SELECT n.nspname, pg_catalog.obj_description(n.oid, 'pg_namespace'), pg_catalog.pg_get_userbyid(n.nspowner) FROM pg_catalog.pg_namespace n " +
            "WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema' AND " + NotInExtension("pg_namespace", "n.oid") +
            " ORDER BY n.nspname",
            r => new SchemaInfo(r.GetString(0), Nullable(r, 1), r.GetString(2)));
        if (wanted is { Count: > 0 })
        {
            var missing = wanted.Where(w => rows.All(s => s.Name != w)).ToList();
            if (missing.Count > 0)
            {
                throw new SourceSchemaException("schema(s) not found in the source database: " + string.Join(", ", missing));
            }

            rows = rows.Where(s => wanted.Contains(s.Name)).ToList();
        }

        schema.Schemas.AddRange(rows);
    }

    private void ReadExtensions(SourceSchema schema) => schema.Extensions.AddRange(Query(
        "SELECT x.extname, n.nspname, x.extversion FROM pg_catalog.pg_extension x JOIN pg_catalog.pg_namespace n ON n.oid = x.extnamespace " +
        "WHERE x.extname <> 'plpgsql' ORDER BY x.extname",
        r => new ExtensionInfo(r.GetString(0), r.GetString(1), r.GetString(2))));

    private void ReadEnums(SourceSchema schema, string[] names) => schema.Enums.AddRange(Query(
        "SELECT n.nspname, t.typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder), pg_catalog.obj_description(t.oid, 'pg_type'), " +
        "pg_catalog.pg_get_userbyid(t.typowner) " +
        "FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid " +
        "WHERE n.nspname = ANY(@schemas) AND " + NotInExtension("pg_type", "t.oid") +
        " GROUP BY n.nspname, t.typname, t.oid, t.typowner ORDER BY 1, 2",
        r => new EnumTypeInfo(r.GetString(0), r.GetString(1), r.GetFieldValue<string[]>(2), Nullable(r, 3), r.GetString(4)), names));

    private void ReadDomains(SourceSchema schema, string[] names)
    {
        var checks = Query(
            "SELECT c.contypid, c.conname, pg_catalog.pg_get_constraintdef(c.oid) FROM pg_catalog.pg_constraint c " +
            "WHERE c.contypid <> 0 AND c.contype = 'c' ORDER BY c.conname",
            r => (Type: r.GetFieldValue<uint>(0), Name: r.GetString(1), Definition: r.GetString(2)));
        schema.Domains.AddRange(Query(
            "SELECT t.oid, n.nspname, t.typname, pg_catalog.format_type(t.typbasetype, t.typtypmod), " +
            "(SELECT pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname) FROM pg_catalog.pg_collation co " +
            "  JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace JOIN pg_catalog.pg_type b ON b.oid = t.typbasetype " +
            "  WHERE co.oid = t.typcollation AND t.typcollation <> b.typcollation), " +
            "t.typdefault, t.typnotnull, pg_catalog.obj_description(t.oid, 'pg_type'), pg_catalog.pg_get_userbyid(t.typowner) " +
            "FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace " +
            "WHERE t.typtype = 'd' AND n.nspname = ANY(@schemas) AND " + NotInExtension("pg_type", "t.oid") + " ORDER BY 2, 3",
            r =>
            {
                var oid = r.GetFieldValue<uint>(0);
                return new DomainInfo(r.GetString(1), r.GetString(2), r.GetString(3), Nullable(r, 4), Nullable(r, 5), r.GetBoolean(6),
                    checks.Where(c => c.Type == oid).Select(c => (c.Name, c.Definition)).ToList(), Nullable(r, 7), r.GetString(8));
            },
            names));
    }

    // Options at their defaults come back NULL: the subtype's default operator class and collation, no
    // difference function, the multirange name CREATE TYPE would choose anyway.
    private void ReadRangeTypes(SourceSchema schema, string[] names) => schema.RangeTypes.AddRange(Query(
        "SELECT n.nspname, t.typname, pg_catalog.format_type(r.rngsubtype, NULL), " +
        "(SELECT oc.opcnamespace::pg_catalog.regnamespace::text || '.' || pg_catalog.quote_ident(oc.opcname) " +
        "  FROM pg_catalog.pg_opclass oc WHERE oc.oid = r.rngsubopc AND NOT oc.opcdefault), " +
        "(SELECT co.collnamespace::pg_catalog.regnamespace::text || '.' || pg_catalog.quote_ident(co.collname) " +
        "  FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_type st ON st.oid = r.rngsubtype WHERE co.oid = r.rngcollation AND co.oid <> st.typcollation), " +
        "NULLIF(r.rngsubdiff, 0)::pg_catalog.regproc::text, " +
        "(SELECT pg_catalog.quote_ident(mn.nspname) || '.' || pg_catalog.quote_ident(m.typname) FROM pg_catalog.pg_type m " +
        "  JOIN pg_catalog.pg_namespace mn ON mn.oid = m.typnamespace WHERE m.oid = r.rngmultitypid " +
        "  AND (m.typnamespace <> t.typnamespace OR m.typname <> CASE WHEN t.typname LIKE '%range%' " +
        "    THEN pg_catalog.regexp_replace(t.typname, 'range', 'multirange') ELSE t.typname || '_multirange' END)), " +
        "pg_catalog.obj_description(t.oid, 'pg_type'), pg_catalog.pg_get_userbyid(t.typowner), r.rngcanonical <> 0 " +
        "FROM pg_catalog.pg_range r JOIN pg_catalog.pg_type t ON t.oid = r.rngtypid JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace " +
        "WHERE n.nspname = ANY(@schemas) AND " + NotInExtension("pg_type", "t.oid") + " ORDER BY 1, 2",
        r =>
        {
            var info = new RangeTypeInfo(r.GetString(0), r.GetString(1), r.GetString(2), Nullable(r, 3), Nullable(r, 4), Nullable(r, 5),
                Nullable(r, 6), Nullable(r, 7), r.GetString(8));
            if (r.GetBoolean(9))
            {
                schema.Skipped.Add($"range type {Sql.SqlIdentifier.Qualify(info.Schema, info.Name)}: its CANONICAL function (a C function) is not exported; the range is created without it");
            }

            return info;
        },
        names));

    private void ReadCompositeTypes(SourceSchema schema, string[] names)
    {
        var rows = Query(
            "SELECT n.nspname, t.typname, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), pg_catalog.obj_description(t.oid, 'pg_type'), " +
            "pg_catalog.pg_get_userbyid(t.typowner) " +
            "FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace " +
            "JOIN pg_catalog.pg_class c ON c.oid = t.typrelid AND c.relkind = 'c' " +
            "JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped " +
            "WHERE n.nspname = ANY(@schemas) AND " + NotInExtension("pg_type", "t.oid") + " ORDER BY 1, 2, a.attnum",
            r => (Schema: r.GetString(0), Name: r.GetString(1), Attribute: r.GetString(2), Type: r.GetString(3), Comment: Nullable(r, 4), Owner: r.GetString(5)),
            names);
        foreach (var type in rows.GroupBy(r => (r.Schema, r.Name)))
        {
            schema.CompositeTypes.Add(new CompositeTypeInfo(type.Key.Schema, type.Key.Name,
                type.Select(a => (a.Attribute, a.Type)).ToList(), type.First().Comment, type.First().Owner));
        }
    }

    private void ReadSequences(SourceSchema schema, string[] names) => schema.Sequences.AddRange(Query(
        "SELECT n.nspname, c.relname, pg_catalog.format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax, " +
        "s.seqcache, s.seqcycle, ps.last_value, tn.nspname, tc.relname, a.attname, d.deptype = 'i', pg_catalog.obj_description(c.oid, 'pg_class'), " +
        "pg_catalog.pg_get_userbyid(c.relowner) " +
        "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace " +
        "JOIN pg_catalog.pg_sequence s ON s.seqrelid = c.oid " +
        "LEFT JOIN pg_catalog.pg_sequences ps ON ps.schemaname = n.nspname AND ps.sequencename = c.relname " +
        "LEFT JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid " +
        "  AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i') " +
        "LEFT JOIN pg_catalog.pg_class tc ON tc.oid = d.refobjid LEFT JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace " +
        "LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid " +
        "WHERE c.relkind = 'S' AND n.nspname = ANY(@schemas) AND " + NotInExtension("pg_class", "c.oid") + " ORDER BY 1, 2",
        r => new SequenceInfo(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6),
            r.GetInt64(7), r.GetBoolean(8), r.IsDBNull(9) ? null : r.GetInt64(9),
            r.IsDBNull(10) ? null : new OwnerColumn(r.GetString(10), r.GetString(11), r.GetString(12)),
            !r.IsDBNull(13) && r.GetBoolean(13), Nullable(r, 14), r.GetString(15)),
        names));

    private void ReadTables(SourceSchema schema, string[] names)
    {
        var tables = Query(
            "SELECT c.oid, n.nspname, c.relname, c.relpersistence = 'u', " +
            "CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END, " +
            "pn.nspname, pc.relname, CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END, " +
            "pg_catalog.obj_description(c.oid, 'pg_class'), " +
            "EXISTS (SELECT 1 FROM pg_catalog.pg_inherits i2 WHERE i2.inhrelid = c.oid) AND NOT c.relispartition, " +
            "pg_catalog.pg_total_relation_size(c.oid), CASE WHEN c.reltuples >= 0 THEN c.reltuples::bigint END, pg_catalog.pg_get_userbyid(c.relowner) " +
            "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace " +
            "LEFT JOIN pg_catalog.pg_inherits i ON i.inhrelid = c.oid AND c.relispartition " +
            "LEFT JOIN pg_catalog.pg_class pc ON pc.oid = i.inhparent LEFT JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace " +
            "WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY(@schemas) AND " + NotInExtension("pg_class", "c.oid") + " ORDER BY 2, 3",
            r =>
            {
                var table = new TableInfo(r.GetFieldValue<uint>(0), r.GetString(1), r.GetString(2))
                {
                    Unlogged = r.GetBoolean(3),
                    PartitionKey = Nullable(r, 4),
                    PartitionBound = Nullable(r, 7),
                    Comment = Nullable(r, 8),
                    SizeBytes = r.IsDBNull(10) ? null : r.GetInt64(10),
                    RowEstimate = r.IsDBNull(11) ? null : r.GetInt64(11),
                    Owner = r.GetString(12),
                };
                if (!r.IsDBNull(5))
                {
                    table.PartitionOf = (r.GetString(5), r.GetString(6));
                }

                if (r.GetBoolean(9))
                {
                    schema.Skipped.Add($"table {table.QualifiedName}: inheritance (INHERITS) is not exported; the table is created without its parent's columns");
                }

                return table;
            },
            names);
        var byOid = tables.ToDictionary(t => t.Oid);

        foreach (var column in Query(
            "SELECT a.attrelid, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull, " +
            "pg_catalog.pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated, " +
            "(SELECT pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname) FROM pg_catalog.pg_collation co " +
            "  JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = a.attcollation AND a.attcollation <> t.typcollation), " +
            "pg_catalog.col_description(a.attrelid, a.attnum) " +
            "FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace " +
            "JOIN pg_catalog.pg_type t ON t.oid = a.atttypid " +
            "LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum " +
            "WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p') AND n.nspname = ANY(@schemas) ORDER BY a.attrelid, a.attnum",
            r =>
            {
                var expression = Nullable(r, 4);
                var identity = r.GetChar(5);
                var generated = r.GetChar(6) == 's';
                return (Table: r.GetFieldValue<uint>(0), Column: new ColumnInfo(r.GetString(1), r.GetString(2), r.GetBoolean(3),
                    generated ? null : expression, identity is 'a' or 'd' ? identity : null, generated ? expression : null,
                    Nullable(r, 7), Nullable(r, 8)));
            },
            names))
        {
            if (byOid.TryGetValue(column.Table, out var table))
            {
                table.Columns.Add(column.Column);
            }
        }

        // Constraints inherited by a partition (conparentid) or a child (not conislocal) come with the parent.
        foreach (var constraint in Query(
            "SELECT con.conrelid, n.nspname, c.relname, con.conname, con.contype, pg_catalog.pg_get_constraintdef(con.oid), con.convalidated, " +
            "pg_catalog.obj_description(con.oid, 'pg_constraint') " +
            "FROM pg_catalog.pg_constraint con JOIN pg_catalog.pg_class c ON c.oid = con.conrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace " +
            "WHERE con.contype IN ('p', 'u', 'f', 'c', 'x') AND con.conparentid = 0 AND con.conislocal AND n.nspname = ANY(@schemas) " +
            "ORDER BY n.nspname, c.relname, con.contype = 'f', con.conname",
            r => (Table: r.GetFieldValue<uint>(0), Info: new ConstraintInfo(r.GetString(1), r.GetString(2), r.GetString(3), r.GetChar(4), r.GetString(5), Nullable(r, 7)),
                Validated: r.GetBoolean(6)),
            names))
        {
            if (!byOid.TryGetValue(constraint.Table, out var table))
            {
                continue;
            }

            if (constraint.Info.Kind == 'p' || (constraint.Info.Kind == 'c' && constraint.Validated))
            {
                table.InlineConstraints.Add(constraint.Info);
            }
            else
            {
                schema.PostDataConstraints.Add(constraint.Info);
            }
        }

        // Unique and exclusion constraints before the foreign keys that may reference them.
        var ordered = schema.PostDataConstraints.OrderBy(c => c.Kind == 'f').ToList();
        schema.PostDataConstraints.Clear();
        schema.PostDataConstraints.AddRange(ordered);

        schema.Tables.AddRange(ParentsFirst(tables));
    }

    // Partitions after their parents (sub-partitioned tables nest), otherwise by name.
    private static IEnumerable<TableInfo> ParentsFirst(List<TableInfo> tables)
    {
        var byName = tables.ToDictionary(t => (t.Schema, t.Name));
        int Depth(TableInfo t) => t.PartitionOf is { } parent && byName.TryGetValue(parent, out var p) ? 1 + Depth(p) : 0;
        return tables.OrderBy(Depth).ThenBy(t => t.Schema, StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal);
    }

    private List<(uint Oid, ViewInfo Info)> ReadViews(string[] names) => Query(
        "SELECT c.oid, n.nspname, c.relname, c.relkind = 'm', pg_catalog.pg_get_viewdef(c.oid), " +
        "pg_catalog.array_to_string(c.reloptions, ', '), pg_catalog.obj_description(c.oid, 'pg_class'), pg_catalog.pg_get_userbyid(c.relowner) " +
        "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace " +
        "WHERE c.relkind IN ('v', 'm') AND n.nspname = ANY(@schemas) AND " + NotInExtension("pg_class", "c.oid") + " ORDER BY 2, 3",
        r => (r.GetFieldValue<uint>(0), new ViewInfo(r.GetString(1), r.GetString(2), r.GetBoolean(3), r.GetString(4),
            string.IsNullOrEmpty(Nullable(r, 5)) ? null : r.GetString(5), Nullable(r, 6), r.GetString(7))),
        names);

    private List<(uint Oid, FunctionInfo Info)> ReadFunctions(SourceSchema schema, string[] names)
    {
        var aggregates = ReadAggregateDefinitions(names);
        var functions = new List<(uint, FunctionInfo)>();
        foreach (var function in Query(
            "SELECT p.oid, n.nspname, p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid), p.prokind, " +
            "CASE WHEN p.prokind IN ('f', 'p', 'w') THEN pg_catalog.pg_get_functiondef(p.oid) END, " +
            "EXISTS (SELECT 1 FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_type t ON t.oid = d.refobjid " +
            "  JOIN pg_catalog.pg_class rc ON rc.oid = " + RowTypeRelation + " AND rc.relkind IN ('r', 'p', 'v', 'm') " +
            "  WHERE d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.objid = p.oid AND d.refclassid = 'pg_catalog.pg_type'::pg_catalog.regclass), " +
            "pg_catalog.obj_description(p.oid, 'pg_proc'), pg_catalog.pg_get_userbyid(p.proowner) " +
            "FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace " +
            "WHERE n.nspname = ANY(@schemas) AND " + NotInExtension("pg_proc", "p.oid") + " AND " + NotMadeByType + " ORDER BY 2, 3, 4",
            r => (Oid: r.GetFieldValue<uint>(0), Schema: r.GetString(1), Name: r.GetString(2), Arguments: r.GetString(3), Kind: r.GetChar(4),
                Definition: Nullable(r, 5), UsesRowType: r.GetBoolean(6), Comment: Nullable(r, 7), Owner: r.GetString(8)),
            names))
        {
            var kind = function.Kind switch { 'p' => RoutineKind.Procedure, 'a' => RoutineKind.Aggregate, _ => RoutineKind.Function };
            var definition = kind == RoutineKind.Aggregate ? aggregates[function.Oid] : function.Definition!;
            var info = new FunctionInfo(function.Schema, function.Name, function.Arguments, kind,
                definition, function.UsesRowType, function.Comment, function.Owner);
            schema.Functions.Add(info);
            functions.Add((function.Oid, info));
        }

        return functions;
    }

    // CREATE AGGREGATE for each aggregate, from pg_aggregate; options left at their defaults are not written.
    private Dictionary<uint, string> ReadAggregateDefinitions(string[] names) => Query(
        "SELECT p.oid, pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(p.proname) || '(' || pg_catalog.pg_get_function_arguments(p.oid) || ')', " +
        "a.aggkind, a.aggtransfn::pg_catalog.regproc::text, pg_catalog.format_type(a.aggtranstype, NULL), NULLIF(a.aggtransspace, 0), a.agginitval, " +
        "NULLIF(a.aggfinalfn, 0)::pg_catalog.regproc::text, a.aggfinalextra, a.aggfinalmodify, NULLIF(a.aggcombinefn, 0)::pg_catalog.regproc::text, " +
        "NULLIF(a.aggserialfn, 0)::pg_catalog.regproc::text, NULLIF(a.aggdeserialfn, 0)::pg_catalog.regproc::text, " +
        "NULLIF(a.aggmtransfn, 0)::pg_catalog.regproc::text, NULLIF(a.aggminvtransfn, 0)::pg_catalog.regproc::text, " +
        "CASE WHEN a.aggmtranstype <> 0 THEN pg_catalog.format_type(a.aggmtranstype, NULL) END, a.aggminitval, " +
        "NULLIF(a.aggmfinalfn, 0)::pg_catalog.regproc::text, a.aggmfinalextra, " +
        "(SELECT 'OPERATOR(' || o.oprnamespace::pg_catalog.regnamespace::text || '.' || o.oprname || ')' FROM pg_catalog.pg_operator o WHERE o.oid = a.aggsortop), " +
        "p.proparallel " +
        "FROM pg_catalog.pg_aggregate a JOIN pg_catalog.pg_proc p ON p.oid = a.aggfnoid JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace " +
        "WHERE n.nspname = ANY(@schemas)",
        r => (Oid: r.GetFieldValue<uint>(0), Definition: AggregateDefinition(r)),
        names).ToDictionary(a => a.Oid, a => a.Definition);

    private static string AggregateDefinition(NpgsqlDataReader r)
    {
        var kind = r.GetChar(2);
        var options = new List<string> { "SFUNC = " + r.GetString(3), "STYPE = " + r.GetString(4) };
        void Add(string option, int column, bool literal = false)
        {
            if (!r.IsDBNull(column))
            {
                var value = r.GetValue(column).ToString()!;
                options.Add(option + " = " + (literal ? Sql.SqlIdentifier.Literal(value) : value));
            }
        }

        Add("SSPACE", 5);
        Add("INITCOND", 6, literal: true);
        Add("FINALFUNC", 7);
        if (r.GetBoolean(8))
        {
            options.Add("FINALFUNC_EXTRA");
        }

        // The final function's default access: READ_ONLY for plain aggregates, READ_WRITE for ordered-set ones.
        var modify = r.GetChar(9);
        if (!r.IsDBNull(7) && modify != (kind == 'n' ? 'r' : 'w'))
        {
            options.Add("FINALFUNC_MODIFY = " + (modify switch { 'r' => "READ_ONLY", 's' => "SHAREABLE", _ => "READ_WRITE" }));
        }

        Add("COMBINEFUNC", 10);
        Add("SERIALFUNC", 11);
        Add("DESERIALFUNC", 12);
        Add("MSFUNC", 13);
        Add("MINVFUNC", 14);
        Add("MSTYPE", 15);
        Add("MINITCOND", 16, literal: true);
        Add("MFINALFUNC", 17);
        if (r.GetBoolean(18))
        {
            options.Add("MFINALFUNC_EXTRA");
        }

        Add("SORTOP", 19);
        if (kind == 'h')
        {
            options.Add("HYPOTHETICAL");
        }

        var parallel = r.GetChar(20);
        if (parallel != 'u')
        {
            options.Add("PARALLEL = " + (parallel == 's' ? "SAFE" : "RESTRICTED"));
        }

        return "CREATE AGGREGATE " + r.GetString(1) + " (\n    " + string.Join(",\n    ", options) + "\n)";
    }

    // Functions CREATE TYPE makes on its own (a range type's constructors and its multirange's) depend
    // on their type internally: CREATE TYPE on the target makes them again.
    private const string NotMadeByType =
        "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend i WHERE i.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND i.objid = p.oid AND i.deptype = 'i')";

    // The relation whose row type a pg_type row `t` is, directly or as the element of an array type.
    private const string RowTypeRelation =
        "COALESCE(NULLIF(t.typrelid, 0), (SELECT e.typrelid FROM pg_catalog.pg_type e WHERE e.oid = t.typelem), 0)";

    // What each view and function uses among views and functions, from pg_depend: a view's rewrite rule
    // on the relations and functions it reads, a function on the row types in its signature, a
    // function with a SQL-standard body on the functions it calls. Relations are pg_class oids,
    // functions pg_proc oids: the two catalogs' oids never collide (one oid counter).
    private const string RelationDependencies =
        "SELECT r.ev_class, d.refobjid FROM pg_catalog.pg_rewrite r " +
        "JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND d.objid = r.oid AND d.refobjid <> r.ev_class " +
        "  AND d.refclassid IN ('pg_catalog.pg_class'::pg_catalog.regclass, 'pg_catalog.pg_proc'::pg_catalog.regclass) " +
        "UNION SELECT d.objid, " + RowTypeRelation + " FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_type t ON t.oid = d.refobjid " +
        "  WHERE d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.refclassid = 'pg_catalog.pg_type'::pg_catalog.regclass " +
        "UNION SELECT d.objid, d.refobjid FROM pg_catalog.pg_depend d " +
        "  WHERE d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass";

    // Views and the functions on row types in creation order: each after what it uses (depth first,
    // in name order otherwise, so the files are the same on every run).
    private void OrderRelationDependents(SourceSchema schema, List<(uint Oid, ViewInfo Info)> views, List<(uint Oid, FunctionInfo Info)> functions)
    {
        var objects = views.Select(v => (v.Oid, Object: (IRelationDependent)v.Info))
            .Concat(functions.Where(f => f.Info.UsesRelationRowType).Select(f => (f.Oid, Object: (IRelationDependent)f.Info)))
            .ToList();
        var byOid = objects.ToDictionary(o => o.Oid, o => o.Object);
        var uses = Query(RelationDependencies, r => (User: r.GetFieldValue<uint>(0), Used: r.GetFieldValue<uint>(1)))
            .Where(u => byOid.ContainsKey(u.User) && byOid.ContainsKey(u.Used))
            .ToLookup(u => u.User, u => u.Used);
        var done = new HashSet<uint>();
        void Visit(uint oid)
        {
            if (!done.Add(oid))
            {
                return;
            }

            foreach (var used in uses[oid].OrderBy(o => o))
            {
                Visit(used);
            }

            schema.RelationDependents.Add(byOid[oid]);
        }

        foreach (var (oid, _) in objects)
        {
            Visit(oid);
        }
    }

    private void ReadIndexes(SourceSchema schema, string[] names) => schema.Indexes.AddRange(Query(
        "SELECT n.nspname, ct.relname, ci.relname, pg_catalog.pg_get_indexdef(i.indexrelid), pg_catalog.obj_description(i.indexrelid, 'pg_class') " +
        "FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ci ON ci.oid = i.indexrelid " +
        "JOIN pg_catalog.pg_class ct ON ct.oid = i.indrelid JOIN pg_catalog.pg_namespace n ON n.oid = ct.relnamespace " +
        "WHERE ct.relkind IN ('r', 'p', 'm') AND NOT ci.relispartition AND n.nspname = ANY(@schemas) " +
        "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x')) " +
        "AND " + NotInExtension("pg_class", "ct.oid") + " ORDER BY 1, 2, 3",
        r => new IndexInfo(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), Nullable(r, 4)),
        names));

    private void ReadTriggers(SourceSchema schema, string[] names) => schema.Triggers.AddRange(Query(
        "SELECT n.nspname, c.relname, t.tgname, pg_catalog.pg_get_triggerdef(t.oid), t.tgenabled = 'D', pg_catalog.obj_description(t.oid, 'pg_trigger') " +
        "FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace " +
        "WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND n.nspname = ANY(@schemas) AND " + NotInExtension("pg_class", "c.oid") +
        " ORDER BY 1, 2, 3",
        r => new TriggerInfo(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetBoolean(4), Nullable(r, 5)),
        names));

    private static string? Nullable(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private void Execute(string sql)
    {
        using var command = new NpgsqlCommand(sql, _connection) { CommandTimeout = 0 };
        command.ExecuteNonQuery();
    }

    // No command timeout: the data export's planning queries (count, key boundaries) read whole tables.
    private List<T> Query<T>(string sql, Func<NpgsqlDataReader, T> read, string[]? schemas = null)
    {
        using var command = new NpgsqlCommand(sql, _connection) { CommandTimeout = 0 };
        if (schemas is not null)
        {
            command.Parameters.AddWithValue("schemas", schemas);
        }

        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}

/// <summary>The source's schema cannot be read as asked (e.g. a schema that does not exist).</summary>
public sealed class SourceSchemaException : MigrationException
{
    /// <summary>Creates the exception.</summary>
    public SourceSchemaException(string message) : base(message)
    {
    }
}
