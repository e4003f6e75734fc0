using System.Runtime.CompilerServices;
using System.Text;

namespace Pipeline.Core.Tracking;

/// <summary>
/// Metric names repeat on every line of a series; this maps their UTF-8 bytes to one shared string so a million
/// lines allocate a handful of strings, not a million.
/// </summary>
internal sealed class KeyCache
{
    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);
    private readonly (byte[] Utf8, string Key)[] _recent = new (byte[], string)[16];
    private int _recentCount;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Get(ReadOnlySpan<byte> utf8)
    {
        // Runs have a handful of keys: a byte compare against the recent ones beats decoding and hashing.
        for (var i = 0; i < _recentCount; i++)
        {
            if (utf8.SequenceEqual(_recent[i].Utf8))
            {
                return _recent[i].Key;
            }
        }

        var key = Lookup(utf8);
        if (_recentCount < _recent.Length)
        {
            _recent[_recentCount++] = (utf8.ToArray(), key);
        }

        return key;
    }

    private string Lookup(ReadOnlySpan<byte> utf8)
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
