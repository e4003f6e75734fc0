using System.CommandLine;
using Pipeline.Cli.Output;
using Pipeline.Cli.Output.Results;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Cli.Commands.Registry;

/// <summary>
/// <c>pipeline publish [--push [REMOTE]]</c>: run on the default branch after a proposal is merged; tags every record
/// not yet tagged (<c>MODEL@vX.Y.Z</c> on the commit that added it), idempotently; --push sends the new tags in one
/// <c>git push --atomic</c>.
/// </summary>
internal static class PublishCommand
{
    public static Command Build(CliConsole console)
    {
        var common = new RegistryVerb();
        var push = new Option<string?>("--push")
        {
            Description = "Fetch REMOTE's tags first (default origin), then push the new tags with 'git push --atomic': all or none.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = common.Add(
            new Command("publish", "Tag merged version records: MODEL@vX.Y.Z on the commit that added each record not yet tagged.") { push });
        RegistryVerb.SetAction(command, console, common.Json, parse =>
        {
            var store = common.Store(parse);
            var remote = RegistryVerb.PushRemote(parse, push);
            var result = store.Publish(remote);
            var created = result.Tags.Count(t => t.Created);
            if (parse.GetValue(common.Json))
            {
                JsonOut.Write(console.Out, new PublishOutput(result.Branch,
                    result.Tags.Select(t => new PublishTagOutput(t.Model, t.Version.ToString(), t.Tag, t.Commit, t.RecordPath, t.Created)).ToArray(),
                    created, result.Pushed ? RegistryVerb.Shown(remote) : null), CliJsonContext.Default.PublishOutput);
                return ExitCodes.Success;
            }

            foreach (var t in result.Tags.Where(t => t.Created))
            {
                console.Out.WriteLine($"published {t.Tag} on {t.Commit[..12]} ({t.RecordPath})");
            }

            console.Out.WriteLine(created == 0
                ? $"nothing to publish on '{result.Branch}': all {result.Tags.Count} version record(s) are tagged"
                : $"{created} tag(s) created on '{result.Branch}'" + (
                    result.Pushed ? $", pushed to {RegistryVerb.Shown(remote)}" : remote is null ? " (not pushed: add --push)" : ""));
            return ExitCodes.Success;
        });
        return command;
    }
}
