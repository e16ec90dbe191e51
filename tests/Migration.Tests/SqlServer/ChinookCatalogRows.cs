using System.Collections.Generic;
using System.Linq;
using YbMigrate.Migration.Model;
using YbMigrate.Migration.Sources;
using YbMigrate.Migration.Sources.SqlServer;
using Q = YbMigrate.Migration.Sources.SqlServer.SqlServerCatalogQueries;

namespace YbMigrate.Migration.Tests.SqlServer;

using Row = IReadOnlyDictionary<string, object?>;

/// <summary>
/// The rows the catalog queries return for ../shared/fixtures/chinook/Chinook_SqlServer.sql on
/// SQL Server (dbo schema, 11 tables, 11 foreign keys each with its IFK_ index), typed as
/// SqlClient returns them (int object ids, smallint max_length, tinyint precision/scale, bit as bool),
/// plus a small "sales" schema with what Chinook lacks: identity, defaults, a check, a unique
/// constraint, a sequence, a view and the lossy types.
/// </summary>
public static class ChinookCatalogRows
{
    private static Row R(CatalogQuery query, params object?[] values) =>
        query.Columns.Select((c, i) => (c, v: values[i])).ToDictionary(x => x.c, x => x.v);

    // (name, type, max_length, precision, scale, nullable) as sys.columns has them.
    private static (string, string, short, byte, byte, bool) Int(string name, bool nullable = false) => (name, "int", 4, 10, 0, nullable);

    private static (string, string, short, byte, byte, bool) NVarChar(string name, int length, bool nullable = true) => (name, "nvarchar", (short)(2 * length), 0, 0, nullable);

    private static (string, string, short, byte, byte, bool) DateTime(string name, bool nullable = true) => (name, "datetime", 8, 23, 3, nullable);

    private static (string, string, short, byte, byte, bool) Numeric(string name) => (name, "numeric", 9, 10, 2, false);

    /// <summary>The tables: object id, name, columns in order, primary key columns.</summary>
    public static readonly (int Id, string Name, (string Name, string Type, short MaxLength, byte Precision, byte Scale, bool Nullable)[] Columns, string[] Key)[] Tables =
    [
        (1001, "Album", [Int("AlbumId"), NVarChar("Title", 160, false), Int("ArtistId")], ["AlbumId"]),
        (1002, "Artist", [Int("ArtistId"), NVarChar("Name", 120)], ["ArtistId"]),
        (1003, "Customer", [Int("CustomerId"), NVarChar("FirstName", 40, false), NVarChar("LastName", 20, false), NVarChar("Company", 80),
            NVarChar("Address", 70), NVarChar("City", 40), NVarChar("State", 40), NVarChar("Country", 40), NVarChar("PostalCode", 10),
            NVarChar("Phone", 24), NVarChar("Fax", 24), NVarChar("Email", 60, false), Int("SupportRepId", true)], ["CustomerId"]),
        (1004, "Employee", [Int("EmployeeId"), NVarChar("LastName", 20, false), NVarChar("FirstName", 20, false), NVarChar("Title", 30),
            Int("ReportsTo", true), DateTime("BirthDate"), DateTime("HireDate"), NVarChar("Address", 70), NVarChar("City", 40),
            NVarChar("State", 40), NVarChar("Country", 40), NVarChar("PostalCode", 10), NVarChar("Phone", 24), NVarChar("Fax", 24),
            NVarChar("Email", 60)], ["EmployeeId"]),
        (1005, "Genre", [Int("GenreId"), NVarChar("Name", 120)], ["GenreId"]),
        (1006, "Invoice", [Int("InvoiceId"), Int("CustomerId"), DateTime("InvoiceDate", false), NVarChar("BillingAddress", 70),
            NVarChar("BillingCity", 40), NVarChar("BillingState", 40), NVarChar("BillingCountry", 40), NVarChar("BillingPostalCode", 10),
            Numeric("Total")], ["InvoiceId"]),
        (1007, "InvoiceLine", [Int("InvoiceLineId"), Int("InvoiceId"), Int("TrackId"), Numeric("UnitPrice"), Int("Quantity")], ["InvoiceLineId"]),
        (1008, "MediaType", [Int("MediaTypeId"), NVarChar("Name", 120)], ["MediaTypeId"]),
        (1009, "Playlist", [Int("PlaylistId"), NVarChar("Name", 120)], ["PlaylistId"]),
        (1010, "PlaylistTrack", [Int("PlaylistId"), Int("TrackId")], ["PlaylistId", "TrackId"]),
        (1011, "Track", [Int("TrackId"), NVarChar("Name", 200, false), Int("AlbumId", true), Int("MediaTypeId"), Int("GenreId", true),
            NVarChar("Composer", 220), Int("Milliseconds"), Int("Bytes", true), Numeric("UnitPrice")], ["TrackId"]),
    ];

