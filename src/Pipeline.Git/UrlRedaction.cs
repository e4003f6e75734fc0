using System.Text.RegularExpressions;

namespace Pipeline.Git;

/// <summary>Removes userinfo (<c>user:token@</c>) and credential query parameters (<c>?access_token=…</c>) from every URL in a text before it is
/// printed or recorded.</summary>
public static partial class UrlRedaction
{
    [GeneratedRegex(@"(?<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\s]+@", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();

    // Query parameters that carry credentials in URLs people paste as remotes (GitLab, Azure, signed URLs).
    [GeneratedRegex(
        @"(?<key>[?&](access_token|private_token|token|auth|password|key|sig|signature|x-access-token)=)[^&#\s]*",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SecretQuery();

    public static string Strip(string text) => SecretQuery().Replace(UserInfo().Replace(text, "${scheme}"), "${key}***");
}
