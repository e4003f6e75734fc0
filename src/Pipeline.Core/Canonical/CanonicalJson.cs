using System.Globalization;
using System.Text;

namespace Pipeline.Core.Canonical;

/// <summary>
/// Writes a <see cref="Value"/> byte-identical to CPython's
/// <c>json.dumps(x, sort_keys=True, separators=(",", ":"))</c> with the default <c>ensure_ascii=True</c>.
/// The output is pure ASCII, so its UTF-8 bytes are its characters.
/// </summary>
public static class CanonicalJson
{
    public static string Write(Value value)
    {
        var sb = new StringBuilder(256);
        Write(sb, value);
        return sb.ToString();
    }

    public static void Write(StringBuilder sb, Value value)
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
                sb.Append(i.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case FloatValue f:
                sb.Append(PythonFloat.Repr(f.Value));
                break;
            case StringValue s:
                WriteString(sb, s.Value);
                break;
            case ArrayValue a:
                sb.Append('[');
                for (var k = 0; k < a.Items.Count; k++)
                {
                    if (k > 0) sb.Append(',');
                    Write(sb, a.Items[k]);
                }

                sb.Append(']');
                break;
            case ObjectValue o:
                var members = o.Members.ToArray();
                Array.Sort(members, (x, y) => CodePointComparer.Instance.Compare(x.Key, y.Key));
                sb.Append('{');
                for (var k = 0; k < members.Length; k++)
                {
                    if (k > 0) sb.Append(',');
                    WriteString(sb, members[k].Key);
                    sb.Append(':');
                    Write(sb, members[k].Value);
                }

                sb.Append('}');
                break;
            default:
                throw new ArgumentException($"unknown value type {value.GetType().Name}", nameof(value));
        }
    }

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