    /// <summary>The foreign keys: name, table, column, referenced table and column (all NO ACTION).</summary>
    public static readonly (string Name, string Table, string Column, string RefTable, string RefColumn)[] ForeignKeys =
    [
        ("FK_AlbumArtistId", "Album", "ArtistId", "Artist", "ArtistId"),
        ("FK_CustomerSupportRepId", "Customer", "SupportRepId", "Employee", "EmployeeId"),
        ("FK_EmployeeReportsTo", "Employee", "ReportsTo", "Employee", "EmployeeId"),
        ("FK_InvoiceCustomerId", "Invoice", "CustomerId", "Customer", "CustomerId"),
        ("FK_InvoiceLineInvoiceId", "InvoiceLine", "InvoiceId", "Invoice", "InvoiceId"),
        ("FK_InvoiceLineTrackId", "InvoiceLine", "TrackId", "Track", "TrackId"),
        ("FK_PlaylistTrackPlaylistId", "PlaylistTrack", "PlaylistId", "Playlist", "PlaylistId"),
        ("FK_PlaylistTrackTrackId", "PlaylistTrack", "TrackId", "Track", "TrackId"),
        ("FK_TrackAlbumId", "Track", "AlbumId", "Album", "AlbumId"),
        ("FK_TrackGenreId", "Track", "GenreId", "Genre", "GenreId"),
        ("FK_TrackMediaTypeId", "Track", "MediaTypeId", "MediaType", "MediaTypeId"),
    ];

    private static int Id(string table) => Tables.Single(t => t.Name == table).Id;

    /// <summary>Every query's rows.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<Row>> Rows { get; } = Build();

    /// <summary>The recorded catalog.</summary>
    public static RecordedCatalog Catalog => new(Rows);

