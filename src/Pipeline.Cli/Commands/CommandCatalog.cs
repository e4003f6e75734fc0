using System.CommandLine;

namespace Pipeline.Cli.Commands;

/// <summary>Every verb of the CLI, in the order `pipeline --help` lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> Build(CliConsole console)
    {
        yield return QuickstartCommand.Build(console);
        yield return FingerprintCommand.Build(console);
        yield return Verify.VerifyCommand.Build(console);
        yield return ExplainCommand.Build(console);
    }
}
