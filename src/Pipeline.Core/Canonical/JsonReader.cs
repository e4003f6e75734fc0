using System.Globalization;
using System.Numerics;
using System.Text;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Core.Canonical;

/// <summary>
/// A strict JSON reader that types numbers as Python's <c>json.loads</c> does (scanner.py's NUMBER_RE) and keeps
/// lone surrogates, so the canonical text equals the Python reference's. It departs from Python on purpose where
/// Python's leniency would make a fingerprint ambiguous: duplicate keys, NaN/Infinity (including 1e400) and
/// nesting beyond <see cref="MaxDepth"/> are refused with a PIPE code naming file, line and key.
/// </summary>
public sealed class JsonReader
{
    /// <summary>Deepest nesting accepted; deeper input is refused before the stack could overflow.</summary>
    public const int MaxDepth = 512;

    /// <summary>Python refuses integer literals longer than this (sys.get_int_max_str_digits()).</summary>
    public const int MaxIntegerDigits = 4300;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string _text;
    private readonly string _file;
    private int _pos;
    private int _line = 1;
    private string? _key;

    private JsonReader(string text, string file)
    {
        _text = text;
        _file = file;
    }

    public static Value ParseFile(string path, string? displayName = null)
    {
        var name = displayName ?? path;
        if (!File.Exists(path))
        {
            throw new PipelineException(PipeCodes.FileNotFound, $"file not found: {name}", name);
        }

        return Parse(File.ReadAllBytes(path), name);
    }

    public static Value Parse(ReadOnlySpan<byte> utf8, string file)
    {
        if (utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            utf8 = utf8[3..];
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException ex)
        {
            var offset = ex.Index >= 0 ? ex.Index : 0;
            var line = 1 + utf8[..Math.Min(offset, utf8.Length)].Count((byte)'\n');
            throw new PipelineException(PipeCodes.InvalidUtf8, $"invalid UTF-8 at byte {offset}", file, line);
        }

        return Parse(text, file);
    }

    public static Value Parse(string text, string file)
    {
        var reader = new JsonReader(text, file);
        reader.SkipWhitespace();
        var value = reader.ReadValue(0);
        reader.SkipWhitespace();
        if (reader._pos < text.Length)
        {
            throw reader.Error(PipeCodes.JsonSyntax, "extra data after the JSON value");
        }

        return value;
    }

    private Value ReadValue(int depth)
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
                return ReadObject(depth + 1);
            case '[':
                return ReadArray(depth + 1);
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
            case 'N':
            case 'I':
                throw Error(PipeCodes.NonFiniteNumber, "NaN and Infinity are not allowed");
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return ReadNumber();
                }

                throw Error(PipeCodes.JsonSyntax, $"unexpected character '{Printable(c)}', expected a value");
        }
    }

    private ObjectValue ReadObject(int depth)
    {
        CheckDepth(depth);
        var line = _line;
        _pos++;
        var members = new List<Member>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var outerKey = _key;
        SkipWhitespace();
        if (Peek() == '}')
        {
            _pos++;
            return new ObjectValue(members) { Line = line };
        }

        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
            {
                throw Error(PipeCodes.JsonSyntax, "expected a string key in double quotes");
            }

            var keyLine = _line;
            var key = ReadString();
            if (!seen.Add(key))
            {
                _key = key;
                throw new PipelineException(PipeCodes.DuplicateKey, $"duplicate key '{key}'", _file, keyLine);
            }

            SkipWhitespace();
            if (Peek() != ':')
            {
                throw Error(PipeCodes.JsonSyntax, $"expected ':' after key '{key}'");
            }

            _pos++;
            SkipWhitespace();
            _key = key;
            var value = ReadValue(depth);
            members.Add(new Member(key, value, keyLine));
            SkipWhitespace();
            var c = Peek();
            _pos++;
            if (c == '}') break;
            if (c != ',')
            {
                _pos--;
                throw Error(PipeCodes.JsonSyntax, "expected ',' or '}' in object");
            }
        }

        _key = outerKey;
        return new ObjectValue(members) { Line = line };
    }

    private ArrayValue ReadArray(int depth)
    {
        CheckDepth(depth);
        var line = _line;
        _pos++;
        var items = new List<Value>();
        SkipWhitespace();
        if (Peek() == ']')
        {
            _pos++;
            return new ArrayValue(items) { Line = line };
        }

        while (true)
        {
            SkipWhitespace();
            items.Add(ReadValue(depth));
            SkipWhitespace();
            var c = Peek();
            _pos++;
            if (c == ']') break;
            if (c != ',')
            {
                _pos--;
                throw Error(PipeCodes.JsonSyntax, "expected ',' or ']' in array");
            }
        }

        return new ArrayValue(items) { Line = line };
    }

    private Value ReadNumber()
    {
        var line = _line;
        var start = _pos;
        if (Peek() == '-') _pos++;
        if (Peek() == '0')
        {
            _pos++;
        }
        else if (IsDigit(Peek()))
        {
            while (IsDigit(Peek())) _pos++;
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
            while (IsDigit(Peek())) _pos++;
        }

        if (Peek() is 'e' or 'E')
        {
            var save = _pos;
            _pos++;
            if (Peek() is '+' or '-') _pos++;
            if (IsDigit(Peek()))
            {
                isFloat = true;
                while (IsDigit(Peek())) _pos++;
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

            return new IntegerValue(BigInteger.Parse(literal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)) { Line = line };
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
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw Error(PipeCodes.JsonSyntax, "unterminated string");
            }

            var c = _text[_pos++];
            if (c == '"') break;
            if (c == '\\')
            {
                if (_pos >= _text.Length)
                {
                    throw Error(PipeCodes.JsonSyntax, "unterminated escape");
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
                        if (_pos + 4 > _text.Length
                            || !int.TryParse(_text.AsSpan(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                        {
                            throw Error(PipeCodes.JsonSyntax, "invalid \\u escape");
                        }

                        _pos += 4;
                        sb.Append((char)code);
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

    private void Expect(string word)
    {
        if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0)
        {
            throw Error(PipeCodes.JsonSyntax, $"invalid literal, expected '{word}'");
        }

        _pos += word.Length;
    }

    private void CheckDepth(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error(PipeCodes.NestingTooDeep, $"nesting deeper than {MaxDepth} levels");
        }
    }

    private void SkipWhitespace()
    {
        // Python's json accepts exactly these four whitespace characters.
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\n') _line++;
            else if (c != ' ' && c != '\t' && c != '\r') break;
            _pos++;
        }
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private char PeekAt(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private static string Printable(char c) => c >= ' ' && c <= '~' ? c.ToString() : $"U+{(int)c:X4}";

    private PipelineException Error(PipeCode code, string message)
    {
        var where = _key is null ? message : $"{message} (in key '{_key}')";
        return new PipelineException(code, where, _file, _line);
    }
}
