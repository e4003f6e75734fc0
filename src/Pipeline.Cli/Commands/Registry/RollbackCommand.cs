using System.CommandLine;
using Pipeline.Core.Registry;
using Pipeline.Git.Gate;

namespace Pipeline.Cli.Commands.Registry;

/// <summary><c>pipeline rollback MODEL --alias A [--to V]</c>: re-assigns the version the alias held before (a new tag).</summary>
internal static class RollbackCommand
{
    public static Command Build(CliConsole console)
    {
        var common = new RegistryVerb();
        var model = new Argument<string>("model") { Description = "Model name." };
        var alias = new Option<string>("--alias") { Description = "The alias to roll back.", Required = true };
        var to = new Option<string?>("--to") { Description = "The version to return to (default: the one the alias held before)." };
        var reason = new Option<string?>("--reason") { Description = "Why; recorded in the tag's JSON." };
        var push = RegistryVerb.PushOption();
        var gateRef = RegistryVerb.GateRefOption();
        var command = common.Add(
            new Command("rollback", "Point an alias back at an earlier version (a new tag; history is kept).")
            {
                model,
                alias,
                to,
                reason,
                push,
                gateRef
            });
        RegistryVerb.SetAction(command, console, common.Json, parse =>
        {
            var name = RegistryNames.Model(parse.GetValue(model));
            var a = RegistryNames.Alias(parse.GetValue(alias));
            var target = parse.GetValue(to) is { } t ? SemVer.Parse(t) : null;
            var store = common.Store(parse);
            var remote = RegistryVerb.PushRemote(parse, push);
            var result = ReviewedAliases.Rollback(store, name, a, target, parse.GetValue(reason), remote, parse.GetValue(gateRef));
            return AliasOutput.Print(console, parse.GetValue(common.Json), result, remote);
        });
        return command;
    }
}
