namespace Pipeline.Cli;

/// <summary>The two streams a verb writes to; injected so tests can run verbs in-process.</summary>
internal sealed class CliConsole(TextWriter output, TextWriter error)
{
    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;
}
