using System.Globalization;
using System.Text;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Core.Canonical;

/// <summary>
/// Writes a <see cref="Value"/> byte-identical to CPython's
/// <c>json.dumps(x, sort_keys=True, separators=(",", ":"))</c> with the default <c>ensure_ascii=True</c>.
/// The output is pure ASCII, so its UTF-8 bytes are its characters.
/// </summary>
/// <remarks>
/// Where Python would print something that is not JSON or not reproducible, the writer refuses instead, whatever
/// reader built the value: NaN/Infinity (PIPE2004), integers over 4300 digits (Python's str(int) raises, PIPE2007)
/// and nesting deeper than <see cref="JsonReader.MaxDepth"/> (PIPE2005, which also bounds this recursion).
/// </remarks>
public static class CanonicalJson
{
    public static string Write(Value value)
    {
        var sb = new StringBuilder(256);
        Write(sb, value);
        return sb.ToString();
    }

    public static void Write(StringBuilder sb, Value value) => Write(sb, value, 0);

    private static void Write(StringBuilder sb, Value value, int depth)
    {
        switch (value)
        {
            case NullValue:
                sb.Append("null");
                break;
            case BoolValue b:
                sb.Append(b.Value ? "true" : "false");
                break;
            case IntegerValue i:
                var digits = i.Value.ToString(CultureInfo.InvariantCulture);
                if (digits.Length - (i.Value.Sign < 0 ? 1 : 0) > JsonReader.MaxIntegerDigits)
                {
                    throw new PipelineException(PipeCodes.NumberTooLarge,
                        $"integer has more than {JsonReader.MaxIntegerDigits} digits", line: Where(value));
                }

                sb.Append(digits);
                break;
            case FloatValue f:
                if (!double.IsFinite(f.Value))
                {
                    throw new PipelineException(PipeCodes.NonFiniteNumber,
                        $"{f.Value.ToString(CultureInfo.InvariantCulture)} has no JSON form", line: Where(value));
                }

                sb.Append(PythonFloat.Repr(f.Value));
                break;
            case StringValue s:
                WriteString(sb, s.Value);
                break;
            case ArrayValue a:
                CheckDepth(value, depth);
                sb.Append('[');
                for (var k = 0; k < a.Items.Count; k++)
                {
                    if (k > 0) sb.Append(',');
                    Write(sb, a.Items[k], depth + 1);
                }

                sb.Append(']');
                break;
            case ObjectValue o:
                CheckDepth(value, depth);
                var members = o.Members.ToArray();
                Array.Sort(members, (x, y) => CodePointComparer.Instance.Compare(x.Key, y.Key));
                sb.Append('{');
                for (var k = 0; k < members.Length; k++)
                {
                    if (k > 0) sb.Append(',');
                    WriteString(sb, members[k].Key);
                    sb.Append(':');
                    Write(sb, members[k].Value, depth + 1);
                }

                sb.Append('}');
                break;
            default:
                throw new ArgumentException($"unknown value type {value.GetType().Name}", nameof(value));
        }
    }

    private static void CheckDepth(Value value, int depth)
    {
        if (depth >= JsonReader.MaxDepth)
        {
            throw new PipelineException(PipeCodes.NestingTooDeep,
                $"nesting deeper than {JsonReader.MaxDepth} levels", line: Where(value));
        }
    }

    private static int? Where(Value value) => value.Line > 0 ? value.Line : null;

    /// <summary>Python's ensure_ascii escaping: printable ASCII passes, five short escapes, all else \uXXXX (lower-case).</summary>
    public static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c >= ' ' && c <= '~')
                    {
                        sb.Append(c);
                    }
                    else
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }

                    break;
            }
        }

        sb.Append('"');
    }
}
