using System.CommandLine;
using Pipeline.Core.Registry;
using Pipeline.Git.Registry;

namespace Pipeline.Cli.Commands.Registry;

/// <summary><c>pipeline unassign MODEL --alias A</c>: empties the alias with <c>MODEL#A!#N</c>.</summary>
internal static class UnassignCommand
{
    public static Command Build(CliConsole console)
    {
        var common = new RegistryVerb();
        var model = new Argument<string>("model") { Description = "Model name." };
        var alias = new Option<string>("--alias") { Description = "The alias to empty.", Required = true };
        var reason = new Option<string?>("--reason") { Description = "Why; recorded in the tag's JSON." };
        var push = RegistryVerb.PushOption();
        var command = common.Add(new Command("unassign", "Empty an alias (a new annotated tag MODEL#ALIAS!#N).") { model, alias, reason, push });
        RegistryVerb.SetAction(command, console, common.Json, parse =>
        {
            var name = RegistryNames.Model(parse.GetValue(model));
            var a = RegistryNames.Alias(parse.GetValue(alias));
            var store = common.Store(parse);
            var remote = RegistryVerb.PushRemote(parse, push);
            var result = remote is null
                ? store.Unassign(name, a, parse.GetValue(reason))
                : new RemoteSync(store, remote)
                    .Run(name, () => store.Unassign(name, a, parse.GetValue(reason)), Pipeline.Git.Gate.ReviewedAliases.Refs);
            return AliasOutput.Print(console, parse.GetValue(common.Json), result, remote);
        });
        return command;
    }
}