    private static Dictionary<string, IReadOnlyList<Row>> Build()
    {
        var rows = new Dictionary<string, IReadOnlyList<Row>>
        {
            [Q.ServerVersion.Name] = [R(Q.ServerVersion, "16.0.1000.6")],
            [Q.Schemas.Name] = [R(Q.Schemas, "dbo"), R(Q.Schemas, "sales")],
        };

        var tables = Tables.Select(t => R(Q.Tables, "dbo", t.Name, t.Id)).ToList();
        var columns = Tables.SelectMany(t => t.Columns.Select((c, i) =>
            R(Q.Columns, t.Id, c.Name, i + 1, c.Type, c.MaxLength, c.Precision, c.Scale, c.Nullable, false, null, null, null, null, null))).ToList();
        var keys = Tables.SelectMany(t => t.Key.Select((k, i) => R(Q.KeyConstraints, t.Id, "PK_" + t.Name, "PK", (byte)(i + 1), k, false))).ToList();
        var foreignKeys = ForeignKeys.Select(f => R(Q.ForeignKeys, Id(f.Table), f.Name, 1, f.Column, "dbo", f.RefTable, f.RefColumn,
            "NO_ACTION", "NO_ACTION", false, false)).ToList();
        var indexes = ForeignKeys.Select(f => R(Q.Indexes, Id(f.Table), "I" + f.Name, "NONCLUSTERED", false, null, false, (byte)1, f.Column, false, false)).ToList();

        // sales: what Chinook does not have.
        tables.Add(R(Q.Tables, "sales", "Order", 2001));
        columns.AddRange(
        [
            R(Q.Columns, 2001, "OrderId", 1, "bigint", (short)8, (byte)19, (byte)0, false, true, 1000L, 1L, 1041L, null, null),
            R(Q.Columns, 2001, "OrderNo", 2, "uniqueidentifier", (short)16, (byte)0, (byte)0, false, false, null, null, null, "(newid())", null),
            R(Q.Columns, 2001, "PlacedAt", 3, "datetime2", (short)8, (byte)27, (byte)7, false, false, null, null, null, "(sysdatetime())", null),
            R(Q.Columns, 2001, "PlacedAtLocal", 4, "datetimeoffset", (short)10, (byte)34, (byte)7, true, false, null, null, null, null, null),
            R(Q.Columns, 2001, "IsPaid", 5, "bit", (short)1, (byte)1, (byte)0, false, false, null, null, null, "((0))", null),
            R(Q.Columns, 2001, "Amount", 6, "money", (short)8, (byte)19, (byte)4, false, false, null, null, null, "((0.00))", null),
            R(Q.Columns, 2001, "Status", 7, "nvarchar", (short)20, (byte)0, (byte)0, false, false, null, null, null, "(N'new')", null),
            R(Q.Columns, 2001, "Notes", 8, "nvarchar", (short)-1, (byte)0, (byte)0, true, false, null, null, null, null, null),
            R(Q.Columns, 2001, "Version", 9, "timestamp", (short)8, (byte)0, (byte)0, false, false, null, null, null, null, null),
            R(Q.Columns, 2001, "Document", 10, "xml", (short)-1, (byte)0, (byte)0, true, false, null, null, null, null, null),
            R(Q.Columns, 2001, "Node", 11, "hierarchyid", (short)892, (byte)0, (byte)0, true, false, null, null, null, null, null),
            R(Q.Columns, 2001, "Location", 12, "geography", (short)-1, (byte)0, (byte)0, true, false, null, null, null, null, null),
            R(Q.Columns, 2001, "Extra", 13, "sql_variant", (short)8016, (byte)0, (byte)0, true, false, null, null, null, null, null),
            R(Q.Columns, 2001, "Qty", 14, "tinyint", (short)1, (byte)3, (byte)0, false, false, null, null, null, "((1))", null),
            R(Q.Columns, 2001, "Code", 15, "varchar", (short)10, (byte)0, (byte)0, true, false, null, null, null, "(upper(N'x'))", null),
        ]);
        keys.Add(R(Q.KeyConstraints, 2001, "PK_Order", "PK", (byte)1, "OrderId", false));
        keys.Add(R(Q.KeyConstraints, 2001, "UQ_Order_OrderNo", "UQ", (byte)1, "OrderNo", false));
        indexes.Add(R(Q.Indexes, 2001, "IX_Order_Placed", "NONCLUSTERED", false, null, false, (byte)1, "PlacedAt", true, false));
        indexes.Add(R(Q.Indexes, 2001, "IX_Order_Placed", "NONCLUSTERED", false, null, false, (byte)0, "Amount", false, true));
        indexes.Add(R(Q.Indexes, 2001, "IX_Order_Unpaid", "NONCLUSTERED", false, "([IsPaid]=(0))", false, (byte)1, "PlacedAt", false, false));
        indexes.Add(R(Q.Indexes, 2001, "IX_Order_Document", "XML", false, null, false, (byte)0, "Document", false, false));

        rows[Q.Tables.Name] = tables;
        rows[Q.Columns.Name] = columns;
        rows[Q.KeyConstraints.Name] = keys;
        rows[Q.ForeignKeys.Name] = foreignKeys;
        rows[Q.Indexes.Name] = indexes;
        rows[Q.CheckConstraints.Name] = [R(Q.CheckConstraints, 2001, "CK_Order_Qty", "([Qty]>(0))", false)];
        rows[Q.Sequences.Name] = [R(Q.Sequences, "sales", "InvoiceNo", "bigint", 1L, 1L, 1L, 9223372036854775807L, 50L, false, 77L)];
        rows[Q.Views.Name] = [R(Q.Views, "sales", "UnpaidOrders", "CREATE VIEW [sales].[UnpaidOrders] AS\r\nSELECT TOP (100) [OrderId] FROM [sales].[Order] WHERE [IsPaid] = 0")];
        return rows;
    }
}

/// <summary>A SQL Server source replaying recorded catalog rows.</summary>
public sealed class RecordedSqlServerSource(ISqlServerCatalog catalog) : ISourceDatabase
{
    public SourceKind Kind => SourceKind.SqlServer;

    public string DisplayConnection => "recorded Chinook catalog";

    public SourceSchema ReadSchema(IReadOnlyCollection<string>? schemas) => SqlServerCatalogReader.Read(catalog, schemas);

    public void Dispose()
    {
    }
}
