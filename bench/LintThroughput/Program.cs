using System;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Scripts;

namespace YbMigrate.Bench;

/// <summary>
/// Lint throughput against the raw libpg_query parse rate, measured in the same process on the
/// same statements. Usage: YbMigrate.Bench [statements] [rounds], or YbMigrate.Bench --write STATEMENTS FILE to
/// write the generated script to FILE. The raw side is one thread; the
/// lint is the engine as the CLI runs it (statements parsed and walked by the rules on one worker
/// per core, catalog and whole-schema checks on the calling thread), so the processor time per
/// statement is printed too.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length == 3 && args[0] == "--write")
        {
            // The same script as a file, to time the tool itself on it (`dotnet yb-migrate lint FILE`).
            System.IO.File.WriteAllText(args[2], SchemaGenerator.Generate(int.Parse(args[1])).Script);
            return 0;
        }

        var statements = args.Length > 0 ? int.Parse(args[0]) : 100_000;
        var rounds = args.Length > 1 ? int.Parse(args[1]) : 3;
        var (script, count) = SchemaGenerator.Generate(statements);
        var pieces = PsqlScriptSplitter.Split(script)
            .Where(s => s.Kind == SegmentKind.Statement)
            .Select(s => script.Substring(s.Span.Start, s.Span.Length))
            .ToArray();
        Console.WriteLine($"generated script: {count} statements, {script.Length / 1024.0 / 1024.0:F1} MB");

        RawParse(pieces); // warm up both paths (JIT, native library load)
        Lint(script);
        double bestRaw = 0, bestLint = 0;
        long peakHeap = 0;
        var findings = 0;
        for (var round = 1; round <= rounds; round++)
        {
            var cpu = CpuSeconds();
            var raw = pieces.Length / RawParse(pieces);
            var rawCpu = pieces.Length / (CpuSeconds() - cpu);
            cpu = CpuSeconds();
            var (seconds, result, heap) = Lint(script);
            var lintCpu = result.StatementCount / (CpuSeconds() - cpu);
            var lint = result.StatementCount / seconds;
            findings = result.Findings.Count;
            peakHeap = Math.Max(peakHeap, heap);
            bestRaw = Math.Max(bestRaw, raw);
            bestLint = Math.Max(bestLint, lint);
            Console.WriteLine($"round {round}: raw parse {raw,10:N0} statements/s   lint {lint,10:N0} statements/s   ratio {lint / raw:F2}   (per CPU second: raw {rawCpu:N0}, lint {lintCpu:N0})");
        }

        Console.WriteLine($"raw parse with protobuf output instead of JSON: {pieces.Length / RawParse(pieces, protobuf: true):N0} statements/s");
        Console.WriteLine($"best: raw parse {bestRaw:N0} statements/s, lint {bestLint:N0} statements/s, ratio {bestLint / bestRaw:F2} (goal >= 0.50)");
        Console.WriteLine($"findings: {findings}; managed heap after lint (before the result is dropped): {peakHeap / 1024.0 / 1024.0:F1} MB; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0:F1} MB");
        MeasureRetained("memory", script, (script.Length + pieces.Sum(p => (long)p.Length)) * 2);
        var workload = SchemaGenerator.GenerateWorkload(statements).Script;
        MeasureRetained("memory, workload on 100 tables", workload, workload.Length * 2L);
        return 0;
    }

    // What the linter keeps, apart from the benchmark's own input: an untimed lint with full collections between its phases.
    // The catalog and the findings are the output the issue asks for; the rest of what the run holds at its last
    // statement (deferred checks waiting for the catalog, per-statement state) is what should not grow with the input.
    // The workload (inserts, queries and updates over a fixed schema) adds nothing to the catalog: all it holds should stay flat.
    private static void MeasureRetained(string label, string script, long input)
    {
        var before = Heap();
        var phases = LintInPhases(script, before);
        var findings = Heap() - before; // the run is unreachable once LintInPhases has returned
        var statements = phases.Result.StatementCount;
        var catalog = phases.WithRun - findings;
        var perFinding = findings / Math.Max(phases.Result.Findings.Count, 1);
        var findingsSoFar = phases.FindingsSoFar * perFinding;
        var rest = phases.LastStatement - catalog - findingsSoFar;
        Console.WriteLine($"{label}: input {MB(input)} (the benchmark's own strings: the script, and for the timed script a copy of each statement), not counted below");
        Console.WriteLine($"{label}: after the checks, the catalog and the run's state hold {MB(catalog)} ({phases.CatalogEntries}: {catalog / Math.Max(phases.EntryCount, 1)} bytes/entry)");
        Console.WriteLine($"{label}: the result holds {MB(findings)} for {phases.Result.Findings.Count} findings ({perFinding} bytes/finding)");
        Console.WriteLine($"{label}: the run at its last statement holds {MB(phases.LastStatement)} ({phases.LastStatement / statements} bytes/statement): catalog {catalog / statements}, "
            + $"{phases.FindingsSoFar} findings so far about {findingsSoFar / statements}, beyond catalog and findings {rest / statements} bytes/statement "
            + $"({MB(rest)}: {phases.DeferredChecks} deferred checks waiting for the catalog, {rest / Math.Max(phases.DeferredChecks, 1)} bytes each with their statements)");
        GC.KeepAlive(phases.Result);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (LintResult Result, long LastStatement, int FindingsSoFar, int DeferredChecks, long WithRun, string CatalogEntries, int EntryCount) LintInPhases(string script, long before)
    {
        var run = new LintRun(new LintOptions(), RuleCatalog.All);
        run.Lint(new SqlSource("generated.sql", script));
        var lastStatement = Heap() - before;
        var (findingsSoFar, deferred) = (run.FindingCount, run.DeferredCheckCount);
        var result = run.Finish();
        var withRun = Heap() - before;
        var tables = run.Catalog.Tables.ToList();
        var (columns, indexes) = (tables.Sum(t => t.Columns.Count), tables.Sum(t => t.Indexes.Count + t.ForeignKeys.Count));
        return (result, lastStatement, findingsSoFar, deferred, withRun, $"{tables.Count} tables, {columns} columns, {indexes} indexes and foreign keys", tables.Count + columns + indexes);
    }

    private static long Heap() => GC.GetTotalMemory(forceFullCollection: true);

    private static string MB(long bytes) => $"{bytes / 1024.0 / 1024.0:F1} MB";

    // Processor time of all the process's threads (the lint runs on one worker per core too).
    private static double CpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    // The raw rate: pg_query_parse on each statement and the result freed; no tree is read.
    private static double RawParse(string[] pieces, bool protobuf = false)
    {
        var watch = Stopwatch.StartNew();
        foreach (var piece in pieces)
        {
            _ = protobuf ? YbMigrate.PgQuery.PgQuery.ParseProtobufOnly(piece) : YbMigrate.PgQuery.PgQuery.ParseOnly(piece);
        }

        return watch.Elapsed.TotalSeconds;
    }

    private static (double Seconds, LintResult Result, long Heap) Lint(string script)
    {
        GC.Collect();
        var (gen0, gen1, gen2, allocated, pause) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration());
        var watch = Stopwatch.StartNew();
        var rules = Environment.GetEnvironmentVariable("BENCH_RULES") is { } only
            ? RuleCatalog.All.Where(r => only.Split(',').Contains(r.Descriptor.Id)).ToList()
            : RuleCatalog.All;
        var result = new LintEngine(null, rules).Lint(script, "generated.sql");
        var seconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine($"  lint allocated {(GC.GetTotalAllocatedBytes() - allocated) / 1024.0 / 1024.0:F0} MB; collections gen0 {GC.CollectionCount(0) - gen0}, gen1 {GC.CollectionCount(1) - gen1}, gen2 {GC.CollectionCount(2) - gen2}; GC pauses during the lint {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds:F0} ms");
        return (seconds, result, GC.GetTotalMemory(forceFullCollection: true));
    }
}
