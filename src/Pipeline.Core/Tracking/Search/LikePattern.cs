namespace Pipeline.Core.Tracking.Search;

/// <summary>SQL LIKE: '%' matches any run of characters (none included), '_' exactly one; everything else itself.</summary>
internal static class LikePattern
{
    public static bool Matches(string text, string pattern, bool ignoreCase)
    {
        if (ignoreCase)
        {
            text = text.ToUpperInvariant();
            pattern = pattern.ToUpperInvariant();
        }

        // Iterative matcher with one backtrack point: linear-ish, no regex, no catastrophic backtracking.
        int t = 0, p = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '_' || pattern[p] == text[t]) && pattern[p] != '%')
            {
                t++;
                p++;
            }
            else if (p < pattern.Length && pattern[p] == '%')
            {
                starP = p++;
                starT = t;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                t = ++starT;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '%')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
