using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using YbMigrate.Migration.Sources;

namespace YbMigrate.Migration.Data.Export;

/// <summary>
/// A source whose table rows can be exported: each provider lists its tables, splits them into ranges
/// (of keys, or of pages) and streams a range as PostgreSQL COPY CSV. Every reader works in the consistent read
/// begun by <see cref="BeginConsistentRead"/>, on a connection of its own.
/// </summary>
public interface ITableDataSource : ISourceDatabase
{
    /// <summary>The source server, e.g. "PostgreSQL 15.18".</summary>
    string ServerVersion { get; }

    /// <summary>How many readers to run when the user does not say: the source's cores when known.</summary>
    int DefaultParallelism { get; }

    /// <summary>
    /// Starts the read that every later call and every reader shares; called once, first. Returns the
    /// snapshot's name (null when the source has none to share) and warnings for the user.
    /// </summary>
    ConsistentRead BeginConsistentRead();

    /// <summary>Every user table with rows to export (leaf partitions, not their partitioned parents).</summary>
    IReadOnlyList<ExportTable> ReadTables();

    /// <summary>
    /// Splits <paramref name="table"/> into chunks of about <paramref name="rowsPerFile"/> rows (ranges of
    /// its keys or its pages, in order), as many as <see cref="KeyRanges.ChunkCount"/> says for
    /// <paramref name="readers"/> readers.
    /// </summary>
    IReadOnlyList<ExportChunk> PlanChunks(ExportTable table, long rowsPerFile, int readers);

    /// <summary>A reader on a connection of its own, in the consistent read; called from the readers' threads while the tables are planned.</summary>
    ITableDataReader OpenReader();
}

/// <summary>What <see cref="ITableDataSource.BeginConsistentRead"/> started.</summary>
public sealed record ConsistentRead(string? Snapshot, IReadOnlyList<string> Warnings);

/// <summary>One worker's connection to the source.</summary>
public interface ITableDataReader : IDisposable
{
    /// <summary>Writes the rows of <paramref name="chunk"/> to <paramref name="destination"/> as PostgreSQL COPY CSV.</summary>
    void Copy(ExportChunk chunk, Stream destination, CancellationToken cancellation);
}
