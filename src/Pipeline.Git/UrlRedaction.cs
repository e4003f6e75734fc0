using System.Text.RegularExpressions;

namespace Pipeline.Git;

/// <summary>Removes userinfo (<c>user:token@</c>) from every URL in a text before it is printed or recorded.</summary>
public static partial class UrlRedaction
{
    [GeneratedRegex(@"(?<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\s]+@", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();

    public static string Strip(string text) => UserInfo().Replace(text, "${scheme}");
}
