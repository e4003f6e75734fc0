using System.CommandLine;
using Pipeline.Cli.Commands.Gate;

namespace Pipeline.Cli.Commands;

/// <summary>Every verb of the CLI, in the order `pipeline --help` lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> Build(CliConsole console)
    {
        yield return Quickstart.QuickstartCommand.Build(console);
        yield return Init.InitCommand.Build(console);
        yield return FingerprintCommand.Build(console);
        yield return Registry.RegisterCommand.Build(console);
        yield return Registry.PublishCommand.Build(console);
        yield return Registry.ShowCommand.Build(console);
        yield return Registry.ListCommand.Build(console);
        yield return Registry.HistoryCommand.Build(console);
        yield return Registry.AssignCommand.Build(console);
        yield return Registry.UnassignCommand.Build(console);
        yield return Registry.RollbackCommand.Build(console);
        yield return Registry.DeprecateCommand.Build(console);
        yield return Registry.DoctorCommand.Build(console);
        yield return Serving.ResolveCommand.Build(console);
        yield return Serving.CheckRefCommand.Build(console);
        yield return Artifacts.ArtifactCommand.Build(console);
        yield return SelectCommand.Build(console);
        yield return GateCommand.Build(console);
        yield return PromoteCommand.Build(console);
        yield return Verify.VerifyCommand.Build(console);
        yield return ExplainCommand.Build(console);
        yield return Runs.RunsCommand.Build(console);
        yield return Report.ReportCommand.Build(console);
    }
}
