using System.CommandLine;
using Pipeline.Cli.Commands.Registry;
using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Gate;
using Pipeline.Core.Registry;
using Pipeline.Git.Registry;

namespace Pipeline.Cli.Commands.Gate;

/// <summary>
/// <c>pipeline promote MODEL --version V --alias A [--push [REMOTE]]</c>: the gate, then the assignment tag carrying
/// the decision as its evidence. The decision is made inside the registry's compare-and-swap: when another writer takes
/// the counter first, the alias is re-read and the gate decides again against the new champion before retrying.
/// Exit 0 promoted (or already holding the alias), 1 held, 2 bad input, 3 environment / lost every race.
/// </summary>
internal static class PromoteCommand
{
    public static Command Build(CliConsole console)
    {
        var options = new GateOptions();
        var push = RegistryVerb.PushOption();
        var json = Verb.JsonOption();
        var command = new Command("promote", "Gate a version and, if it passes, point the alias at it with the decision recorded in the tag.");
        options.AddTo(command);
        command.Options.Add(push);
        command.Options.Add(json);

        Verb.SetAction(command, console, json, parse =>
        {
            var request = options.Request(parse);
            var inputs = GateRunner.Prepare(request, Environment.GetEnvironmentVariable);
            var store = inputs.Registry.Store;
            var version = SemVer.Parse(request.Version);
            var decisions = new List<GateDecision>();

            AssignDecision Decide(AliasState state)
            {
                if (version.Equals(state.Current))
                {
                    // Re-running a promote that went through (or was interrupted before the push) completes it.
                    return AssignDecision.Go("alias already holds this version");
                }

                var decision = inputs.Decide(state.Current?.ToString());
                decisions.Add(decision);
                var evidence = CanonicalJson.Write(decision.ToValue());
                return decision.Promote
                    ? AssignDecision.Go(PromoteReason(decision), evidence)
                    : AssignDecision.Refuse(string.Join("; ", decision.Reasons), evidence);
            }

            var remote = RegistryVerb.PushRemote(parse, push);
            AliasResult result;
            try
            {
                result = remote is null
                    ? store.Assign(request.Model, version, request.Alias, decide: Decide)
                    : new RemoteSync(store, remote).Run(request.Model, () => store.Assign(request.Model, version, request.Alias, decide: Decide), AliasOutput.Refs);
            }
            catch (LibGit2Sharp.LibGit2SharpException ex)
            {
                throw new PipelineException(PipeCodes.GitWriteFailed, Pipeline.Git.UrlRedaction.Strip(ex.Message));
            }

            var last = decisions.Count > 0 ? decisions[^1] : null;
            var outcome = last is null ? null : new GateOutcome(last, inputs.Warnings);
            if (outcome is not null)
            {
                GateCommand.Print(console, outcome, parse.GetValue(json), w => Assignment(w, result, remote, decisions.Count));
            }
            else if (parse.GetValue(json))
            {
                Output.JsonOut.Write(console.Out, w =>
                {
                    w.WriteStartObject();
                    w.WriteBoolean("ok", true);
                    w.WriteNull("decision");
                    Assignment(w, result, remote, 0);
                    w.WriteEndObject();
                });
            }

            var line = result switch
            {
                { Decision.Proceed: false } => $"{result.Model}#{result.Alias}: not moved (held by the gate)",
                { Created: false } => $"{result.Model}#{result.Alias}: nothing to do ({result.Decision.Reason})",
                _ => $"{result.Model}#{result.Alias}: {result.Previous?.ToString() ?? "-"} → {result.Version} (tag {result.Tag}{(remote is null ? "" : $", pushed to {remote}")})",
            };
            if (!parse.GetValue(json))
            {
                console.Out.WriteLine(line);
            }

            if (Output.ActionsBridge.Enabled)
            {
                Output.ActionsBridge.Summary($"**promote**: {line}\n\n");
            }

            return result.Decision.Proceed ? ExitCodes.Success : ExitCodes.No;
        });
        return command;
    }

    private static string PromoteReason(GateDecision d) =>
        $"gate passed: {d.Gate.Metric} {d.Candidate.Score?.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} ({GateDecisionJson.Snake(d.Comparison)})";

    private static void Assignment(System.Text.Json.Utf8JsonWriter w, AliasResult r, string? remote, int decisions)
    {
        w.WriteStartObject("assignment");
        RegistryVerb.Version(w, "version", r.Version);
        RegistryVerb.Version(w, "previous", r.Previous);
        RegistryVerb.Str(w, "tag", r.Tag);
        if (r.Counter is long n) w.WriteNumber("counter", n);
        else w.WriteNull("counter");
        w.WriteBoolean("created", r.Created);
        w.WriteBoolean("moved", r.Created && r.Decision.Proceed);
        w.WriteString("reason", r.Decision.Reason);
        w.WriteNumber("decisions", decisions);
        RegistryVerb.Str(w, "pushed", remote);
        w.WriteEndObject();
    }
}
