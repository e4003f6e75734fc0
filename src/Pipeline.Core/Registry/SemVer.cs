using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Core.Registry;

/// <summary>A SemVer 2.0 version, always written with the <c>v</c> prefix GTO requires (<c>v1.2.3-rc.1+build</c>).</summary>
public sealed partial record SemVer(BigInteger Major, BigInteger Minor, BigInteger Patch, string? Prerelease, string? Build)
    : IComparable<SemVer>
{
    // semver.org's regex, with the 'v' GTO puts in front.
    [GeneratedRegex(@"^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|" +
        @"\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static SemVer Initial { get; } = new(0, 0, 1, null, null);

    public static bool TryParse(string? text, out SemVer version)
    {
        version = Initial;
        if (text is null || text.Length > 128)
        {
            return false;
        }

        if (TryParsePlain(text, out version))
        {
            return true;
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

    /// <summary>
    /// The form nearly every tag and record name has, vMAJOR.MINOR.PATCH in ASCII digits without leading zeros, read
    /// without the regex (list parses 100,000 of them). Anything else, valid or not, is left to the regex: false here
    /// only means "not this form".
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryParsePlain(string text, out SemVer version)
    {
        version = Initial;
        if (text.Length < 6 || text[0] != 'v')
        {
            return false;
        }

        Span<long> parts = stackalloc long[3];
        var i = 1;
        for (var p = 0; p < 3; p++)
        {
            var start = i;
            long n = 0;
            // At most 18 digits fit a long; a longer number stops here and goes to the regex and BigInteger.
            while (i < text.Length && i - start < 18 && char.IsAsciiDigit(text[i]))
            {
                n = (n * 10) + (text[i] - '0');
                i++;
            }

            if (i == start || (i - start > 1 && text[start] == '0'))
            {
                return false;
            }

            if (p < 2)
            {
                if (i >= text.Length || text[i] != '.')
                {
                    return false;
                }

                i++;
            }

            parts[p] = n;
        }

        if (i != text.Length)
        {
            return false;
        }

        version = new SemVer(parts[0], parts[1], parts[2], null, null);
        return true;
    }

    public static SemVer Parse(string? text) => TryParse(text, out var v)
        ? v
        : throw new PipelineException(
            PipeCodes.InvalidVersion,
            $"invalid version '{RegistryNames.Display(text)}': expected SemVer with a 'v' prefix, e.g. v1.2.3");

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
