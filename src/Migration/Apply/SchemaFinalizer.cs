using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using YbMigrate.Migration.Export;
using YbMigrate.Migration.Sources;
using YbMigrate.Migration.Sql;
using YbMigrate.PgQuery;

namespace YbMigrate.Migration.Apply;

/// <summary>How to finalize.</summary>
public sealed class FinalizeOptions
{
    /// <summary>The export's output folder (the files are in IN/schema/post-data).</summary>
    public string InputDirectory { get; set; } = ".";

    /// <summary>How many indexes are built at once, each on its own connection.</summary>
    public int Parallel { get; set; } = 4;
}

/// <summary>
/// <c>finalize</c>: applies the post-data files once the data is loaded. Consecutive CREATE INDEX
/// statements run several at once; a foreign key is added NOT VALID and then validated on its own,
/// so a violation names the constraint and the table; the sequences behind columns are then moved
/// past the loaded values. Every statement done is recorded in yb_migrate.finalize_done on the
/// target: a rerun skips those and goes on from the one that failed.
/// </summary>
public static class SchemaFinalizer
{
    /// <summary>The ledger of the statements done, on the target.</summary>
    public const string LedgerTable = "yb_migrate.finalize_done";

    /// <summary>The file label of the sequence step in reports.</summary>
    public const string SequenceStep = "post-data (sequences past the loaded data)";

    private enum StepKind { Plain, Index, ForeignKey, Constraint }

    // A statement and how it is run; Constraint/Table name a constraint's statement in errors.
    private sealed record Step(SchemaStatement Statement, StepKind Kind, string? Constraint = null, string? Table = null, string? Referenced = null);

    /// <summary>Runs finalize; <paramref name="report"/> hears of every statement as it finishes (from several threads while indexes are built, one call at a time).</summary>
    public static ApplyResult Finalize(string targetConnectionString, FinalizeOptions options, Action<StatementOutcome>? report = null)
    {
        if (options.Parallel < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "--parallel must be at least 1");
        }

        var steps = SchemaStatements.Read(System.IO.Path.Combine(options.InputDirectory, "schema"), SchemaScript.PostData).Select(Plan).ToList();
        var result = new ApplyResult { Target = ConnectionStrings.RedactPostgreSql(targetConnectionString) };
        var gate = new object();
        void Record(StatementOutcome outcome)
        {
            lock (gate)
            {
                result.Outcomes.Add(outcome);
                report?.Invoke(outcome);
            }
        }

        using var connection = TargetDatabase.Open(targetConnectionString);
        var done = ReadLedger(connection);
        for (var i = 0; i < steps.Count && result.StoppedAt is null;)
        {
            if (steps[i].Kind == StepKind.Index)
            {
                // A run of indexes: built at once, then the first failure (in file order) stops.
                var batch = steps.Skip(i).TakeWhile(s => s.Kind == StepKind.Index).ToList();
                var outcomes = new StatementOutcome[batch.Count];
                System.Threading.Tasks.Parallel.For(0, batch.Count, new ParallelOptions { MaxDegreeOfParallelism = options.Parallel }, k =>
                {
                    using var own = TargetDatabase.Open(targetConnectionString);
                    outcomes[k] = Run(own, batch[k], done);
                    Record(outcomes[k]);
                });
                result.StoppedAt = outcomes.FirstOrDefault(o => o.Status == StatementStatus.Failed);
                i += batch.Count;
            }
            else
            {
                var outcome = Run(connection, steps[i], done);
                Record(outcome);
                result.StoppedAt = outcome.Status == StatementStatus.Failed ? outcome : null;
                i++;
            }
        }

        if (result.StoppedAt is null)
        {
            foreach (var outcome in RaiseSequences(connection))
            {
                Record(outcome);
                result.StoppedAt ??= outcome.Status == StatementStatus.Failed ? outcome : null;
            }
        }

