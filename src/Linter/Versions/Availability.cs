using System;
using System.Collections.Generic;
using System.Linq;

namespace YbMigrate.Linter.Versions;

/// <summary>How a construct stands in one target version.</summary>
public enum SupportLevel
{
    /// <summary>Not supported: report it.</summary>
    Unsupported,

    /// <summary>Usable only behind a server flag: report it with the flag.</summary>
    Preview,

    /// <summary>Generally available: do not report it.</summary>
    Supported,
}

/// <summary>A version where a construct is preview-only, and the server flag that enables it.</summary>
public sealed class PreviewRelease
{
    /// <summary>Creates a preview entry.</summary>
    public PreviewRelease(YbVersion version, string flag)
    {
        Version = version;
        Flag = flag;
    }

    /// <summary>First version with the preview.</summary>
    public YbVersion Version { get; }

    /// <summary>The server flag (gflag) that turns the feature on.</summary>
    public string Flag { get; }
}

/// <summary>
/// The YugabyteDB versions where a construct became generally available or preview-only.
/// A fix listed for a release line counts from that patch on within the line; a later line with
/// no entry of its own inherits every earlier fix of its series (fixes land in newer lines first).
/// </summary>
public sealed class Availability
{
    private Availability(IReadOnlyList<YbVersion> fixedIn, IReadOnlyList<PreviewRelease> previewIn)
    {
        FixedIn = fixedIn;
        PreviewIn = previewIn;
    }

    /// <summary>Unsupported in every version so far.</summary>
    public static Availability Never { get; } = new(Array.Empty<YbVersion>(), Array.Empty<PreviewRelease>());

    /// <summary>Versions (one per series or line) from which the construct is supported.</summary>
    public IReadOnlyList<YbVersion> FixedIn { get; }

    /// <summary>Versions where the construct is available behind a flag.</summary>
    public IReadOnlyList<PreviewRelease> PreviewIn { get; }

    /// <summary>Supported from these versions on, e.g. <c>FixedIn("2.25", "2025.1")</c>.</summary>
    public static Availability Fixed(params string[] versions) =>
        new(versions.Select(YbVersion.Parse).OrderBy(v => v).ToArray(), Array.Empty<PreviewRelease>());

    /// <summary>Adds a preview release behind <paramref name="flag"/>.</summary>
    public Availability WithPreview(string version, string flag) =>
        new(FixedIn, PreviewIn.Concat(new[] { new PreviewRelease(YbVersion.Parse(version), flag) }).OrderBy(p => p.Version).ToArray());

    /// <summary>The construct's standing in <paramref name="target"/>.</summary>
    public SupportLevel In(YbVersion target)
    {
        if (Covers(FixedIn, target))
        {
            return SupportLevel.Supported;
        }

        return PreviewFor(target) is null ? SupportLevel.Unsupported : SupportLevel.Preview;
    }

    /// <summary>The preview entry that applies to <paramref name="target"/>, if any.</summary>
    public PreviewRelease? PreviewFor(YbVersion target)
    {
        var covering = PreviewIn.Where(p => Covers(new[] { p.Version }, target)).ToList();
        return covering.Count == 0 ? null : covering[covering.Count - 1];
    }

    /// <summary>A short text such as "fixed in 2.25, 2025.1; preview in 2.25.1 (flag x)", or "not supported in any version".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (FixedIn.Count > 0)
        {
            parts.Add("supported from " + string.Join(", ", FixedIn));
        }

        parts.AddRange(PreviewIn.Select(p => $"preview in {p.Version} (flag {p.Flag})"));
        return parts.Count == 0 ? "not supported in any version so far" : string.Join("; ", parts);
    }

    private static bool Covers(IReadOnlyList<YbVersion> releases, YbVersion target)
    {
        var series = releases.Where(v => v.SameSeries(target)).ToList();
        var sameLine = series.Where(v => v.SameLine(target)).ToList();
        return sameLine.Count > 0 ? sameLine.Any(v => v <= target) : series.Any(v => v <= target);
    }
}
