using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Unicode;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Core.Canonical;

/// <summary>
/// A strict JSON reader that types numbers as Python's <c>json.loads</c> does (scanner.py's NUMBER_RE) and keeps
/// lone surrogates, so the canonical text equals the Python reference's. It departs from Python on purpose where
/// Python's leniency would make a fingerprint ambiguous: duplicate keys, NaN/Infinity (including 1e400) and
/// nesting beyond <see cref="MaxDepth"/> are refused with a PIPE code naming file, line and key.
/// </summary>
/// <remarks>
/// The reader is iterative (an explicit stack of open containers), so its stack use does not grow with the
/// nesting: a hostile 10,000-deep file is refused at <see cref="MaxDepth"/> + 1 without a stack overflow even on
/// a small thread stack.
/// </remarks>
public sealed class JsonReader
{
    /// <summary>Deepest nesting accepted (containers inside containers; a flat object is depth 1).</summary>
    public const int MaxDepth = 512;

    /// <summary>Python refuses integer literals longer than this (sys.get_int_max_str_digits()).</summary>
    public const int MaxIntegerDigits = 4300;

    private readonly string _text;
    private readonly string _file;
    private readonly List<Frame> _open = [];
    private int _pos;
    private int _line = 1;

    private JsonReader(string text, string file)
    {
        _text = text;
        _file = file;
    }

    public static Value ParseFile(string path, string? displayName = null)
    {
        var name = displayName ?? path;
        return Parse(SourceText.ReadFile(path, name), name);
    }

