using System.Collections.Generic;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;

namespace YbMigrate.Linter.Rules;

/// <summary>YB2002: a column, composite attribute or domain of a multirange type.</summary>
public sealed class MultirangeColumnTypeRule : SqlRule
{
    private static readonly HashSet<string> MultirangeTypes = new()
    {
        "int4multirange", "int8multirange", "nummultirange", "datemultirange", "tsmultirange", "tstzmultirange",
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB2002",
        "Multirange column type",
        Severity.Error,
        RuleCategory.UnsupportedDatatype,
        Availability.Fixed("2.25", "2025.1"),
        "The {0} has the multirange type {1}, which this YugabyteDB version does not support: store the ranges in an array of the range type, or move to YugabyteDB 2.25 / 2025.1 or later",
        new RuleDocs(
            "Columns (CREATE TABLE, ALTER TABLE .. ADD COLUMN, ALTER COLUMN .. TYPE), composite type attributes and domains of type int4multirange, int8multirange, nummultirange, datemultirange, tsmultirange or tstzmultirange (arrays included).",
            "Multirange types arrived with PostgreSQL 14. YugabyteDB versions based on PostgreSQL 11 (2.20, 2024.1, 2024.2) do not have them; 2.25 and 2025.1 do.",
            "Target YugabyteDB 2.25 / 2025.1 or later, or store the ranges as an array of the matching range type (e.g. `int4range[]` for int4multirange) and merge overlapping ranges in the application.",
            "CREATE TABLE rooms (id int PRIMARY KEY, booked tstzmultirange);",
            "CREATE TABLE rooms (id int PRIMARY KEY, booked tstzrange[]);"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterNodeAction(Analyze, DeclaredColumnTypes.NodeKinds);

    private static void Analyze(NodeContext context)
    {
        if (DeclaredColumnTypes.TryRead(context, out var declared)
            && declared.Type.Schema is null or "pg_catalog"
            && MultirangeTypes.Contains(declared.Type.Name))
        {
            context.Report(declared.Span, declared.Owner, declared.Type.ToString());
        }
    }
}
