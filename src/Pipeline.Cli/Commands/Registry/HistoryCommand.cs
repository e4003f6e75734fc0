using System.CommandLine;
using Pipeline.Cli.Output;
using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Registry;

namespace Pipeline.Cli.Commands.Registry;

/// <summary>
/// <c>pipeline history MODEL</c>: registrations, alias moves and the gate's refusals (from the model's decision log),
/// oldest first, with actor, time, from → to, reason. A log line that is not a decision is skipped with a warning
/// (PIPE3906) on stderr; <c>pipeline doctor</c> reports it too.
/// </summary>
internal static class HistoryCommand
{
    public static Command Build(CliConsole console)
    {
        var common = new RegistryVerb();
        var model = new Argument<string>("model") { Description = "Model name." };
        var command = common.Add(new Command("history", "Show a model's registrations, alias events and gate refusals, oldest first.") { model });
        RegistryVerb.SetAction(command, console, common.Json, parse =>
        {
            var name = RegistryNames.Model(parse.GetValue(model));
            var store = common.Store(parse);
            var state = store.State(name, withMessages: true);
            if (!state.Exists)
            {
                throw new PipelineException(PipeCodes.ModelNotFound, $"model '{name}' has no registry tags");
            }

            var log = store.Decisions(name);
            foreach (var bad in log.Problems)
            {
                console.Error.WriteLine((bad with { Severity = Severity.Warning, Message = bad.Message + " (skipped)" }).Canonical());
            }

            var events = RegistryHistory.Of(state, log.Holds);
            using var signing = Signers(store);
            var signatures = events.Where(e => e.Kind is "assignment" or "unassignment" && e.Tag is not null && signing is not null)
                .ToDictionary(e => e.Tag!, e => signing!.Check(e.Tag!), StringComparer.Ordinal);
            if (parse.GetValue(common.Json))
            {
                JsonOut.Write(console.Out, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("model", name);
                    w.WriteStartArray("events");
                    foreach (var e in events)
                    {
                        w.WriteStartObject();
                        w.WriteString("kind", e.Kind);
                        RegistryVerb.Str(w, "tag", e.Tag);
                        RegistryVerb.Str(w, "commit", e.Commit);
                        RegistryVerb.Version(w, "version", e.Version);
                        RegistryVerb.Str(w, "alias", e.Alias);
                        if (e.Counter is long n)
                        {
                            w.WriteNumber("counter", n);
                        }
                        else
                        {
                            w.WriteNull("counter");
                        }

                        RegistryVerb.Version(w, "from", e.From);
                        RegistryVerb.Version(w, "to", e.To);
                        RegistryVerb.Version(w, "champion", e.Champion);
                        RegistryVerb.Str(w, "actor", e.Actor);
                        RegistryVerb.Str(
                            w,
                            "time",
                            e.Time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
                        RegistryVerb.Str(w, "reason", e.Reason);
                        w.WritePropertyName("evidence");
                        ValueJson.Write(w, e.Evidence ?? Value.Null);
                        w.WriteString("message", e.Subject);
                        if (e.Tag is not null && signatures.TryGetValue(e.Tag, out var signature))
                        {
                            w.WriteStartObject("signature");
                            w.WriteString("verdict", signature.Name);
                            RegistryVerb.Str(w, "signer", signature.Principal);
                            RegistryVerb.Str(w, "key", signature.Key);
                            w.WriteEndObject();
                        }
                        else
                        {
                            w.WriteNull("signature");
                        }

                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                });
            }
            else
            {
                foreach (var e in events)
                {
                    var time = e.Time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) ?? "?";
                    var what = e.Kind switch
                    {
                        "assignment" or "unassignment" => $"{e.Alias}: {e.From?.ToString() ?? "-"} → {e.To?.ToString() ?? "-"}",
                        "hold" => $"{e.Alias}: {e.Version} refused, {e.Champion?.ToString() ?? "-"} kept",
                        _ => e.Version?.ToString() ?? "",
                    };
                    var signed = e.Tag is not null && signatures.TryGetValue(e.Tag, out var s)
                        ? s.Trusted ? $"  signed by {s.Principal}" : $"  [{s.Describe()}]"
                        : "";
                    console.Out.WriteLine($"{time}  {e.Kind,-14} {what}  by {e.Actor}{signed}{(e.Reason is null ? "" : "  (" + e.Reason + ")")}");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// The protected ref's allowed-signers file, to say who signed each move; null when there is none (or the gate cannot
    /// be read: history still lists the moves, and doctor reports what is wrong with the gate).
    /// </summary>
    private static Pipeline.Git.Signing.SignedAliases? Signers(Pipeline.Git.Registry.RegistryStore store)
    {
        try
        {
            return Pipeline.Git.Signing.SignedAliases.Load(store.RepoPath, null, null, Environment.GetEnvironmentVariable, evenIfNotRequired: true);
        }
        catch (PipelineException)
        {
            return null;
        }
    }
}
