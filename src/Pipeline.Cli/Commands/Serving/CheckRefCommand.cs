using System.CommandLine;
using Pipeline.Cli.Commands.Registry;
using Pipeline.Cli.Output;
using Pipeline.Core.Diagnostics;
using Pipeline.Git.Serving;

namespace Pipeline.Cli.Commands.Serving;

/// <summary>
/// <c>pipeline check-ref REF</c> (GTO's check-ref): what a pushed tag means and whether it is still current. A deploy
/// triggered by an alias tag skips when <c>current</c> is false: a higher counter of that alias exists, so the tag was
/// pushed late (or re-run) and deploying it would roll production back by accident. Exit 0 either way.
/// </summary>
internal static class CheckRefCommand
{
    public static Command Build(CliConsole console)
    {
        var common = new RegistryVerb();
        var reference = new Argument<string>("ref") { Description = "The pushed tag: refs/tags/NAME (e.g. $GITHUB_REF) or NAME." };
        var command = common.Add(
            new Command("check-ref", "Explain a pushed registry tag (register, assign, unassign, deprecate) and whether it is still current.")
            {
                reference
            });
        RegistryVerb.SetAction(command, console, common.Json, parse =>
        {
            var c = new ServingRegistry(common.Store(parse)).Check(parse.GetValue(reference) ?? "");
            if (parse.GetValue(common.Json))
            {
                JsonOut.Write(console.Out, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("ref", c.Ref);
                    w.WriteString("tag", c.Tag);
                    w.WriteString("event", c.Event);
                    w.WriteString("model", c.Model);
                    RegistryVerb.Version(w, "version", c.Version);
                    RegistryVerb.Str(w, "alias", c.Alias);
                    if (c.Counter is long n)
                    {
                        w.WriteNumber("counter", n);
                    }
                    else
                    {
                        w.WriteNull("counter");
                    }

                    w.WriteBoolean("current", c.Current);
                    RegistryVerb.Str(w, "current_tag", c.CurrentTag);
                    RegistryVerb.Version(w, "current_version", c.CurrentVersion);
                    w.WriteString("commit", c.Commit);
                    RegistryVerb.Str(w, "actor", c.Actor);
                    RegistryVerb.Str(w, "time", ResolutionFields.Time(c.Time));
                    RegistryVerb.Str(w, "reason", c.Reason);
                    w.WriteEndObject();
                });
            }
            else
            {
                console.Out.WriteLine($"event:   {c.Event}");
                console.Out.WriteLine($"model:   {c.Model}");
                console.Out.WriteLine($"version: {c.Version?.ToString() ?? "-"}");
                if (c.Alias is not null)
                {
                    console.Out.WriteLine($"alias:   {c.Alias}");
                }

                if (c.Counter is not null)
                {
                    console.Out.WriteLine($"counter: {c.Counter}");
                }

                console.Out.WriteLine($"current: {(c.Current ? "true" : "false")}"
                    + (c.Current
                        || c.CurrentTag is null ? "" : $" ({c.CurrentTag} is newer: {c.Alias} holds {c.CurrentVersion?.ToString() ?? "nothing"})"));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
