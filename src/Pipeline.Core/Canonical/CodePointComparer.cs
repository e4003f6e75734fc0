namespace Pipeline.Core.Canonical;

/// <summary>
/// Orders strings by Unicode code point, as Python's <c>sorted()</c> does on <c>str</c>. Ordinal (UTF-16) order
/// differs for astral characters: it puts U+1F600 before U+E000, Python puts it after. Lone surrogates count as
/// their own code point, which is what Python does with the strings <c>json.loads</c> gives it.
/// </summary>
public sealed class CodePointComparer : IComparer<string>
{
    public static CodePointComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            var a = Next(x, ref i);
            var b = Next(y, ref j);
            if (a != b)
            {
                return a < b ? -1 : 1;
            }
        }

        return (i < x.Length ? 1 : 0) - (j < y.Length ? 1 : 0);
    }

    private static int Next(string s, ref int i)
    {
        var c = s[i];
        if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
        {
            var cp = char.ConvertToUtf32(c, s[i + 1]);
            i += 2;
            return cp;
        }

        i++;
        return c;
    }
}
