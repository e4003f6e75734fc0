using System.Numerics;
using System.Text.RegularExpressions;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Core.Registry;

/// <summary>A SemVer 2.0 version, always written with the <c>v</c> prefix GTO requires (<c>v1.2.3-rc.1+build</c>).</summary>
public sealed partial record SemVer(BigInteger Major, BigInteger Minor, BigInteger Patch, string? Prerelease, string? Build)
    : IComparable<SemVer>
{
    // semver.org's regex, with the 'v' GTO puts in front.
    [GeneratedRegex(@"^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static SemVer Initial { get; } = new(0, 0, 1, null, null);

    public static bool TryParse(string? text, out SemVer version)
    {
        version = Initial;
        if (text is null || text.Length > 128)
        {
            return false;
        }

        var m = Pattern().Match(text);
        if (!m.Success)
        {
            return false;
        }

        version = new SemVer(
            BigInteger.Parse(m.Groups[1].Value),
            BigInteger.Parse(m.Groups[2].Value),
            BigInteger.Parse(m.Groups[3].Value),
            m.Groups[4].Success ? m.Groups[4].Value : null,
            m.Groups[5].Success ? m.Groups[5].Value : null);
        return true;
    }

    public static SemVer Parse(string? text) => TryParse(text, out var v)
        ? v
        : throw new PipelineException(PipeCodes.InvalidVersion, $"invalid version '{RegistryNames.Display(text)}': expected SemVer with a 'v' prefix, e.g. v1.2.3");

    public SemVer Bump(BumpPart part) => part switch
    {
        BumpPart.Major => new SemVer(Major + 1, 0, 0, null, null),
        BumpPart.Minor => new SemVer(Major, Minor + 1, 0, null, null),
        // A pre-release bumps to its own release (v1.2.0-rc.1 → v1.2.0), as SemVer precedence expects.
        _ => Prerelease is not null ? new SemVer(Major, Minor, Patch, null, null) : new SemVer(Major, Minor, Patch + 1, null, null),
    };

    public static BumpPart ParseBump(string text) => text switch
    {
        "major" => BumpPart.Major,
        "minor" => BumpPart.Minor,
        "patch" => BumpPart.Patch,
        _ => throw new PipelineException(PipeCodes.UsageError, $"--bump takes major, minor or patch, not '{RegistryNames.Display(text)}'"),
    };

    /// <summary>SemVer precedence: build metadata ignored; a pre-release sorts before its release.</summary>
    public int CompareTo(SemVer? other)
    {
        if (other is null)
        {
            return 1;
        }

        var c = Major.CompareTo(other.Major);
        if (c == 0)
        {
            c = Minor.CompareTo(other.Minor);
        }

        if (c == 0)
        {
            c = Patch.CompareTo(other.Patch);
        }

        if (c != 0)
        {
            return c;
        }

        if (Prerelease is null)
        {
            return other.Prerelease is null ? 0 : 1;
        }

        if (other.Prerelease is null)
        {
            return -1;
        }

        var a = Prerelease.Split('.');
        var b = other.Prerelease.Split('.');
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var an = BigInteger.TryParse(a[i], out var ai) && a[i].All(char.IsAsciiDigit);
            var bn = BigInteger.TryParse(b[i], out var bi) && b[i].All(char.IsAsciiDigit);
            c = (an, bn) switch
            {
                (true, true) => ai.CompareTo(bi),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(a[i], b[i]),
            };
            if (c != 0)
            {
                return Math.Sign(c);
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    public override string ToString() =>
        $"v{Major}.{Minor}.{Patch}{(Prerelease is null ? "" : "-" + Prerelease)}{(Build is null ? "" : "+" + Build)}";
}

public enum BumpPart
{
    Major,
    Minor,
    Patch,
}
