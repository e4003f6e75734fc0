using System.Text;
using Pipeline.Core.Text;

namespace Pipeline.Cli.Output;

/// <summary>
/// The text-output boundary: stdout and stderr of every verb go through this writer, which passes each line through
/// <see cref="TerminalText"/> before it reaches the terminal or the CI log. <c>WriteLine(string)</c> is one line (a line
/// break inside it is user data and is escaped); <c>Write</c> of a block keeps its line breaks and escapes each line.
/// JSON documents (<see cref="JsonOut"/>) and the workflow commands a verb means to send go to <see cref="Inner"/>.
/// </summary>
internal sealed class TerminalWriter(TextWriter inner, bool actions) : TextWriter
{
    private readonly StringBuilder _line = new();
    private readonly object _gate = new();

    /// <summary>The raw stream, for output that is safe by construction (JSON) or meant for the runner (annotations).</summary>
    public TextWriter Inner { get; } = inner;

    public override Encoding Encoding => Inner.Encoding;

    public override void Write(char value)
    {
        lock (_gate)
        {
            if (value == '\n')
            {
                EmitLine();
            }
            else
            {
                _line.Append(value);
            }
        }
    }

    public override void Write(string? value)
    {
        if (value is null)
        {
            return;
        }

        lock (_gate)
        {
            foreach (var c in value)
            {
                if (c == '\n')
                {
                    EmitLine();
                }
                else
                {
                    _line.Append(c);
                }
            }
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value)
    {
        lock (_gate)
        {
            // One line: a CR or LF inside it is data, not layout.
            _line.Append((value ?? "").Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal));
            EmitLine();
        }
    }

    public override void WriteLine() => Write('\n');

    public override void Flush()
    {
        lock (_gate)
        {
            if (_line.Length > 0)
            {
                Inner.Write(TerminalText.Line(_line.ToString(), actions));
                _line.Clear();
            }

            Inner.Flush();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }

        base.Dispose(disposing);
    }

    private void EmitLine()
    {
        var line = _line.ToString();
        _line.Clear();
        var crlf = line.EndsWith('\r');
        Inner.Write(TerminalText.Line(crlf ? line[..^1] : line, actions));
        Inner.Write(crlf ? "\r\n" : "\n");
    }
}
