using System.Text.RegularExpressions;

namespace Pipeline.Core.Lineage;

/// <summary>
/// A remote URL fit for a record: credentials removed. CI checkouts leave tokens in remote URLs
/// (<c>https://x-access-token:SECRET@github.com/o/r</c>); a record is pushed and read by everyone, so no user info that
/// could be a secret survives. ssh URLs keep a password-less user (<c>ssh://git@host/…</c>, scp-like <c>git@host:o/r</c>):
/// that user is a fixed account name, not a credential.
/// </summary>
public static partial class RemoteUrl
{
    [GeneratedRegex("^(?<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?<user>[^/?#]*)@")]
    private static partial Regex UserInfoRe();

    [GeneratedRegex("^(?<scheme>[A-Za-z][A-Za-z0-9+.-]*)://[^?#]*(?<rest>[?#].*)$")]
    private static partial Regex QueryRe();

    public static string StripCredentials(string url)
    {
        // A query string or fragment is never part of a git remote's address, and is where a token sits
        // (https://host/o/r.git?access_token=SECRET): dropped whole.
        if (QueryRe().Match(url) is { Success: true } q)
        {
            url = url[..^q.Groups["rest"].Length];
        }

        var m = UserInfoRe().Match(url);
        if (!m.Success)
        {
            return url;
        }

        var scheme = m.Groups["scheme"].Value.ToLowerInvariant();
        var user = m.Groups["user"].Value;
        // A token alone in the user part (https://TOKEN@host) is a credential too; only ssh's plain user is kept.
        var keep = !user.Contains(':') && scheme is "ssh" or "git+ssh" or "ssh+git";
        return keep ? url : $"{m.Groups["scheme"].Value}://{url[m.Length..]}";
    }
}
