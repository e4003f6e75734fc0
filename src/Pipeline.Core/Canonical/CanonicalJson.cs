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

    public static void Write(StringBuilder sb, Value value)
    {
        // Iterative (an explicit stack of open containers): stack use stays flat whatever the nesting, so a deep
        // value built by any reader is refused cleanly instead of overflowing a small thread stack.
        var open = new List<Cursor>();
        var current = value;
        while (true)
        {
            switch (current)
            {
                case ArrayValue a:
                    CheckDepth(a, open.Count);
                    if (a.Items.Count == 0)
                    {
                        sb.Append("[]");
                        break;
                    }

                    sb.Append('[');
                    open.Add(new Cursor(a.Items, null));
                    current = a.Items[0];
                    continue;
                case ObjectValue o:
                    CheckDepth(o, open.Count);
                    if (o.Count == 0)
                    {
                        sb.Append("{}");
                        break;
                    }

                    var members = o.Members.ToArray();
                    Array.Sort(members, (x, y) => CodePointComparer.Instance.Compare(x.Key, y.Key));
                    sb.Append('{');
                    WriteString(sb, members[0].Key);
                    sb.Append(':');
                    open.Add(new Cursor(null, members));
                    current = members[0].Value;
                    continue;
                default:
                    WriteScalar(sb, current);
                    break;
            }

            // current is complete: move to its next sibling, closing every container it completes.
            while (true)
            {
                if (open.Count == 0)
                {
                    return;
                }

                var top = open[^1];
                top.Index++;
                if (top.Index < top.Count)
                {
                    sb.Append(',');
                    if (top.Members is { } m)
                    {
                        WriteString(sb, m[top.Index].Key);
                        sb.Append(':');
                        current = m[top.Index].Value;
                    }
                    else
                    {
                        current = top.Items![top.Index];
                    }

                    break;
                }

                sb.Append(top.Members is null ? ']' : '}');
                open.RemoveAt(open.Count - 1);
            }
        }
    }

    private static void WriteScalar(StringBuilder sb, Value value)
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
            default:
                throw new ArgumentException($"unknown value type {value.GetType().Name}", nameof(value));
        }
    }

    /// <summary>An open container being written: its items (array) or sorted members (object), and where we are.</summary>
    private sealed class Cursor(IReadOnlyList<Value>? items, Member[]? members)
    {
        public IReadOnlyList<Value>? Items { get; } = items;

        public Member[]? Members { get; } = members;

        public int Count { get; } = items?.Count ?? members!.Length;

        public int Index { get; set; }
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
