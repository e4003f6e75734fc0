using System.Globalization;
using System.Text;
using System.Text.Json;
using Pipeline.Core.Canonical;
using Pipeline.Core.Tracking;

namespace Pipeline.Core.Sweep;

/// <summary>
/// The token stream of one JSON document, checked as it is read against everything <see cref="JsonReader"/> refuses
/// and <see cref="Utf8JsonReader"/> lets through: a duplicate key in any object (also in fields nobody reads), an
/// integer literal of more than <see cref="JsonReader.MaxIntegerDigits"/> digits, a float out of a double's range.
/// Anything it cannot vouch for (an escaped key, a token that does not fit) ends the scan with
/// <see cref="UnusualRecord"/>, and the caller reads the file with the full reader instead. Invalid UTF-8 and a
/// leading BOM are the caller's to handle before (the full reader checks the whole text first too).
/// </summary>
internal ref struct RecordScan
{
    private Utf8JsonReader _reader;
    private readonly KeySets _keys;

    public RecordScan(ReadOnlySpan<byte> json)
    {
        // Deeper than 64 is legal for JsonReader (up to 512) but never seen in a run record: the full reader decides.
        _reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        _keys = KeySets.ForThread();
    }

    public readonly JsonTokenType Token => _reader.TokenType;

    /// <summary>The current property name (never escaped: <see cref="Next"/> refuses escaped keys).</summary>
    public readonly ReadOnlySpan<byte> Key => _reader.ValueSpan;

    public JsonTokenType Next()
    {
        if (!_reader.Read())
        {
            throw new UnusualRecord();
        }

        switch (_reader.TokenType)
        {
            case JsonTokenType.StartObject:
                _keys.Open();
                break;
            case JsonTokenType.EndObject:
                _keys.Close();
                break;
            case JsonTokenType.PropertyName:
                // "a" and "\u0061" are the same key to JsonReader; comparing raw bytes would miss that duplicate.
                if (_reader.ValueIsEscaped || !_keys.Add(_reader.ValueSpan))
                {
                    throw new UnusualRecord();
                }

                break;
            case JsonTokenType.Number:
                CheckNumber(_reader.ValueSpan);
                break;
        }

        return _reader.TokenType;
    }

    /// <summary>True when the document ended after its one value (trailing data throws <see cref="JsonException"/>).</summary>
    public bool AtEnd() => !_reader.Read();

    /// <summary>Reads and checks the value after a property name, reading nothing from it.</summary>
    public void SkipValue()
    {
        Next();
        SkipCurrent();
    }

    /// <summary>Checks the rest of a container whose first token was just read (nothing to do for a scalar).</summary>
    public void SkipCurrent()
    {
        if (_reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return;
        }

        var depth = _reader.CurrentDepth;
        while (Next() is not (JsonTokenType.EndObject or JsonTokenType.EndArray) || _reader.CurrentDepth != depth)
        {
        }
    }

    public JsonTokenType Expect(JsonTokenType type) => Next() == type ? type : throw new UnusualRecord();

    /// <summary>
    /// The current string (or property name) token's text; an escaped one is left to the full reader (lone surrogates and
    /// all).
    /// </summary>
    public readonly string Text() =>
        _reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && !_reader.ValueIsEscaped
            ? Encoding.UTF8.GetString(_reader.ValueSpan)
            : throw new UnusualRecord();

    /// <summary>The next value as a string, or null for JSON null.</summary>
    public string? StringOrNull() => Next() switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => Text(),
        _ => throw new UnusualRecord(),
    };

    /// <summary>The next value as a non-empty string (the eval result's required fields).</summary>
    public string NonEmpty() => Next() == JsonTokenType.String && Text() is { Length: > 0 } s ? s : throw new UnusualRecord();

    /// <summary>The current token is an integer literal (no fraction, no exponent): an IntegerValue to JsonReader.</summary>
    public readonly bool IsInteger => _reader.TokenType == JsonTokenType.Number && _reader.ValueSpan.IndexOfAny(".eE"u8) < 0;

    /// <summary>
    /// The current integer as a long. Up to 18 digits always fits; longer ones (a 19-digit long, or out of range, which
    /// the full reader refuses) go to the full reader.
    /// </summary>
    public readonly long Long() =>
        IsInteger && Digits(_reader.ValueSpan) <= 18
            ? long.Parse(_reader.ValueSpan, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
            : throw new UnusualRecord();

    /// <summary>
    /// The current token as RunRecordReader.Number reads it: an integer, a float, or "NaN"/"Infinity"/"-Infinity" (and the
    /// spellings <see cref="SeriesNumber"/> accepts). Integers of more than 15 digits are left to the full reader, whose
    /// BigInteger-to-double conversion is then the only one that decides.
    /// </summary>
    public readonly double Number()
    {
        switch (_reader.TokenType)
        {
            case JsonTokenType.Number when IsInteger:
                return Digits(_reader.ValueSpan) <= 15
                    ? long.Parse(_reader.ValueSpan, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
                    : throw new UnusualRecord();
            case JsonTokenType.Number:
                return double.Parse(_reader.ValueSpan, NumberStyles.Float, CultureInfo.InvariantCulture);
            case JsonTokenType.String when SeriesNumber.TryParseNonFinite(Text(), out var d):
                return d;
            default:
                throw new UnusualRecord();
        }
    }

    private static int Digits(ReadOnlySpan<byte> literal) => literal[0] == (byte)'-' ? literal.Length - 1 : literal.Length;

    private static void CheckNumber(ReadOnlySpan<byte> literal)
    {
        if (literal.IndexOfAny(".eE"u8) >= 0)
        {
            // JsonReader refuses a float a double cannot hold (1e400: Python would read Infinity).
            if (!double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d))
            {
                throw new UnusualRecord();
            }
        }
        else if (Digits(literal) > JsonReader.MaxIntegerDigits)
        {
            throw new UnusualRecord();
        }
    }

    /// <summary>
    /// The keys of every open object, to find a duplicate as JsonReader does. One per thread, reused from record to
    /// record: a record costs no allocation here.
    /// </summary>
    private sealed class KeySets
    {
        // Beyond this many keys in one object, comparing each new key with all before it gets slow: the full reader's
        // dictionary is the better tool for such a record.
        private const int MaxKeys = 512;

        [ThreadStatic]
        private static KeySets? t_current;

        private readonly List<(int Start, int Length)> _keys = [];
        private readonly List<(int Keys, int Bytes)> _open = [];
        private byte[] _bytes = new byte[4096];
        private int _used;

        public static KeySets ForThread()
        {
            var sets = t_current ??= new KeySets();
            sets._keys.Clear();
            sets._open.Clear();
            sets._used = 0;
            return sets;
        }

        public void Open() => _open.Add((_keys.Count, _used));

        public void Close()
        {
            var (keys, bytes) = _open[^1];
            _open.RemoveAt(_open.Count - 1);
            _keys.RemoveRange(keys, _keys.Count - keys);
            _used = bytes;
        }

        /// <summary>False when the innermost open object already has <paramref name="key"/> (or too many keys).</summary>
        public bool Add(ReadOnlySpan<byte> key)
        {
            var first = _open[^1].Keys;
            if (_keys.Count - first >= MaxKeys)
            {
                return false;
            }

            for (var i = first; i < _keys.Count; i++)
            {
                var (start, length) = _keys[i];
                if (length == key.Length && key.SequenceEqual(_bytes.AsSpan(start, length)))
                {
                    return false;
                }
            }

            if (_used + key.Length > _bytes.Length)
            {
                Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _used + key.Length));
            }

            key.CopyTo(_bytes.AsSpan(_used));
            _keys.Add((_used, key.Length));
            _used += key.Length;
            return true;
        }
    }
}

/// <summary>The fast reader met something it does not vouch for: the full reader decides (accepts or names the error).</summary>
internal sealed class UnusualRecord : Exception;
