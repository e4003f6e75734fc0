using Pipeline.Core.Diagnostics;

namespace Pipeline.Core.Artifacts;

/// <summary>A sha256 given on the command line: 64 hexadecimal digits, stored lower case (as sha256sum prints it).</summary>
public static class ArtifactSha256
{
    public static bool IsValid(string value) => value.Length == 64 && value.All(char.IsAsciiHexDigitLower);

    public static string Parse(string value, string option)
    {
        var v = value.Trim();
        if (v.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase))
        {
            v = v[7..];
        }

        v = v.ToLowerInvariant();
        if (!IsValid(v))
        {
            throw new PipelineException(PipeCodes.ArtifactDigestInvalid, $"{option} '{value}' is not a sha256 (64 hexadecimal digits)");
        }

        return v;
    }
}