    /// <summary>Reads UTF-8 bytes (a leading BOM is skipped); invalid UTF-8 is refused with its byte offset and line.</summary>
    public static Value Parse(ReadOnlySpan<byte> utf8, string file)
    {
        utf8 = SourceText.WithoutBom(utf8);

        var chars = ArrayPool<char>.Shared.Rent(Math.Max(utf8.Length, 1));
        try
        {
            // Python's json.loads(bytes) decodes with 'surrogatepass'; we do not: UTF-8-encoded surrogates are
            // not UTF-8, and no other tool would read such a file the same way.
            var status = Utf8.ToUtf16(utf8, chars, out var read, out var written, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                var line = 1 + utf8[..read].Count((byte)'\n');
                throw new PipelineException(
                    PipeCodes.InvalidUtf8,
                    $"invalid UTF-8 (byte 0x{utf8[read]:X2} at offset {read})",
                    file,
                    line);
            }

            return Parse(new string(chars, 0, written), file);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    public static Value Parse(string text, string file)
    {
        var reader = new JsonReader(text, file);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            reader._pos = 1;
        }

        return reader.ReadDocument();
    }

    private Value ReadDocument()
    {
        SkipWhitespace();
        while (true)
        {
            var value = ReadValueOrOpen();
            if (value is null)
            {
                continue; // a container opened and its first key or item is next
            }

            // A value is complete: hand it to its container, closing every container it completes.
            while (true)
            {
                if (_open.Count == 0)
                {
                    SkipWhitespace();
                    if (_pos < _text.Length)
                    {
                        throw Error(PipeCodes.JsonSyntax, "extra data after the JSON value");
                    }

                    return value;
                }

                var frame = _open[^1];
                frame.Add(value);
                SkipWhitespace();
                var c = Peek();
                if (c == ',')
                {
                    _pos++;
                    SkipWhitespace();
                    if (frame.IsObject)
                    {
                        ReadKey(frame);
                    }

                    break;
                }

                if (c == (frame.IsObject ? '}' : ']'))
                {
                    _pos++;
                    _open.RemoveAt(_open.Count - 1);
                    value = frame.Build();
                    continue;
                }

                throw Error(PipeCodes.JsonSyntax, frame.IsObject ? "expected ',' or '}' in object" : "expected ',' or ']' in array");
            }
        }
    }

    /// <summary>A scalar, an empty container, or null when a non-empty container was opened.</summary>
    private Value? ReadValueOrOpen()
    {
        if (_pos >= _text.Length)
        {
            throw Error(PipeCodes.JsonSyntax, "unexpected end of input, expected a value");
        }

        var line = _line;
        var c = _text[_pos];
        switch (c)
        {
            case '{':
            case '[':
                if (_open.Count >= MaxDepth)
                {
                    throw Error(PipeCodes.NestingTooDeep, $"nesting deeper than {MaxDepth} levels");
                }

                _pos++;
                var frame = new Frame(c == '{', line);
                SkipWhitespace();
                if (Peek() == (frame.IsObject ? '}' : ']'))
                {
                    _pos++;
                    return frame.Build();
                }

                _open.Add(frame);
                if (frame.IsObject)
                {
                    ReadKey(frame);
                }

                return null;
            case '"':
                return new StringValue(ReadString()) { Line = line };
            case 't':
                Expect("true");
                return new BoolValue(true) { Line = line };
            case 'f':
                Expect("false");
                return new BoolValue(false) { Line = line };
            case 'n':
                Expect("null");
                return new NullValue { Line = line };
            case 'N' when StartsWith("NaN"):
            case 'I' when StartsWith("Infinity"):
                throw Error(PipeCodes.NonFiniteNumber, "NaN and Infinity are not allowed (Python would write them, but they are not JSON)");
            default:
                if (c == '-' || IsDigit(c))
                {
                    return ReadNumber();
                }

                throw Error(PipeCodes.JsonSyntax, $"unexpected character '{Printable(c)}', expected a value");
        }
    }

    private void ReadKey(Frame frame)
    {
        if (Peek() != '"')
        {
            throw Error(PipeCodes.JsonSyntax, "expected a string key in double quotes");
        }

        var keyLine = _line;
        var key = ReadString();
        if (!frame.Seen!.TryAdd(key, keyLine))
        {
            throw new PipelineException(
                PipeCodes.DuplicateKey,
                $"duplicate key {Quote(key)} (first at line {frame.Seen[key]})",
                _file,
                keyLine);
        }

        SkipWhitespace();
        if (Peek() != ':')
        {
            throw Error(PipeCodes.JsonSyntax, $"expected ':' after key {Quote(key)}");
        }

        _pos++;
        SkipWhitespace();
        frame.Key = key;
        frame.KeyLine = keyLine;
    }

    private Value ReadNumber()
    {
        var line = _line;
        var start = _pos;
        if (Peek() == '-')
        {
            _pos++;
            if (StartsWith("Infinity"))
            {
                throw Error(PipeCodes.NonFiniteNumber, "-Infinity is not allowed (Python would write it, but it is not JSON)");
            }
        }

        if (Peek() == '0')
        {
            _pos++;
            if (IsDigit(Peek()))
            {
                throw Error(PipeCodes.JsonSyntax, "leading zeros are not allowed in a number");
            }
        }
        else if (IsDigit(Peek()))
        {
            while (IsDigit(Peek()))
            {
                _pos++;
            }
        }
        else
        {
            throw Error(PipeCodes.JsonSyntax, "expected a digit after '-'");
        }

        var isFloat = false;
        if (Peek() == '.' && IsDigit(PeekAt(1)))
        {
            isFloat = true;
            _pos++;
            while (IsDigit(Peek()))
            {
                _pos++;
            }
        }

        if (Peek() is 'e' or 'E')
        {
            var save = _pos;
            _pos++;
            if (Peek() is '+' or '-')
            {
                _pos++;
            }

            if (IsDigit(Peek()))
            {
                isFloat = true;
                while (IsDigit(Peek()))
                {
                    _pos++;
                }
            }
            else
            {
                // Python's regex leaves a dangling exponent unmatched; the next token then fails as extra data.
                _pos = save;
            }
        }

        var literal = _text.AsSpan(start, _pos - start);
        if (!isFloat)
        {
            var digits = literal[0] == '-' ? literal.Length - 1 : literal.Length;
            if (digits > MaxIntegerDigits)
            {
                throw Error(PipeCodes.NumberTooLarge, $"integer literal has {digits} digits, more than {MaxIntegerDigits}");
            }

            // Most integers fit a long; BigInteger.Parse is quadratic and slower to start.
            var n = digits <= 18
                ? long.Parse(literal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
                : BigInteger.Parse(literal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            return new IntegerValue(n) { Line = line };
        }

        var d = double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsInfinity(d))
        {
            throw Error(PipeCodes.NonFiniteNumber, $"number {literal} is out of range for a double (Python reads it as Infinity)");
        }

        return new FloatValue(d) { Line = line };
    }

    private string ReadString()
    {
        _pos++; // opening quote
        var start = _pos;

        // Fast path: no escapes, no controls — the common case for keys and values.
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '"')
            {
                _pos++;
                return _text.Substring(start, _pos - 1 - start);
            }

            if (c == '\\' || c < ' ')
            {
                break;
            }

            _pos++;
        }

        var sb = new StringBuilder();
        sb.Append(_text, start, _pos - start);
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw Error(PipeCodes.JsonSyntax, "unterminated string");
            }

