using System;
using System.Collections.Generic;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1030: CREATE EXTENSION of an extension YugabyteDB does not ship.</summary>
public sealed class UnsupportedExtensionRule : SqlRule
{
    // vector is supported from 2.25 / 2025.1 only; a rule is skipped for a version as a whole, so the
    // older versions are covered by the docs rather than by a second rule.
    private static readonly HashSet<string> Supported = new(StringComparer.OrdinalIgnoreCase)
    {
        "adminpack", "amcheck", "autoinc", "bloom", "btree_gin", "btree_gist", "citext", "cube", "dblink", "dict_int",
        "dict_xsyn", "earthdistance", "file_fdw", "fuzzystrmatch", "hll", "hstore", "hypopg", "insert_username",
        "intagg", "intarray", "isn", "lo", "ltree", "moddatetime", "orafce", "pageinspect", "pg_buffercache", "pg_cron",
        "pg_freespacemap", "pg_hint_plan", "pg_prewarm", "pg_stat_monitor", "pg_stat_statements", "pg_trgm",
        "pg_visibility", "pgaudit", "pgcrypto", "pgrowlocks", "pgstattuple", "plpgsql", "postgres_fdw", "refint", "seg",
        "sslinfo", "tablefunc", "tcn", "timetravel", "tsm_system_rows", "tsm_system_time", "unaccent", "uuid-ossp",
        "vector",
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1030",
        "Unsupported extension",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "Extension \"{0}\" is not available in YugabyteDB: remove the statement and replace what the schema uses from it",
        new RuleDocs(
            "`CREATE EXTENSION name` where the extension is not one YugabyteDB ships: adminpack, amcheck, autoinc, bloom, btree_gin, btree_gist, citext, cube, dblink, dict_int, dict_xsyn, earthdistance, file_fdw, fuzzystrmatch, hll, hstore, hypopg, insert_username, intagg, intarray, isn, lo, ltree, moddatetime, orafce, pageinspect, pg_buffercache, pg_cron, pg_freespacemap, pg_hint_plan, pg_prewarm, pg_stat_monitor, pg_stat_statements, pg_trgm, pg_visibility, pgaudit, pgcrypto, pgrowlocks, pgstattuple, plpgsql, postgres_fdw, refint, seg, sslinfo, tablefunc, tcn, timetravel, tsm_system_rows, tsm_system_time, unaccent, uuid-ossp and vector. Names compare case-insensitively. vector (pgvector) is treated as supported, but it exists only from YugabyteDB 2.25 / 2025.1 on: on older targets its CREATE EXTENSION fails too.",
            "YugabyteDB can only load the extensions built into its distribution; others (PostGIS, TimescaleDB, pg_partman, ...) either need PostgreSQL's storage internals or have not been ported. The CREATE EXTENSION fails, and so does every object that uses the extension's types, functions or operators.",
            "Remove the statement and replace what the schema uses from the extension: its functions with plain SQL or PL/pgSQL, its types with built-in ones, or move that part of the work to the application. For vector on a YugabyteDB older than 2.25 / 2025.1, upgrade.",
            "CREATE EXTENSION IF NOT EXISTS postgis;",
            "-- store coordinates as numeric columns (lat, lon) and compute distances with earthdistance:\nCREATE EXTENSION IF NOT EXISTS cube;\nCREATE EXTENSION IF NOT EXISTS earthdistance;"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterNodeAction(Analyze, "CreateExtensionStmt");

    private static void Analyze(NodeContext context)
    {
        var name = context.Node.Str("extname") ?? string.Empty;
        if (Supported.Contains(name))
        {
            return;
        }

        var statement = context.Statement;
        var keyword = statement.FindToken(TokenKind.EXTENSION);
        var token = keyword < 0 ? -1 : statement.FindIdentifier(name, statement.Tokens[keyword].Span.End);

        context.Report(token < 0 ? statement.TokenSpanAt(-1) : statement.Tokens[token].Span, name);
    }
}
