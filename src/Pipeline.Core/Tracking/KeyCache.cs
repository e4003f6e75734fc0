using System.Text;

namespace Pipeline.Core.Tracking;

/// <summary>
/// Metric names repeat on every line of a series; this maps their UTF-8 bytes to one shared string so a million
/// lines allocate a handful of strings, not a million.
/// </summary>
internal sealed class KeyCache
{
    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length <= 512)
        {
            Span<char> chars = stackalloc char[utf8.Length];
            var n = Encoding.UTF8.GetChars(utf8, chars);
            var lookup = _keys.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(chars[..n], out var known))
            {
                return known;
            }
        }

        var s = Encoding.UTF8.GetString(utf8);
        _keys.TryAdd(s, s);
        return _keys[s];
    }
}
