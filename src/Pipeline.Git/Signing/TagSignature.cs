using System.Text.RegularExpressions;

namespace Pipeline.Git.Signing;

/// <summary>What <c>git verify-tag</c> said about one alias tag, checked against the allowed signers of the protected ref.</summary>
public enum SignatureVerdict
{
    /// <summary>A good SSH signature by a key the allowed-signers file names; <see cref="TagSignature.Principal"/> says who.</summary>
    Trusted,

    /// <summary>The tag carries no signature at all.</summary>
    Unsigned,

    /// <summary>A good signature, but by a key no line of the allowed-signers file names.</summary>
    Untrusted,

    /// <summary>A signature that does not verify (the tag was altered after signing) or that git cannot check.</summary>
    Invalid,
}

/// <summary>One alias tag's signature: the verdict, the principal (from the allowed_signers line that matched) and the key.</summary>
public sealed partial record TagSignature(string Tag, SignatureVerdict Verdict, string? Principal, string? Key, string Detail)
{
    public bool Trusted => Verdict == SignatureVerdict.Trusted;

    /// <summary>The verdict as one word for JSON: trusted, unsigned, untrusted, invalid.</summary>
    public string Name => Verdict.ToString().ToLowerInvariant();

    public string Describe() => Verdict switch
    {
        SignatureVerdict.Trusted => $"signed by {Principal} ({Key})",
        SignatureVerdict.Unsigned => "not signed",
        SignatureVerdict.Untrusted => $"signed by a key no allowed signer has ({Key ?? "key unknown"})",
        _ => $"signed, but the signature does not verify ({Detail})",
    };

    [GeneratedRegex(@"Good ""git"" signature for (?<principal>.+?) with (?<type>\S+) key (?<key>SHA256:\S+)")]
    private static partial Regex GoodFor();

    [GeneratedRegex(@"Good ""git"" signature with (?<type>\S+) key (?<key>SHA256:\S+)")]
    private static partial Regex GoodUnknown();

    /// <summary>
    /// Reads git's verdict (git 2.34+ with an SSH signature; its messages are stable under LC_ALL=C): exit 0 and
    /// "Good "git" signature for PRINCIPAL" is the only trusted outcome; anything else is refused.
    /// </summary>
    public static TagSignature Parse(string tag, int exitCode, string output)
    {
        var good = GoodFor().Match(output);
        if (exitCode == 0 && good.Success)
        {
            return new TagSignature(tag, SignatureVerdict.Trusted, good.Groups["principal"].Value.Trim(), good.Groups["key"].Value, "good signature");
        }

        if (output.Contains("no signature found", StringComparison.Ordinal))
        {
            return new TagSignature(tag, SignatureVerdict.Unsigned, null, null, "no signature found");
        }

        var unknown = GoodUnknown().Match(output);
        if (unknown.Success && output.Contains("No principal matched", StringComparison.Ordinal))
        {
            return new TagSignature(tag, SignatureVerdict.Untrusted, null, unknown.Groups["key"].Value, "no principal matched");
        }

        var first = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()
            ?? $"git verify-tag exited {exitCode}";
        return new TagSignature(tag, SignatureVerdict.Invalid, null, null, first);
    }
}
