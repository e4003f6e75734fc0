using System.CommandLine;
using Pipeline.Cli.Output;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Cli.Commands.Registry;

/// <summary><c>pipeline list</c>: every model with its greatest live version and current aliases.</summary>
internal static class ListCommand
{
    public static Command Build(CliConsole console)
    {
        var common = new RegistryVerb();
        var command = common.Add(new Command("list", "List models: latest version and aliases."));
        RegistryVerb.SetAction(command, console, common.Json, parse =>
        {
            var store = common.Store(parse);
            var states = store.AllStates();
            var rows = store.Models(states)
                .Select(m => (Model: m, State: states.TryGetValue(m, out var s) ? s : Core.Registry.ModelState.From(m, [])))
                .ToArray();
            if (parse.GetValue(common.Json))
            {
                JsonOut.Write(console.Out, w =>
                {
                    w.WriteStartObject();
                    w.WriteStartArray("models");
                    foreach (var (model, state) in rows)
                    {
                        w.WriteStartObject();
                        w.WriteString("model", model);
                        RegistryVerb.Version(w, "latest", state.Latest);
                        w.WriteNumber("versions", state.Versions.Count);
                        w.WriteBoolean("deprecated", state.Deprecation is not null);
                        w.WriteStartObject("aliases");
                        foreach (var (a, v) in state.Aliases)
                        {
                            w.WriteString(a, v.ToString());
                        }

                        w.WriteEndObject();
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                });
            }
            else
            {
                foreach (var (model, state) in rows)
                {
                    var aliases = string.Join(", ", state.Aliases.Select(p => $"{p.Key}={p.Value}"));
                    console.Out.WriteLine($"{model}\t{state.Latest?.ToString() ?? "-"}\t{(aliases.Length == 0 ? "-" : aliases)}");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
