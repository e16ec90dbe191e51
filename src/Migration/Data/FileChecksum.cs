using System;
using System.IO.Hashing;
using System.Security.Cryptography;

namespace YbMigrate.Migration.Data;

/// <summary>
/// A data file's checksum, as the manifest writes it: "algorithm:hex", lower case. Exports write
/// XXH128 ("xxh128:" and the 128-bit hash in its canonical big-endian form, as xxh128sum prints
/// it): a fraction of SHA-256's CPU, and enough to notice a file changed or damaged since the export
/// (it is no defence against a file forged on purpose); computed by libxxhash where the machine has it
/// (<see cref="LibXxHash128"/>). Manifests of format 1 held a SHA-256 as bare
/// hex; those still import, checked with SHA-256.
/// </summary>
public sealed class FileChecksum : IDisposable
{
    /// <summary>What exports write: XXH128.</summary>
    public const string XxHash128 = "xxh128";

    /// <summary>What manifests of format 1 held: SHA-256.</summary>
    public const string Sha256 = "sha256";

    private readonly NonCryptographicHashAlgorithm? _xxHash;
    private readonly IncrementalHash? _sha256;

    private FileChecksum(string algorithm)
    {
        Algorithm = algorithm;
        if (algorithm == XxHash128)
        {
            _xxHash = (NonCryptographicHashAlgorithm?)LibXxHash128.TryCreate() ?? new XxHash128();
        }
        else
        {
            _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        }
    }

    /// <summary>The algorithm's name, as the checksum text starts.</summary>
    public string Algorithm { get; }

    /// <summary>A checksum of what exports write (XXH128).</summary>
    public static FileChecksum Create() => new(XxHash128);

    /// <summary>A checksum computed the way <paramref name="written"/> was, to compare with it.</summary>
    /// <exception cref="NotSupportedException">The algorithm is not one this tool computes.</exception>
    public static FileChecksum Like(string written)
    {
        var algorithm = AlgorithmOf(written);
        return IsSupported(algorithm)
            ? new FileChecksum(algorithm)
            : throw new NotSupportedException($"checksum algorithm '{algorithm}' is not one this tool checks ({XxHash128}, {Sha256})");
    }

    /// <summary>Whether this tool computes checksums of <paramref name="algorithm"/>.</summary>
    public static bool IsSupported(string? algorithm) => algorithm is XxHash128 or Sha256;

    /// <summary>The algorithm of a checksum's text: what stands before the colon, SHA-256 for bare hex (format 1).</summary>
    public static string AlgorithmOf(string checksum) => Normalize(checksum).Split(':')[0];

    /// <summary>Whether two checksum texts are the same checksum (bare hex read as SHA-256, case ignored).</summary>
    public static bool Same(string left, string right) => string.Equals(Normalize(left), Normalize(right), StringComparison.OrdinalIgnoreCase);

    // Format 1 (manifests and import ledgers) wrote a SHA-256 without its algorithm.
    private static string Normalize(string checksum) => checksum.Contains(':') ? checksum : Sha256 + ":" + checksum;

    /// <summary>Adds the next bytes of the file.</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (_xxHash is not null)
        {
            _xxHash.Append(bytes);
        }
        else
        {
            _sha256!.AppendData(bytes);
        }
    }

    /// <summary>The checksum of every byte added so far, "algorithm:hex".</summary>
    public string Current() => Algorithm + ":" + Convert.ToHexStringLower(_xxHash?.GetCurrentHash() ?? _sha256!.GetCurrentHash());

    /// <inheritdoc />
    public void Dispose()
    {
        (_xxHash as IDisposable)?.Dispose();
        _sha256?.Dispose();
    }
}
