using System.Globalization;
using System.Text;

namespace Pipeline.Core.Text;

/// <summary>
/// The one escaping function for human-readable output. Text a verb prints quotes user input (run names, params,
/// descriptions, tag messages, artifact paths); printed raw, a control character could recolour or rewrite the
/// terminal (ANSI escapes, a bare CR overwriting the line), forge a line of its own, or — inside GitHub Actions — become
/// a workflow command (<c>::add-mask::</c>, <c>::stop-commands::</c>, <c>::error::</c>, legacy <c>##[…]</c>) that the
/// runner executes. So every line is escaped here: control characters (C0 but tab, DEL, C1), line and paragraph
/// separators and bidirectional overrides become visible <c>\xNN</c>/<c>\uNNNN</c> escapes (<c>\n</c>, <c>\r</c> for
/// the common ones), and with GITHUB_ACTIONS=true a line that would start a workflow command gets its first ':'
/// escaped and every "##[" loses its meaning. JSON output does not come here: JSON escapes control characters itself.
/// </summary>
public static class TerminalText
{
    /// <summary>True inside GitHub Actions, where workflow commands are neutralised too.</summary>
    public static bool InActions => string.Equals(Environment.GetEnvironmentVariable("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Escapes one line (any CR or LF inside it is escaped: it stays one line).</summary>
    public static string Line(string line, bool actions)
    {
        var needs = false;
        foreach (var c in line)
        {
            if (Escaped(c))
            {
                needs = true;
                break;
            }
        }

        var text = needs ? EscapeChars(line) : line;
        if (!actions)
        {
            return text;
        }

        if (text.Contains("##[", StringComparison.Ordinal))
        {
            text = text.Replace("##[", "#\\x23[", StringComparison.Ordinal);
        }

        var start = 0;
        while (start < text.Length && text[start] is ' ' or '\t')
        {
            start++;
        }

        return text.AsSpan(start).StartsWith("::", StringComparison.Ordinal)
            ? string.Concat(text.AsSpan(0, start), "\\x3a", text.AsSpan(start + 1))
            : text;
    }

    /// <summary>Escapes a block: its LF (or CRLF) line breaks stay line breaks, every line is escaped as <see cref="Line"/>.</summary>
    public static string Block(string text, bool actions)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var crlf = i < lines.Length - 1 && line.EndsWith('\r');
            lines[i] = Line(crlf ? line[..^1] : line, actions) + (crlf ? "\r" : "");
        }

        return string.Join('\n', lines);
    }

    /// <summary>Whether <paramref name="c"/> is printed as an escape.</summary>
    public static bool Escaped(char c) =>
        (c < 0x20 && c != '\t') || c is >= '\u007f' and <= '\u009f'
        || c is '\u2028' or '\u2029' or '\u200e' or '\u200f' or '\u061c' or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069');

    private static string EscapeChars(string line)
    {
        var sb = new StringBuilder(line.Length + 16);
        foreach (var c in line)
        {
            if (!Escaped(c))
            {
                sb.Append(c);
                continue;
            }

            sb.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                < '\u0100' => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                _ => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
            });
        }

        return sb.ToString();
    }
}
