using System.CommandLine;
using Pipeline.Cli.Output;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Registry;
using Pipeline.Git.Registry;

namespace Pipeline.Cli.Commands.Registry;

/// <summary><c>pipeline deprecate MODEL [--version V]</c>: GTO's <c>MODEL@vX!</c> (version) or <c>MODEL@deprecated</c> (model).</summary>
internal static class DeprecateCommand
{
    public static Command Build(CliConsole console)
    {
        var common = new RegistryVerb();
        var model = new Argument<string>("model") { Description = "Model name." };
        var version = new Option<string?>("--version") { Description = "Deprecate only this version (default: the whole model)." };
        var reason = new Option<string?>("--reason") { Description = "Why; recorded in the tag's JSON." };
        var push = RegistryVerb.PushOption();
        var command = common.Add(
            new Command("deprecate", "Deprecate a version (MODEL@vX!) or a model (MODEL@deprecated).") { model, version, reason, push });
        RegistryVerb.SetAction(command, console, common.Json, parse =>
        {
            var name = RegistryNames.Model(parse.GetValue(model));
            var v = parse.GetValue(version) is { } s ? SemVer.Parse(s) : null;
            var store = common.Store(parse);
            var remote = RegistryVerb.PushRemote(parse, push);
            var tag = remote is null
                ? store.Deprecate(name, v, parse.GetValue(reason))
                : new RemoteSync(store, remote).Run(name, () => store.Deprecate(name, v, parse.GetValue(reason)), t => [$"refs/tags/{t}"]);
            if (parse.GetValue(common.Json))
            {
                JsonOut.Write(console.Out, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("model", name);
                    RegistryVerb.Version(w, "version", v);
                    w.WriteString("tag", tag);
                    RegistryVerb.Str(w, "pushed", RegistryVerb.Shown(remote));
                    w.WriteEndObject();
                });
            }
            else
            {
                console.Out.WriteLine($"deprecated {name}{(v is null ? "" : " " + v)} (tag {tag})");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
