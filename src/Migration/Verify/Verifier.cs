using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using YbMigrate.Migration.Model;
using YbMigrate.Migration.Sources;
using YbMigrate.Migration.Sources.PostgreSql;
using YbMigrate.Migration.Sources.SqlServer;

namespace YbMigrate.Migration.Verify;

/// <summary>
/// <c>verify</c>: the source's catalog and rows against the target's. The catalogs are read through the
/// schema export's readers (the target is PostgreSQL or YugabyteDB, read as a PostgreSQL source), the
/// rows compared on the servers by <see cref="DataComparer"/>, several tables at once.
/// </summary>
public static partial class Verifier
{
    /// <summary>Runs the verification; <paramref name="progress"/> hears of each table compared.</summary>
    public static VerifyResult Run(VerifyOptions options, Action<TableVerification>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var expected = ExpectedDifferences.Load(options.MigrationDirectory);
        using ISourceDatabase sourceDatabase = options.SourceKind == SourceKind.SqlServer ? new SqlServerSource(options.Source) : new PostgreSqlSource(options.Source);
        using var targetDatabase = new PostgreSqlSource(options.Target);
        var source = sourceDatabase.ReadSchema(options.Schemas);
        var target = targetDatabase.ReadSchema(source.Schemas.Select(s => s.Name).ToList());
        var result = new VerifyResult { Source = sourceDatabase.DisplayConnection, Target = targetDatabase.DisplayConnection, Data = options.Data };
        var (differences, compared) = CatalogComparer.Compare(source, target, expected);
        result.Catalog.AddRange(differences);
        result.ObjectsCompared = compared;
        if (options.Data != DataCheck.None)
        {
            using var targetData = new PostgreSqlDataSide(options.Target);
            result.Catalog.AddRange(SequencesBehindData(target, targetData));
            result.Tables.AddRange(CompareData(options, source, target, progress));
        }

        result.Elapsed = clock.Elapsed;
        return result;
    }

    private static IEnumerable<TableVerification> CompareData(VerifyOptions options, SourceSchema source, SourceSchema target, Action<TableVerification>? progress)
    {
        var targetTables = target.Tables.ToDictionary(t => t.QualifiedName);
        var tables = Selected(source, options.Tables);
        var results = new TableVerification[tables.Count];
        using IDataSide sourceSide = options.SourceKind == SourceKind.SqlServer ? new SqlServerDataSide(options.Source) : new PostgreSqlDataSide(options.Source);
        using var targetSide = new PostgreSqlDataSide(options.Target);
        var comparer = new DataComparer(sourceSide, targetSide, options.MaxRows);
        Parallel.For(0, tables.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallel) }, i =>
        {
            var table = tables[i];
            results[i] = targetTables.TryGetValue(table.QualifiedName, out var other)
                ? comparer.Compare(Compared(source, table, other), options.Data)
                : new TableVerification { Table = table.QualifiedName, Status = VerifyStatus.Missing, Method = "-", Detail = "table missing in target" };
            progress?.Invoke(results[i]);
        });
        return results;
    }

    // A serial or identity sequence whose next value is already in its column: the next insert that takes
    // it fails (a source sequence can lag its own rows when they were inserted with explicit keys).
    private static IEnumerable<CatalogDifference> SequencesBehindData(SourceSchema target, PostgreSqlDataSide side)
    {
        foreach (var sequence in target.Sequences.Where(q => q.OwnedBy is not null))
        {
            var ascending = sequence.Increment > 0;
            if (side.Extreme(sequence.OwnedBy!, ascending) is not { } extreme)
            {
                continue;
            }

            var last = sequence.LastValue;
            if (last is null || (ascending ? last < extreme : last > extreme))
            {
                var column = Sql.SqlIdentifier.Qualify(sequence.OwnedBy!.Table, sequence.OwnedBy.Column);
                yield return new CatalogDifference("SEQUENCE", Sql.SqlIdentifier.Qualify(sequence.Schema, sequence.Name), VerifyStatus.Differs,
                    $"behind the data: {column} already holds {extreme}, so nextval would return a value in use", null, last?.ToString() ?? "never used");
            }
        }
    }

    // Tables that hold rows: partitioned parents are compared through their partitions.
    private static List<TableInfo> Selected(SourceSchema source, IReadOnlyCollection<string> names)
    {
        var tables = source.Tables.Where(t => t.PartitionKey is null).OrderBy(t => t.QualifiedName, StringComparer.Ordinal).ToList();
        if (names.Count == 0)
        {
            return tables;
        }

        var unknown = names.Where(n => !tables.Any(t => Matches(t, n))).ToList();
        if (unknown.Count > 0)
        {
            throw new VerifyException($"--tables: no such table in the source: {string.Join(", ", unknown)}");
        }

        return tables.Where(t => names.Any(n => Matches(t, n))).ToList();
    }

    private static bool Matches(TableInfo table, string name) =>
        name == table.Name || name == table.Schema + "." + table.Name || name == table.QualifiedName;

    // The source's columns both sides have, in the source's order; the key from the source's primary key (a partition's from its parent's).
    private static ComparedTable Compared(SourceSchema source, TableInfo table, TableInfo target)
    {
        var targetColumns = target.Columns.ToDictionary(c => c.Name);
        var columns = table.Columns.Where(c => targetColumns.ContainsKey(c.Name)).ToList();
        var key = PrimaryKey(table) ?? (table.PartitionOf is { } parent
            ? source.Tables.Where(t => t.Schema == parent.Schema && t.Name == parent.Name).Select(PrimaryKey).FirstOrDefault()
            : null) ?? [];
        var types = key.Select(k => targetColumns.TryGetValue(k, out var c) ? c.Type : "text").ToList();
        return new ComparedTable(table.Schema, table.Name, columns.Select(c => c.Name).ToList(), columns.Select(c => c.Type).ToList(), key, types);
    }

    private static IReadOnlyList<string>? PrimaryKey(TableInfo table) =>
        table.InlineConstraints.Where(c => c.Kind == 'p').Select(c => KeyColumns(c.Definition)).FirstOrDefault();

    /// <summary>The columns of "PRIMARY KEY (a, "B c")", unquoted.</summary>
    public static IReadOnlyList<string> KeyColumns(string definition)
    {
        var list = KeyList().Match(definition);
        return list.Success
            ? Identifier().Matches(list.Groups[1].Value).Select(m => m.Value.StartsWith('"') ? m.Value[1..^1].Replace("\"\"", "\"") : m.Value).ToList()
            : [];
    }

    [GeneratedRegex(@"^PRIMARY KEY \(((?:""(?:[^""]|"""")*""|[^()""])*)\)")]
    private static partial Regex KeyList();

    [GeneratedRegex(@"""(?:[^""]|"""")*""|[^\s,""]+")]
    private static partial Regex Identifier();
}
