using System;
using System.Collections.Generic;
using System.Linq;
using YbMigrate.Migration.Sources;

namespace YbMigrate.Migration.Verify;

/// <summary>How far the data comparison goes.</summary>
public enum DataCheck
{
    /// <summary>Catalog only.</summary>
    None,

    /// <summary>Row counts per table.</summary>
    Count,

    /// <summary>Counts and an order-independent hash of every row, pinned down to the differing rows by key ranges.</summary>
    Checksum,
}

/// <summary>What to verify.</summary>
public sealed class VerifyOptions
{
    /// <summary>The source connection string.</summary>
    public string Source { get; set; } = "";

    /// <summary>The source's kind.</summary>
    public SourceKind SourceKind { get; set; } = SourceKind.PostgreSql;

    /// <summary>The target (PostgreSQL or YugabyteDB) connection string.</summary>
    public string Target { get; set; } = "";

    /// <summary>Schemas to compare; empty: every user schema.</summary>
    public IReadOnlyCollection<string> Schemas { get; set; } = Array.Empty<string>();

    /// <summary>Tables (schema.name or name) whose data is compared; empty: every table.</summary>
    public IReadOnlyCollection<string> Tables { get; set; } = Array.Empty<string>();

    /// <summary>The data comparison.</summary>
    public DataCheck Data { get; set; } = DataCheck.Checksum;

    /// <summary>Tables compared at once (each uses one connection per side).</summary>
    public int Parallel { get; set; } = 2;

    /// <summary>The most differing rows named per table.</summary>
    public int MaxRows { get; set; } = 10;

    /// <summary>The migration folder whose schema/report.json lists the differences made on purpose; null: none expected.</summary>
    public string? MigrationDirectory { get; set; }
}

/// <summary>The state of one compared object or table.</summary>
public enum VerifyStatus
{
    /// <summary>Same on both sides.</summary>
    Ok,

    /// <summary>Different, and the conversion made it so on purpose (the schema report says so).</summary>
    Expected,

    /// <summary>Different.</summary>
    Differs,

    /// <summary>In the source, not in the target.</summary>
    Missing,

    /// <summary>In the target, not in the source.</summary>
    Extra,
}

/// <summary>
/// A catalog difference: <paramref name="Kind"/> e.g. "INDEX", <paramref name="Name"/> the qualified
/// name (a column's and a table constraint's include their table), what differs, and when it is
/// expected the schema report's entry that explains it.
/// </summary>
public sealed record CatalogDifference(string Kind, string Name, VerifyStatus Status, string Detail, string? Source, string? Target, string? ExpectedBecause = null)
{
    /// <summary>Whether the difference fails the verification.</summary>
    public bool Unexpected => Status != VerifyStatus.Expected;
}

/// <summary>What a differing row is.</summary>
public enum RowDifferenceKind
{
    /// <summary>Same key, other values.</summary>
    Changed,

    /// <summary>In the source only.</summary>
    MissingInTarget,

    /// <summary>In the target only.</summary>
    ExtraInTarget,
}

/// <summary>A differing row named by its key, e.g. <c>(id)=(42)</c>.</summary>
public sealed record RowDifference(RowDifferenceKind Kind, string Key)
{
    /// <summary>"changed", "missing in target" or "extra in target".</summary>
    public string Describe() => Kind switch
    {
        RowDifferenceKind.Changed => "changed",
        RowDifferenceKind.MissingInTarget => "missing in target",
        _ => "extra in target",
    };
}

/// <summary>The data comparison of one table.</summary>
public sealed class TableVerification
{
    /// <summary>The qualified table name.</summary>
    public string Table { get; init; } = "";

    /// <summary>OK, differs, missing (in the target).</summary>
    public VerifyStatus Status { get; set; }

    /// <summary>Rows in the source.</summary>
    public long? SourceRows { get; set; }

    /// <summary>Rows in the target.</summary>
    public long? TargetRows { get; set; }

    /// <summary>How the table was compared, e.g. "checksum by key ranges", "count", "no primary key: whole-table checksum".</summary>
    public string Method { get; set; } = "";

    /// <summary>What differs, in words (empty when OK).</summary>
    public string Detail { get; set; } = "";

    /// <summary>Up to --max-rows differing rows.</summary>
    public List<RowDifference> Rows { get; } = new();

    /// <summary>Key ranges whose checksums were compared.</summary>
    public int RangesCompared { get; set; }

    /// <summary>Time spent on the table.</summary>
    public TimeSpan Elapsed { get; set; }
}

/// <summary>The outcome of a verification.</summary>
public sealed class VerifyResult
{
    /// <summary>The source, password removed.</summary>
    public string Source { get; init; } = "";

    /// <summary>The target, password removed.</summary>
    public string Target { get; init; } = "";

    /// <summary>The data comparison made.</summary>
    public DataCheck Data { get; init; }

    /// <summary>Objects compared in the catalogs.</summary>
    public int ObjectsCompared { get; set; }

    /// <summary>Catalog differences, expected ones included.</summary>
    public List<CatalogDifference> Catalog { get; } = new();

    /// <summary>Per table data comparisons, in name order.</summary>
    public List<TableVerification> Tables { get; } = new();

    /// <summary>The whole run's time.</summary>
    public TimeSpan Elapsed { get; set; }

    /// <summary>True when nothing differs but what the conversion changed on purpose.</summary>
    public bool Passed => !Catalog.Any(d => d.Unexpected) && Tables.All(t => t.Status == VerifyStatus.Ok);
}

/// <summary>A verification that could not run (unreadable report, bad options); connection errors come as the provider's exceptions.</summary>
public sealed class VerifyException : MigrationException
{
    /// <summary>Creates the exception.</summary>
    public VerifyException(string message) : base(message)
    {
    }
}
