using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Pipeline.Core.Tracking;

/// <summary>
/// Metric values on disk. Finite values are JSON numbers with the shortest digits that read back exactly; NaN and
/// ±Infinity are the strings <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c> (Python's spelling) so every file
/// stays strict JSON that <c>jq</c>, browsers and <c>json.loads</c> all accept.
/// </summary>
public static class SeriesNumber
{
    public static string NonFiniteText(double value) =>
        double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";

    public static bool TryParseNonFinite(ReadOnlySpan<char> text, out double value)
    {
        value = text switch
        {
            "NaN" or "nan" => double.NaN,
            "Infinity" or "inf" or "+inf" or "Inf" => double.PositiveInfinity,
            "-Infinity" or "-inf" or "-Inf" => double.NegativeInfinity,
            _ => 0,
        };
        return value != 0;
    }

    /// <summary>Writes a finite double as UTF-8 JSON number text; returns bytes written. <paramref name="dest"/> needs 32 bytes.</summary>
    public static int WriteFinite(double value, Span<byte> dest)
    {
        // Shortest round-trip text from the runtime, checked: on this .NET it does not always read back (docs/design.md §2),
        // and a series value that changes on reload would make summaries disagree with the series.
        Utf8Formatter.TryFormat(value, dest, out var n);
        if (Utf8Parser.TryParse(dest[..n], out double back, out _) && back.Equals(value))
        {
            return n;
        }

        Utf8Formatter.TryFormat(value, dest, out n, new System.Buffers.StandardFormat('G', 17));
        return n;
    }

    public static string FormatFinite(double value)
    {
        Span<byte> buffer = stackalloc byte[32];
        var n = WriteFinite(value, buffer);
        return Encoding.ASCII.GetString(buffer[..n]);
    }

    public static string Format(double value) =>
        double.IsFinite(value) ? FormatFinite(value) : NonFiniteText(value);

    public static bool TryParse(string text, out double value) =>
        TryParseNonFinite(text, out value)
        || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
