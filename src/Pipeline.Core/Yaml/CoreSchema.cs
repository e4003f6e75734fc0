using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Core.Yaml;

/// <summary>
/// The YAML 1.2.2 core schema (the YAML spec, section 10.3.2), resolved from a scalar's text: what DVC's ruamel loader agrees with for every
/// value a lock or params file holds. Numbers are built from the text (BigInteger, double.Parse) because going through a
/// 32-bit float, as YamlDotNet's own typing does, turns 0.1 into 0.10000000149011612 and changes the fingerprint.
/// </summary>
internal static partial class CoreSchema
{
    public const string StrTag = "tag:yaml.org,2002:str";
    public const string IntTag = "tag:yaml.org,2002:int";
    public const string FloatTag = "tag:yaml.org,2002:float";
    public const string BoolTag = "tag:yaml.org,2002:bool";
    public const string NullTag = "tag:yaml.org,2002:null";
    public const string MapTag = "tag:yaml.org,2002:map";
    public const string SeqTag = "tag:yaml.org,2002:seq";

    [GeneratedRegex("^(?:null|Null|NULL|~|)$")]
    private static partial Regex NullRe();

    [GeneratedRegex("^(?:true|True|TRUE)$")]
    private static partial Regex TrueRe();

    [GeneratedRegex("^(?:false|False|FALSE)$")]
    private static partial Regex FalseRe();

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex DecimalRe();

    [GeneratedRegex("^0o[0-7]+$")]
    private static partial Regex OctalRe();

    [GeneratedRegex("^0x[0-9a-fA-F]+$")]
    private static partial Regex HexRe();

    [GeneratedRegex(@"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatRe();

    [GeneratedRegex(@"^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")]
    private static partial Regex NonFiniteRe();

    /// <summary>An untagged plain scalar: the implicit resolution of the core schema; anything unmatched is a string.</summary>
    public static Value ResolvePlain(string text, int line, Func<PipeCode, string, Exception> error)
    {
        if (NullRe().IsMatch(text))
        {
            return new NullValue { Line = line };
        }

        if (TrueRe().IsMatch(text))
        {
            return new BoolValue(true) { Line = line };
        }

        if (FalseRe().IsMatch(text))
        {
            return new BoolValue(false) { Line = line };
        }

        if (TryInteger(text, line, error) is { } integer)
        {
            return integer;
        }

        if (FloatRe().IsMatch(text))
        {
            return Float(text, line, error);
        }

        if (NonFiniteRe().IsMatch(text))
        {
            throw error(PipeCodes.NonFiniteNumber, $"'{text}' is infinity or NaN, which JSON and the fingerprint cannot hold");
        }

        return new StringValue(text) { Line = line };
    }

    /// <summary>A scalar with an explicit standard tag: construct exactly that type, or refuse.</summary>
    public static Value ResolveTagged(string tag, string text, int line, Func<PipeCode, string, Exception> error)
    {
        switch (tag)
        {
            case StrTag:
                return new StringValue(text) { Line = line };
            case NullTag when NullRe().IsMatch(text):
                return new NullValue { Line = line };
            case BoolTag when TrueRe().IsMatch(text):
                return new BoolValue(true) { Line = line };
            case BoolTag when FalseRe().IsMatch(text):
                return new BoolValue(false) { Line = line };
            case IntTag when TryInteger(text, line, error) is { } integer:
                return integer;
            case FloatTag when FloatRe().IsMatch(text):
                return Float(text, line, error);
            case FloatTag when NonFiniteRe().IsMatch(text):
                throw error(PipeCodes.NonFiniteNumber, $"'{text}' is infinity or NaN, which JSON and the fingerprint cannot hold");
            case NullTag or BoolTag or IntTag or FloatTag:
                throw error(PipeCodes.YamlScalarInvalid, $"'{text}' is not a valid !!{tag[(tag.LastIndexOf(':') + 1)..]}");
            default:
                throw error(PipeCodes.YamlTagRefused, $"tag '{tag}' is not allowed on a scalar");
        }
    }

    private static Value? TryInteger(string text, int line, Func<PipeCode, string, Exception> error)
    {
        BigInteger value;
        if (DecimalRe().IsMatch(text))
        {
            var digits = text.TrimStart('+', '-').Length;
            if (digits > JsonReader.MaxIntegerDigits)
            {
                throw error(PipeCodes.NumberTooLarge, $"integer with {digits} digits (the limit is {JsonReader.MaxIntegerDigits})");
            }

            value = BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }
        else if (OctalRe().IsMatch(text))
        {
            value = BigInteger.Zero;
            foreach (var c in text.AsSpan(2))
            {
                value = value * 8 + (c - '0');
            }
        }
        else if (HexRe().IsMatch(text))
        {
            // A leading 0 keeps BigInteger from reading the top bit as a sign.
            value = BigInteger.Parse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        }
        else
        {
            return null;
        }

        return new IntegerValue(value) { Line = line };
    }

    private static FloatValue Float(string text, int line, Func<PipeCode, string, Exception> error)
    {
        var d = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(d))
        {
            throw error(PipeCodes.NonFiniteNumber, $"'{text}' overflows a double (it would be read as infinity)");
        }

        return new FloatValue(d) { Line = line };
    }
}
