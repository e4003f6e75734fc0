using System.CommandLine;
using Pipeline.Cli.Commands.Gate;

namespace Pipeline.Cli.Commands;

/// <summary>
/// Every verb of the CLI, in the order `pipeline --help` lists them, each with the name its command carries: the tree is
/// built lazily (<see cref="For"/>), so `pipeline explain` does not construct ~160 options of other verbs first.
/// </summary>
internal static class CommandCatalog
{
    internal static readonly (string Name, Func<CliConsole, Command> Build)[] Verbs =
    [
        ("quickstart", Quickstart.QuickstartCommand.Build),
        ("init", Init.InitCommand.Build),
        ("fingerprint", FingerprintCommand.Build),
        ("register", Registry.RegisterCommand.Build),
        ("publish", Registry.PublishCommand.Build),
        ("show", Registry.ShowCommand.Build),
        ("list", Registry.ListCommand.Build),
        ("history", Registry.HistoryCommand.Build),
        ("assign", Registry.AssignCommand.Build),
        ("unassign", Registry.UnassignCommand.Build),
        ("rollback", Registry.RollbackCommand.Build),
        ("deprecate", Registry.DeprecateCommand.Build),
        ("doctor", Registry.DoctorCommand.Build),
        ("resolve", Serving.ResolveCommand.Build),
        ("check-ref", Serving.CheckRefCommand.Build),
        ("artifact", Artifacts.ArtifactCommand.Build),
        ("select", SelectCommand.Build),
        ("gate", GateCommand.Build),
        ("promote", PromoteCommand.Build),
        ("verify", Verify.VerifyCommand.Build),
        ("explain", ExplainCommand.Build),
        ("runs", Runs.RunsCommand.Build),
        ("report", Report.ReportCommand.Build),
    ];

    public static IEnumerable<Command> Build(CliConsole console) => Verbs.Select(v => v.Build(console));

    /// <summary>
    /// Only the invoked verb's command when the first argument names one; otherwise (no verb, --help, --version, a
    /// typo that needs the usage error) the whole tree, so root help and errors read exactly as before.
    /// </summary>
    public static IEnumerable<Command> For(IReadOnlyList<string> args, CliConsole console)
    {
        if (args.Count > 0)
        {
            foreach (var (name, build) in Verbs)
            {
                if (string.Equals(name, args[0], StringComparison.Ordinal))
                {
                    return [build(console)];
                }
            }
        }

        return Build(console);
    }
}
