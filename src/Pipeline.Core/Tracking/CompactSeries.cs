namespace Pipeline.Core.Tracking;

/// <summary>
/// The compact series format (<c>&lt;id&gt;.series.bin</c>, docs/tracking.md "The compact series file"): the magic
/// <c>PLSERIE1</c>, then one zlib stream (RFC 1950) of points in logging order. Each point is a varint key index (a
/// new key's index is followed by its UTF-8 name, length-prefixed), the step as a zigzag varint delta from the key's
/// previous step (64-bit wrapping), then two number tokens: the wall time against one state shared by every key, the value against the key's own
/// state.
/// A number token is a varint t: t&amp;3 = 0 adds zigzag(t&gt;&gt;2) to the decimal mantissa m (the number is m / 10^e);
/// 1 sets e = t&gt;&gt;2 and m = the zigzag varint that follows; 2 adds zigzag(t&gt;&gt;2) to the previous number's IEEE
/// bits (64-bit wrapping); 3 is t&gt;&gt;2 = 0 a float64, 1 a float32 (little-endian bytes follow), 2 NaN.
/// Decimals are exact by construction (m below 2^53, 10^e exact, one correctly rounded division in every language),
/// so the writer picks per point the shortest token that gives back the very same bits.
/// </summary>
public static class CompactSeries
{
    public const string Suffix = ".series.bin";

    public static ReadOnlySpan<byte> Magic => "PLSERIE1"u8;

    internal const int MaxExponent = 22;
    internal const long MaxMantissa = 1L << 53;

    internal const int TagDecimalDelta = 0;
    internal const int TagDecimalSet = 1;
    internal const int TagBitsDelta = 2;
    internal const int TagRaw = 3;
    internal const int RawFloat64 = 0;
    internal const int RawFloat32 = 1;
    internal const int RawNaN = 2;

    /// <summary>10^e for e in 0..22, every one an exact double.</summary>
    internal static readonly double[] Pow10 = Enumerable.Range(0, MaxExponent + 1)
        .Select(e => double.Parse("1e" + e, System.Globalization.CultureInfo.InvariantCulture))
        .ToArray();

    /// <summary>True when the file starts with the compact magic (anything else is read as JSONL).</summary>
    public static bool IsCompact(string path)
    {
        Span<byte> head = stackalloc byte[8];
        using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
        return f.ReadAtLeast(head, 8, throwOnEndOfStream: false) == 8 && head.SequenceEqual(Magic);
    }

    internal static ulong Zig(long v) => (ulong)((v << 1) ^ (v >> 63));

    internal static long Unzig(ulong u) => (long)(u >> 1) ^ -(long)(u & 1);

    /// <summary>m with m / 10^e == value bit for bit, or false (-0.0, non-finite, too many digits, too large).</summary>
    internal static bool TryDecimal(double value, long bits, int e, out long m)
    {
        m = 0;
        var scaled = Math.Round(value * Pow10[e]);
        if (!(Math.Abs(scaled) < MaxMantissa))
        {
            return false;
        }

        m = (long)scaled;
        return BitConverter.DoubleToInt64Bits(m / Pow10[e]) == bits;
    }
}
