using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using YbMigrate.Linter.Versions;
using YbMigrate.Migration.Export;
using YbMigrate.Migration.Sources.PostgreSql;

namespace YbMigrate.Cli.Commands;

/// <summary><c>dotnet yb-migrate schema export</c>: the source schema as converted, ordered DDL files; <c>schema import</c> is in <see cref="ApplyCommands"/>.</summary>
internal static class SchemaCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var source = new SourceOptions();
        var outDir = new Option<string>("--out") { Description = "Output folder (the files go to OUT/schema/)", Required = true };
        var schemas = new Option<string?>("--schemas") { Description = "Comma-separated schemas to export (default: every user schema)" };
        var target = new Option<string?>("--target-version") { Description = $"YugabyteDB version of the target (default {YbVersion.DefaultTarget})" };
        var targetKind = new Option<string>("--target-kind")
        {
            Description = "postgresql: files that load on PostgreSQL and YugabyteDB alike; yugabytedb: also hash-sharded keys, SPLIT INTO for large tables, colocation",
            DefaultValueFactory = _ => "postgresql",
        };
        targetKind.AcceptOnlyFromAmong("postgresql", "yugabytedb");
        var colocateBelow = new Option<string?>("--colocate-below")
        {
            Description = "yugabytedb only: the target database is colocated; tables smaller than SIZE (e.g. 100MB) stay colocated, larger ones get WITH (COLOCATION = false)",
        };
        var includeOwnership = new Option<bool>("--include-ownership")
        {
            Description = "Write ALTER ... OWNER TO after each object (the report lists the roles the target must have)",
        };
        var maxTablets = new Option<int?>("--max-tablets") { Description = "yugabytedb only: most tablets a large table is pre-split into (one per GB of source size; default 64)" };

        var export = new Command("export", "Write the source schema as ordered pre-data/post-data SQL files converted for YugabyteDB, with a report.")
        {
            source.Source, source.Type, outDir, schemas, target, targetKind, colocateBelow, maxTablets, includeOwnership,
        };
        export.SetAction(parse => Export(output, error, parse, source,
            parse.GetValue(outDir)!,
            parse.GetValue(schemas),
            parse.GetValue(target),
            new YugabyteDbChoice(parse.GetValue(targetKind) == "yugabytedb", parse.GetValue(colocateBelow), parse.GetValue(maxTablets)),
            parse.GetValue(includeOwnership)));

        return new Command("schema", "Schema migration: export the source schema, import it into the target.")
        {
            export,
            ApplyCommands.CreateImport(output, error),
        };
    }

    private sealed record YugabyteDbChoice(bool Target, string? ColocateBelow, int? MaxTablets);

    private static int Export(TextWriter output, TextWriter error, ParseResult parse, SourceOptions source, string outDir, string? schemas, string? target,
        YugabyteDbChoice yugabyteDb, bool includeOwnership)
    {
        if (!yugabyteDb.Target && (yugabyteDb.ColocateBelow is not null || yugabyteDb.MaxTablets is not null))
        {
            error.WriteLine("error: --colocate-below and --max-tablets write YugabyteDB-only DDL: give --target-kind yugabytedb.");
            return CliApp.UsageOrIoError;
        }

        if (yugabyteDb.MaxTablets is < 1)
        {
            error.WriteLine("error: --max-tablets must be 1 or more.");
            return CliApp.UsageOrIoError;
        }

        var options = new SchemaExportOptions
        {
            OutputDirectory = outDir,
            Schemas = (schemas ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            TargetIsYugabyteDb = yugabyteDb.Target,
            IncludeOwnership = includeOwnership,
        };
        if (yugabyteDb.MaxTablets is { } max)
        {
            options.MaxTablets = max;
        }

        try
        {
            if (target is not null)
            {
                options.TargetVersion = YbVersion.Parse(target);
            }

            if (yugabyteDb.ColocateBelow is not null)
            {
                options.ColocateBelowBytes = YugabyteDbDdl.ParseSize(yugabyteDb.ColocateBelow);
            }
        }
        catch (FormatException ex)
        {
            error.WriteLine("error: " + ex.Message);
            return CliApp.UsageOrIoError;
        }

        return source.Run(parse, error, (database, display) =>
        {
            SchemaExportResult result;
            try
            {
                result = SchemaExporter.Export(database, options);
            }
            catch (SourceSchemaException ex)
            {
                error.WriteLine("error: " + ex.Message);
                return CliApp.UsageOrIoError;
            }

            output.WriteLine($"exported {result.Files.Sum(f => f.Objects)} object(s) from {display} into {result.Files.Count} file(s) under {result.SchemaDirectory}");
            output.WriteLine($"{result.Changes.Count} change(s) made for YugabyteDB {result.TargetVersion}, {result.Findings.Count} finding(s) to review, {result.Skipped.Count} object(s) not exported: see {Path.Combine(result.SchemaDirectory, "report.txt")}");
            output.WriteLine(result.TargetIsYugabyteDb
                ? $"YugabyteDB-only DDL written ({result.Distribution.Count} decision(s) in the report): the files load on YugabyteDB only"
                : "no YugabyteDB-only DDL written: the files load on PostgreSQL and YugabyteDB");
            if (result.IncludesOwnership)
            {
                output.WriteLine($"ownership written: the target needs the role(s) {string.Join(", ", result.OwnerRoles)}");
            }

            return CliApp.Success;
        });
    }
}
