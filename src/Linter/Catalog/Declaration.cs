using YbMigrate.Linter.Engine;

namespace YbMigrate.Linter.Catalog;

/// <summary>
/// Where the catalog's index, key or foreign key was declared, for the whole-schema checks that
/// report on it: the statement (kept without its text or tokens, shared by everything it
/// declares), the table as the statement names it, and the parse location that locates the entry
/// in the statement when a check reports. A few words per entry, in place of a deferred check.
/// </summary>
internal readonly struct Declaration
{
    public Declaration(StatementContext statement, QualifiedName table, int location, int columnLocation, bool byAlterTable, int sequence)
    {
        Statement = statement;
        Table = table;
        Location = location;
        ColumnLocation = columnLocation;
        ByAlterTable = byAlterTable;
        Sequence = sequence;
    }

    /// <summary>The top-level statement that declared it (its suppressions apply to what is reported on it).</summary>
    public StatementContext Statement { get; }

    /// <summary>The table as the statement names it (looked up again once the catalog is complete).</summary>
    public QualifiedName Table { get; }

    /// <summary>Parse location of the constraint, or of the index's table name.</summary>
    public int Location { get; }

    /// <summary>For a constraint written on its column, the column's parse location; -1 otherwise.</summary>
    public int ColumnLocation { get; }

    /// <summary>True for a constraint written on its column.</summary>
    public bool IsColumnConstraint => ColumnLocation >= 0;

    /// <summary>What locates a constraint's key columns: its column's location for a column constraint, else its own.</summary>
    public int KeyLocation => IsColumnConstraint ? ColumnLocation : Location;

    /// <summary>True when an ALTER TABLE declared it (ADD CONSTRAINT, or ADD COLUMN for a column constraint).</summary>
    public bool ByAlterTable { get; }

    /// <summary>The order in which the run declared it, across statements and files.</summary>
    public int Sequence { get; }
}

/// <summary>One index, key constraint or foreign key of the catalog with where it was declared, as the catalog actions walk them.</summary>
internal readonly struct DeclaredEntry
{
    public DeclaredEntry(Declaration declared, IndexInfo? index, ForeignKeyInfo? foreignKey)
    {
        Declared = declared;
        Index = index;
        ForeignKey = foreignKey;
    }

    public Declaration Declared { get; }

    /// <summary>The index or key constraint; null for a foreign key.</summary>
    public IndexInfo? Index { get; }

    /// <summary>The foreign key; null for an index or key constraint.</summary>
    public ForeignKeyInfo? ForeignKey { get; }

    public void Deconstruct(out Declaration declared, out IndexInfo? index, out ForeignKeyInfo? foreignKey) =>
        (declared, index, foreignKey) = (Declared, Index, ForeignKey);
}

/// <summary>
/// The entries one statement declared, consecutive in <see cref="SchemaCatalog.Declarations"/>: what
/// a catalog action walks in one call (enumerated in place, without an enumerator object).
/// </summary>
internal readonly struct DeclaredEntries
{
    private readonly DeclaredEntry[] _all;
    private readonly int _start;
    private readonly int _end;

    public DeclaredEntries(DeclaredEntry[] all, int start, int end)
    {
        _all = all;
        _start = start;
        _end = end;
    }

    /// <summary>The statement that declared them.</summary>
    public StatementContext Statement => _all[_start].Declared.Statement;

    public Enumerator GetEnumerator() => new(_all, _start, _end);

    /// <summary>Walks the entries in declaration order.</summary>
    public struct Enumerator
    {
        private readonly DeclaredEntry[] _all;
        private readonly int _end;
        private int _index;

        public Enumerator(DeclaredEntry[] all, int start, int end)
        {
            _all = all;
            _end = end;
            _index = start - 1;
        }

        public DeclaredEntry Current => _all[_index];

        public bool MoveNext() => ++_index < _end;
    }
}