        return result;
    }

    private static StatementOutcome Run(NpgsqlConnection connection, Step step, IReadOnlyDictionary<(string, int), string> done)
    {
        var statement = step.Statement;
        if (done.TryGetValue((statement.File, statement.Index), out var hash) && hash == statement.Hash)
        {
            return new StatementOutcome(statement, StatementStatus.AlreadyDone);
        }

        var status = StatementStatus.Applied;
        // PostgreSQL 15 cannot add a NOT VALID foreign key on a partitioned table, and validating one that
        // references a partitioned table leaves the partitions' copies unvalidated: those are added as
        // written, checking the rows as they are added (a violation is still reported the same way).
        var validate = step.Kind == StepKind.ForeignKey && !AnyPartitioned(connection, step.Table!, step.Referenced!);
        try
        {
            // NOT VALID: the constraint is in place at once; checking the rows is the next, separate step.
            TargetDatabase.Execute(connection, validate ? statement.Sql + " NOT VALID" : statement.Sql);
        }
        catch (PostgresException ex) when (TargetDatabase.AlreadyExists(ex))
        {
            // A foreign key left NOT VALID by a failed validation is validated below.
            status = StatementStatus.AlreadyExists;
        }
        catch (PostgresException ex)
        {
            return Failure(step, ex);
        }

        if (validate)
        {
            try
            {
                TargetDatabase.Execute(connection, $"ALTER TABLE {step.Table} VALIDATE CONSTRAINT {SqlIdentifier.Quote(step.Constraint!)}");
                status = StatementStatus.Applied; // also when left NOT VALID by a failed run: validating it is this run's work
            }
            catch (PostgresException ex)
            {
                return Failure(step, ex);
            }
        }

        using var command = new NpgsqlCommand(
            $"INSERT INTO {LedgerTable} (file, statement_index, sql_hash) VALUES ($1, $2, $3) " +
            "ON CONFLICT (file, statement_index) DO UPDATE SET sql_hash = excluded.sql_hash, done_at = now()", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = statement.File });
        command.Parameters.Add(new NpgsqlParameter { Value = statement.Index });
        command.Parameters.Add(new NpgsqlParameter { Value = statement.Hash });
        command.ExecuteNonQuery();
        return new StatementOutcome(statement, status);
    }

    private static StatementOutcome Failure(Step step, PostgresException ex)
    {
        var error = TargetDatabase.Describe(ex);
        if (step.Constraint is not null)
        {
            var violated = ex.SqlState is PostgresErrorCodes.ForeignKeyViolation or PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.CheckViolation;
            error = $"constraint {SqlIdentifier.Quote(step.Constraint)} on table {step.Table}" +
                (violated ? " is violated by rows already loaded: " : ": ") + error;
        }

        return new StatementOutcome(step.Statement, StatementStatus.Failed, error);
    }

    private static readonly System.Text.RegularExpressions.Regex YugabyteDbIndex = new(
        @"^CREATE\s+(UNIQUE\s+)?INDEX\s+(?!CONCURRENTLY\b)", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    // What the statement is, from libpg_query's parse tree.
    private static Step Plan(SchemaStatement statement)
    {
        using var parse = PgQuery.PgQuery.Parse(statement.Sql);
        if (parse.Error is not null || parse.Statements.Count != 1)
        {
            // PostgreSQL's parser rejects YugabyteDB-only DDL (an index key "(col) HASH"): still an index build.
            return new Step(statement, YugabyteDbIndex.IsMatch(statement.Sql) ? StepKind.Index : StepKind.Plain);
        }

        var node = parse.Statements[0].Node;
        if (node.TryGetProperty("IndexStmt", out var index))
        {
            // CONCURRENTLY already builds without blocking writes; several at once on a table would wait on each other anyway.
            return new Step(statement, Flag(index, "concurrent") ? StepKind.Plain : StepKind.Index);
        }

        if (!node.TryGetProperty("AlterTableStmt", out var alter) || !alter.TryGetProperty("cmds", out var cmds) || cmds.GetArrayLength() != 1
            || !cmds[0].TryGetProperty("AlterTableCmd", out var cmd) || Text(cmd, "subtype") != "AT_AddConstraint"
            || !cmd.TryGetProperty("def", out var def) || !def.TryGetProperty("Constraint", out var constraint)
            || Text(constraint, "conname") is not { } name || !alter.TryGetProperty("relation", out var relation))
        {
            return new Step(statement, StepKind.Plain);
        }

        var kind = Text(constraint, "contype") == "CONSTR_FOREIGN" && !Flag(constraint, "skip_validation") ? StepKind.ForeignKey : StepKind.Constraint;
        var referenced = constraint.TryGetProperty("pktable", out var pktable) ? Name(pktable) : null;
        return new Step(statement, kind == StepKind.ForeignKey && referenced is null ? StepKind.Constraint : kind, name, Name(relation), referenced);
    }

    // A RangeVar node's name, quoted.
    private static string Name(ParseElement rangeVar) => Text(rangeVar, "schemaname") is { } schema
        ? SqlIdentifier.Qualify(schema, Text(rangeVar, "relname")!)
        : SqlIdentifier.Quote(Text(rangeVar, "relname")!);

    private static bool AnyPartitioned(NpgsqlConnection connection, params string[] tables)
    {
        using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_catalog.pg_class WHERE oid = ANY (SELECT pg_catalog.to_regclass(t) FROM unnest($1::text[]) t) AND relkind = 'p'", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tables });
        return (long)command.ExecuteScalar()! > 0;
    }

    private static string? Text(ParseElement node, string property) =>
        node.TryGetProperty(property, out var value) && value.ValueKind == ElementKind.String ? value.GetString() : null;

    private static bool Flag(ParseElement node, string property) =>
        node.TryGetProperty(property, out var value) && value.ValueKind == ElementKind.True;

    private static Dictionary<(string, int), string> ReadLedger(NpgsqlConnection connection)
    {
        TargetDatabase.Execute(connection,
            "CREATE SCHEMA IF NOT EXISTS yb_migrate; " +
            $"CREATE TABLE IF NOT EXISTS {LedgerTable} (file text NOT NULL, statement_index integer NOT NULL, sql_hash text NOT NULL, " +
            "done_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (file, statement_index))");
        var done = new Dictionary<(string, int), string>();
        using var command = new NpgsqlCommand($"SELECT file, statement_index, sql_hash FROM {LedgerTable}", connection);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            done[(reader.GetString(0), reader.GetInt32(1))] = reader.GetString(2);
        }

        return done;
    }

    // Every ascending sequence an integer column takes its values from (serial, identity, DEFAULT
    // nextval) is set to the column's largest loaded value when that is past the sequence's.
    private const string SequenceColumns = """
        WITH used AS (
            SELECT d.refobjid AS seq, ad.adrelid AS rel, ad.adnum AS att
            FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_attrdef ad ON ad.oid = d.objid
            WHERE d.classid = 'pg_catalog.pg_attrdef'::regclass AND d.refclassid = 'pg_catalog.pg_class'::regclass
            UNION
            SELECT d.objid, d.refobjid, d.refobjsubid
            FROM pg_catalog.pg_depend d
            WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.refclassid = 'pg_catalog.pg_class'::regclass
              AND d.deptype IN ('a', 'i') AND d.refobjsubid > 0)
        SELECT DISTINCT sn.nspname, s.relname, tn.nspname, t.relname, a.attname, q.last_value
        FROM used
        JOIN pg_catalog.pg_class s ON s.oid = used.seq AND s.relkind = 'S'
        JOIN pg_catalog.pg_namespace sn ON sn.oid = s.relnamespace
        JOIN pg_catalog.pg_sequences q ON q.schemaname = sn.nspname AND q.sequencename = s.relname AND q.increment_by > 0
        JOIN pg_catalog.pg_class t ON t.oid = used.rel AND NOT t.relispartition
        JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace
        JOIN pg_catalog.pg_attribute a ON a.attrelid = used.rel AND a.attnum = used.att
        WHERE a.atttypid IN ('pg_catalog.int2'::regtype, 'pg_catalog.int4'::regtype, 'pg_catalog.int8'::regtype)
          AND tn.nspname <> 'yb_migrate'
        ORDER BY 1, 2, 3, 4, 5
        """;

    private static List<StatementOutcome> RaiseSequences(NpgsqlConnection connection)
    {
        var columns = new List<(string Sequence, string Table, string Column, long? Last)>();
        using (var command = new NpgsqlCommand(SequenceColumns, connection))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                columns.Add((SqlIdentifier.Qualify(reader.GetString(0), reader.GetString(1)), SqlIdentifier.Qualify(reader.GetString(2), reader.GetString(3)),
                    SqlIdentifier.Quote(reader.GetString(4)), reader.IsDBNull(5) ? null : reader.GetInt64(5)));
            }
        }

        var outcomes = new List<StatementOutcome>();
        var index = 0;
        foreach (var (sequence, table, column, last) in columns)
        {
            var sql = $"SELECT pg_catalog.setval({SqlIdentifier.Literal(sequence)}, m) FROM (SELECT max({column})::bigint AS m FROM {table}) x WHERE m > {last?.ToString() ?? "m - 1"}";
            var statement = new SchemaStatement(SequenceStep, index++, 0, $"SELECT setval({SqlIdentifier.Literal(sequence)}, max({table}.{column}))");
            try
            {
                using var command = new NpgsqlCommand(sql, connection);
                if (command.ExecuteScalar() is not null)
                {
                    outcomes.Add(new StatementOutcome(statement, StatementStatus.Applied));
                }
            }
            catch (PostgresException ex)
            {
                outcomes.Add(new StatementOutcome(statement, StatementStatus.Failed, TargetDatabase.Describe(ex)));
                break;
            }
        }

        return outcomes;
    }
}
