using System;
using System.Buffers;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using Npgsql;
using YbMigrate.Migration.Data.Export;

namespace YbMigrate.Migration.Sources.PostgreSql;

/// <summary>
/// An export worker on libpq, as psql reads COPY: the same transaction on the coordinator's snapshot
/// and the same COPY command as <see cref="PostgreSqlTableReader"/>, rows gathered into a buffer.
/// </summary>
internal sealed class LibPqTableReader : ITableDataReader
{
    private readonly IntPtr _connection;
    private readonly byte[] _buffer = new byte[1 << 18];

    public LibPqTableReader(string connectionString, string snapshot)
    {
        if (!LibPq.IsAvailable)
        {
            throw new LibPqException($"libpq was not found (apt-get install libpq5, or set {LibPq.PathVariable} to its path)");
        }

        _connection = LibPq.PQconnectdb(ConnectionInfo(connectionString));
        if (LibPq.PQstatus(_connection) != LibPq.ConnectionOk)
        {
            var message = LibPq.Message(LibPq.PQerrorMessage(_connection));
            LibPq.PQfinish(_connection);
            throw new LibPqException(message);
        }

        try
        {
            foreach (var statement in PostgreSqlTableReader.SnapshotSession(snapshot))
            {
                Execute(statement);
            }
        }
        catch
        {
            // The caller falls back to Npgsql: the native connection (and its backend) must not stay open.
            LibPq.PQfinish(_connection);
            throw;
        }
    }

    /// <summary>
    /// The libpq connection string (key='value' pairs) of an Npgsql one: where to connect, who, and
    /// TLS. Npgsql's own client settings (pooling, buffers, timeouts of commands) have no equivalent.
    /// </summary>
    public static string ConnectionInfo(string connectionString)
    {
        var npgsql = new NpgsqlConnectionStringBuilder(connectionString);
        var text = new StringBuilder();
        void Add(string key, object? value)
        {
            if (value is not null && value.ToString() is { Length: > 0 } s)
            {
                text.Append(key).Append("='").Append(s.Replace("\\", "\\\\").Replace("'", "\\'")).Append("' ");
            }
        }

        Add("host", npgsql.Host);
        Add("port", npgsql.Port);
        Add("dbname", npgsql.Database);
        Add("user", npgsql.Username);
        Add("password", npgsql.Password);
        Add("passfile", npgsql.Passfile);
        Add("sslmode", npgsql.SslMode switch
        {
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            var mode => mode.ToString().ToLowerInvariant(),
        });
        Add("sslrootcert", npgsql.RootCertificate);
        Add("sslcert", npgsql.SslCertificate);
        Add("sslkey", npgsql.SslKey);
        Add("connect_timeout", npgsql.Timeout);
        Add("application_name", npgsql.ApplicationName);
        Add("options", npgsql.Options);
        Add("client_encoding", "UTF8");
        return text.ToString().TrimEnd();
    }

    public void Copy(ExportChunk chunk, Stream destination, CancellationToken cancellation)
    {
        Execute(PostgreSqlTableReader.ScanSetting(chunk));
        var result = LibPq.PQexec(_connection, PostgreSqlTableReader.CopyCommand(chunk));
        CheckResult(result, LibPq.CopyOut);
        var filled = 0;
        int length;
        while ((length = LibPq.PQgetCopyData(_connection, out var row, 0)) > 0)
        {
            try
            {
                if (filled + length > _buffer.Length)
                {
                    cancellation.ThrowIfCancellationRequested();
                    destination.Write(_buffer, 0, filled);
                    filled = 0;
                }

                if (length > _buffer.Length)
                {
                    WriteLargeRow(row, length, destination);
                }
                else
                {
                    Marshal.Copy(row, _buffer, filled, length);
                    filled += length;
                }
            }
            finally
            {
                LibPq.PQfreemem(row);
            }
        }

        if (length == -2)
        {
            throw new LibPqException(LibPq.Message(LibPq.PQerrorMessage(_connection)));
        }

        destination.Write(_buffer, 0, filled);
        CheckResult(LibPq.PQgetResult(_connection), LibPq.CommandOk);
        DrainResults();
    }

    public void Dispose() => LibPq.PQfinish(_connection);

    private static void WriteLargeRow(IntPtr row, int length, Stream destination)
    {
        var copy = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Marshal.Copy(row, copy, 0, length);
            destination.Write(copy, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    private void Execute(string sql)
    {
        CheckResult(LibPq.PQexec(_connection, sql), LibPq.CommandOk);
        DrainResults();
    }

    // Frees the result; a status other than expected is the server's error (or the connection's).
    private void CheckResult(IntPtr result, int expected)
    {
        var status = result == IntPtr.Zero ? -1 : LibPq.PQresultStatus(result);
        var message = status == expected ? null
            : LibPq.Message(result == IntPtr.Zero ? LibPq.PQerrorMessage(_connection) : LibPq.PQresultErrorMessage(result));
        LibPq.PQclear(result);
        if (message is not null)
        {
            DrainResults();
            throw new LibPqException(message);
        }
    }

    private void DrainResults()
    {
        IntPtr result;
        while ((result = LibPq.PQgetResult(_connection)) != IntPtr.Zero)
        {
            LibPq.PQclear(result);
        }
    }
}
