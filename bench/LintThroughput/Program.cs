using System;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Scripts;

namespace YbMigrate.Bench;

/// <summary>
/// Lint throughput against the raw libpg_query parse rate, measured in the same process on the
/// same statements. Usage: YbMigrate.Bench [statements] [rounds], or YbMigrate.Bench --write STATEMENTS FILE to
/// write the generated script to FILE. The raw side is one thread (and, to show whether the cores run
/// at the same speed, one thread per core at once and one thread held on each core); the
/// lint is the engine as the CLI runs it (statements parsed and walked by the rules on one worker
/// per core, catalog and whole-schema checks on the calling thread), so the processor time per
/// statement is printed too.
/// </summary>
internal static class Program
{
    private const int MaxWarmUpLints = 8;
    private const double SettledWithin = 0.05;

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

        RawParse(pieces); // warm up the raw path (JIT, native library load)
        WarmUp(script);
        double bestRaw = 0, bestRawPerCore = 0, bestLint = 0;
        long peakHeap = 0;
        var findings = 0;
        for (var round = 1; round <= rounds; round++)
        {
            var cpu = CpuSeconds();
            var raw = pieces.Length / RawParse(pieces);
            var rawCpu = pieces.Length / (CpuSeconds() - cpu);
            var rawPerCore = RawParseOnEveryCore(pieces) / Environment.ProcessorCount;
            var rawByCore = string.Join(", ", Enumerable.Range(0, Math.Min(Environment.ProcessorCount, 8)).Select(core => $"core {core} {RawParseOnCore(pieces, core):N0}/s"));
            cpu = CpuSeconds();
            var (seconds, result, heap) = Lint(script);
            var lintCpu = result.StatementCount / (CpuSeconds() - cpu);
            var lint = result.StatementCount / seconds;
            findings = result.Findings.Count;
            peakHeap = Math.Max(peakHeap, heap);
            bestRaw = Math.Max(bestRaw, raw);
            bestRawPerCore = Math.Max(bestRawPerCore, rawPerCore);
            bestLint = Math.Max(bestLint, lint);
            Console.WriteLine($"round {round}: raw parse {raw,10:N0} statements/s   lint {lint,10:N0} statements/s   ratio {lint / raw:F2}   (per CPU second: raw {rawCpu:N0}, lint {lintCpu:N0})");
            Console.WriteLine($"         raw on all {Environment.ProcessorCount} cores at once {rawPerCore:N0}/s per core, ratio {lint / rawPerCore:F2}; raw alone on each core: {rawByCore}");
        }

        Console.WriteLine($"raw parse with protobuf output instead of JSON: {pieces.Length / RawParse(pieces, protobuf: true):N0} statements/s");
        Console.WriteLine($"best: raw parse {bestRaw:N0} statements/s, lint {bestLint:N0} statements/s, ratio {bestLint / bestRaw:F2} (goal >= 0.50)");
        Console.WriteLine($"best against the raw rate per core with every core parsing at once (the cores the lint runs on): {bestRawPerCore:N0} statements/s, ratio {bestLint / bestRawPerCore:F2}");
        Console.WriteLine($"findings: {findings}; managed heap after lint (before the result is dropped): {peakHeap / 1024.0 / 1024.0:F1} MB; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0:F1} MB");
        MeasureRetained("memory", script, (script.Length + pieces.Sum(p => (long)p.Length)) * 2);
        var workload = SchemaGenerator.GenerateWorkload(statements).Script;
        MeasureRetained("memory, workload on 100 tables", workload, workload.Length * 2L);
        return 0;
    }

    // Lints until the rate settles (from the third lint on, within 5% of the one before), since the rounds measure the
    // steady state: the tool's runtime settings recompile a method only after 5000 calls (src/Cli/RuntimeSettings.props),
    // which the linter's methods reach over the first few lints of this size. The first lint's rate is what a one-off
    // lint in a new process gets.
    private static void WarmUp(string script)
    {
        double previous = 0;
        for (var lint = 1; lint <= MaxWarmUpLints; lint++)
        {
            var cpu = CpuSeconds();
            var (_, result, _) = Lint(script);
            var rate = result.StatementCount / (CpuSeconds() - cpu);
            Console.WriteLine($"warm-up lint {lint}: {rate:N0} statements per CPU second");
            if (lint >= 3 && Math.Abs(rate - previous) <= previous * SettledWithin)
            {
                return;
            }

            previous = rate;
        }
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

    // The raw rate with one thread per core taking statements from a shared counter, as the lint's workers share
    // the script: on a machine whose cores run at different speeds (a virtual machine's second core slowed by its
    // host) the single-thread rate is that of whichever core the thread ran on, while the lint runs on all of them.
    private static double RawParseOnEveryCore(string[] pieces)
    {
        var next = -1;
        var watch = Stopwatch.StartNew();
        var threads = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => new Thread(() =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < pieces.Length)
            {
                YbMigrate.PgQuery.PgQuery.ParseOnly(pieces[i]);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return pieces.Length / watch.Elapsed.TotalSeconds;
    }

    // The raw rate of one thread held on one core (Linux only: elsewhere the thread may move), to show how far apart the cores are.
    private static double RawParseOnCore(string[] pieces, int core)
    {
        double seconds = 0;
        var thread = new Thread(() =>
        {
            var mask = 1UL << core;
            if (!OperatingSystem.IsLinux() || SchedSetAffinity(0, (IntPtr)sizeof(ulong), ref mask) != 0)
            {
                seconds = double.NaN;
                return;
            }

            seconds = RawParse(pieces);
        });
        thread.Start();
        thread.Join();
        return pieces.Length / seconds;
    }

    [DllImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static extern int SchedSetAffinity(int threadId, IntPtr maskSize, ref ulong mask);

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