            var c = _text[_pos++];
            if (c == '"')
            {
                break;
            }

            if (c == '\\')
            {
                if (_pos >= _text.Length)
                {
                    throw Error(PipeCodes.JsonSyntax, "unterminated string");
                }

                var e = _text[_pos++];
                switch (e)
                {
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case '/': sb.Append('/'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u':
                        sb.Append(ReadHex4());
                        break;
                    default:
                        _pos--;
                        throw Error(PipeCodes.JsonSyntax, $"invalid escape '\\{Printable(e)}'");
                }
            }
            else if (c < ' ')
            {
                _pos--;
                throw Error(PipeCodes.JsonSyntax, $"control character U+{(int)c:X4} inside a string must be escaped");
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// Exactly four hex digits. A lone surrogate is kept as the single UTF-16 unit it names, as Python keeps it;
    /// an escaped pair becomes two adjacent units, which is the same code point.
    /// </summary>
    private char ReadHex4()
    {
        var code = 0;
        for (var k = 0; k < 4; k++)
        {
            var h = PeekAt(k);
            var v = h switch
            {
                >= '0' and <= '9' => h - '0',
                >= 'a' and <= 'f' => h - 'a' + 10,
                >= 'A' and <= 'F' => h - 'A' + 10,
                _ => -1,
            };
            if (v < 0)
            {
                throw Error(PipeCodes.JsonSyntax, "invalid \\u escape: four hex digits expected");
            }

            code = (code << 4) | v;
        }

        _pos += 4;
        return (char)code;
    }

    private void Expect(string word)
    {
        if (!StartsWith(word))
        {
            throw Error(PipeCodes.JsonSyntax, $"invalid literal, expected '{word}'");
        }

        _pos += word.Length;
    }

    private bool StartsWith(string word) => _text.AsSpan(_pos).StartsWith(word, StringComparison.Ordinal);

    private void SkipWhitespace()
    {
        // Python's json accepts exactly these four whitespace characters.
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\n')
            {
                _line++;
            }
            else if (c != ' ' && c != '\t' && c != '\r')
            {
                break;
            }

            _pos++;
        }
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private char PeekAt(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private static string Printable(char c) => c >= ' ' && c <= '~' ? c.ToString() : $"U+{(int)c:X4}";

    /// <summary>A key as its canonical JSON string, so control characters and lone surrogates stay visible.</summary>
    private static string Quote(string key)
    {
        var sb = new StringBuilder(key.Length + 2);
        CanonicalJson.WriteString(sb, key);
        return sb.ToString();
    }

    private PipelineException Error(PipeCode code, string message)
    {
        // Name the innermost key being read, so a finding in a big config points at its field.
        string? key = null;
        for (var i = _open.Count - 1; i >= 0 && key is null; i--)
        {
            key = _open[i].Key;
        }

        var where = key is null ? message : $"{message} (in key {Quote(key)})";
        return new PipelineException(code, where, _file, _line);
    }

    /// <summary>An open object or array and what has been read into it so far.</summary>
    private sealed class Frame(bool isObject, int line)
    {
        private readonly List<Member>? _members = isObject ? [] : null;
        private readonly List<Value>? _items = isObject ? null : [];

        public bool IsObject { get; } = isObject;

        /// <summary>Keys read so far and their lines (a duplicate names where the first one stands).</summary>
        public Dictionary<string, int>? Seen { get; } = isObject ? new(StringComparer.Ordinal) : null;

        public string? Key { get; set; }

        public int KeyLine { get; set; }

        public void Add(Value value)
        {
            if (IsObject)
            {
                _members!.Add(new Member(Key!, value, KeyLine));
            }
            else
            {
                _items!.Add(value);
            }
        }

        public Value Build() => IsObject
            ? new ObjectValue(_members!) { Line = line }
            : new ArrayValue(_items!) { Line = line };
    }
}
