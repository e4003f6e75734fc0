using System.CommandLine;
using Pipeline.Cli.Commands.Gate;

namespace Pipeline.Cli.Commands;

/// <summary>Every verb of the CLI, in the order `pipeline --help` lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> Build(CliConsole console)
    {
        yield return QuickstartCommand.Build(console);
        yield return FingerprintCommand.Build(console);
        yield return SelectCommand.Build(console);
        yield return GateCommand.Build(console);
    }
}
