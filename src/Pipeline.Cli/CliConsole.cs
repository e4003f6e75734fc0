using Pipeline.Cli.Output;

namespace Pipeline.Cli;

/// <summary>
/// The two streams a verb writes to; injected so tests can run verbs in-process. Text written to <see cref="Out"/> and
/// <see cref="Error"/> is escaped line by line at this boundary (<see cref="TerminalWriter"/>); <see cref="RawOut"/> and
/// <see cref="RawError"/> are for JSON documents and for the workflow commands a verb deliberately sends to the runner.
/// </summary>
internal sealed class CliConsole
{
    public CliConsole(TextWriter output, TextWriter error, bool actions)
    {
        RawOut = output;
        RawError = error;
        Out = new TerminalWriter(output, actions);
        Error = new TerminalWriter(error, actions);
    }

    public CliConsole(TextWriter output, TextWriter error)
        : this(output, error, Pipeline.Core.Text.TerminalText.InActions)
    {
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public TextWriter RawOut { get; }

    public TextWriter RawError { get; }

    /// <summary>Writes out any partial last line (called once the verb is done).</summary>
    public void Flush()
    {
        Out.Flush();
        Error.Flush();
    }
}
