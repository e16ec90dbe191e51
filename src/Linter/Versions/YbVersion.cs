using System;
using System.Globalization;
using System.Linq;

namespace YbMigrate.Linter.Versions;

/// <summary>
/// A YugabyteDB version. Two series are in use: the preview line (2.20, 2.23, 2.25, ...) and the
/// stable line named by year (2024.1, 2024.2, 2025.1, ...). A release line is the first two
/// components (2.25, 2025.2); patches add up to two more (2025.2.3.0).
/// </summary>
public sealed class YbVersion : IComparable<YbVersion>, IEquatable<YbVersion>
{
    private readonly int[] _parts;

    private YbVersion(int[] parts) => _parts = parts;

    /// <summary>The linter's default target: the newest stable release.</summary>
    public static YbVersion DefaultTarget { get; } = Parse("2025.2.3.0");

    /// <summary>True for the year-named stable series, false for the 2.x preview series.</summary>
    public bool IsStableSeries => _parts[0] >= 2000;

    /// <summary>The release line: the first two components (2.25, 2025.2).</summary>
    public string Line => $"{_parts[0]}.{_parts[1]}";

    /// <summary>Parses "2.20", "2.25.1", "2024.1", "2024.2.4.0", with an optional build suffix ("2.20.1.0-b97").</summary>
    public static YbVersion Parse(string text) =>
        TryParse(text, out var version) ? version! : throw new FormatException(
            $"'{text}' is not a YugabyteDB version: use the form 2.20, 2.25.1, 2024.1 or 2025.2.3.0.");

    /// <summary>Parses a version; false when <paramref name="text"/> is not one.</summary>
    public static bool TryParse(string? text, out YbVersion? version)
    {
        version = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var core = text!.Trim();
        var dash = core.IndexOf('-');
        if (dash > 0)
        {
            core = core.Substring(0, dash);
        }

        var pieces = core.Split('.');
        if (pieces.Length < 2 || pieces.Length > 4)
        {
            return false;
        }

        var parts = new int[4];
        for (var i = 0; i < pieces.Length; i++)
        {
            if (!int.TryParse(pieces[i], NumberStyles.None, CultureInfo.InvariantCulture, out parts[i]))
            {
                return false;
            }
        }

        if (parts[0] != 2 && (parts[0] < 2000 || parts[0] > 2999))
        {
            return false;
        }

        version = new YbVersion(parts);
        return true;
    }

    /// <summary>True when both versions belong to the same series (preview or stable).</summary>
    public bool SameSeries(YbVersion other) => IsStableSeries == other.IsStableSeries;

    /// <summary>True when both versions belong to the same release line.</summary>
    public bool SameLine(YbVersion other) => _parts[0] == other._parts[0] && _parts[1] == other._parts[1];

    /// <inheritdoc />
    public int CompareTo(YbVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        for (var i = 0; i < _parts.Length; i++)
        {
            var c = _parts[i].CompareTo(other._parts[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    /// <inheritdoc />
    public bool Equals(YbVersion? other) => other is not null && CompareTo(other) == 0;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as YbVersion);

    /// <inheritdoc />
    public override int GetHashCode() => _parts.Aggregate(17, (hash, part) => (hash * 31) + part);

    /// <summary>The version without trailing zero components beyond the release line ("2025.2.3").</summary>
    public override string ToString()
    {
        var count = 4;
        while (count > 2 && _parts[count - 1] == 0)
        {
            count--;
        }

        return string.Join(".", _parts.Take(count));
    }

    /// <summary>Less-than.</summary>
    public static bool operator <(YbVersion left, YbVersion right) => left.CompareTo(right) < 0;

    /// <summary>Greater-than.</summary>
    public static bool operator >(YbVersion left, YbVersion right) => left.CompareTo(right) > 0;

    /// <summary>Less-or-equal.</summary>
    public static bool operator <=(YbVersion left, YbVersion right) => left.CompareTo(right) <= 0;

    /// <summary>Greater-or-equal.</summary>
    public static bool operator >=(YbVersion left, YbVersion right) => left.CompareTo(right) >= 0;
}
