using System.CommandLine;
using Pipeline.Core.Registry;
using Pipeline.Git.Gate;

namespace Pipeline.Cli.Commands.Registry;

/// <summary><c>pipeline assign MODEL --version V --alias A</c>: a new tag <c>MODEL#A#N</c> (N = max + 1); nothing is moved.</summary>
internal static class AssignCommand
{
    public static Command Build(CliConsole console)
    {
        var common = new RegistryVerb();
        var model = new Argument<string>("model") { Description = "Model name." };
        var version = new Option<string>("--version") { Description = "The registered version to point the alias at.", Required = true };
        var alias = new Option<string>("--alias") { Description = "The alias (e.g. production, staging).", Required = true };
        var reason = new Option<string?>("--reason") { Description = "Why; recorded in the tag's JSON." };
        var push = RegistryVerb.PushOption();
        var gateRef = RegistryVerb.GateRefOption();
        var command = common.Add(
            new Command("assign", "Point an alias at a version (a new annotated tag MODEL#ALIAS#N).")
            {
                model,
                version,
                alias,
                reason,
                push,
                gateRef
            });
        RegistryVerb.SetAction(command, console, common.Json, parse =>
        {
            var name = RegistryNames.Model(parse.GetValue(model));
            var a = RegistryNames.Alias(parse.GetValue(alias));
            var v = SemVer.Parse(parse.GetValue(version));
            var store = common.Store(parse);
            var remote = RegistryVerb.PushRemote(parse, push);
            var result = ReviewedAliases.Assign(store, name, v, a, parse.GetValue(reason), remote, parse.GetValue(gateRef));
            return AliasOutput.Print(console, parse.GetValue(common.Json), result, remote);
        });
        return command;
    }
}
