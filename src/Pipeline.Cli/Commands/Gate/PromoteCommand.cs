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
/// A hold is recorded too: one line appended to the model's decision log (<c>registry/&lt;model&gt;/decisions.jsonl</c>) in
/// one commit on the registry branch, never a tag, so the alias and GTO's view stay untouched.
/// Exit 0 promoted (or already holding the alias), 1 held, 2 bad input, 3 environment / lost every race.
/// </summary>
internal static class PromoteCommand
{
    public static Command Build(CliConsole console)
    {
        var options = new GateOptions();
        var push = RegistryVerb.PushOption();
        var reason = new Option<string?>("--reason") { Description = "Why the promotion was requested; recorded with the gate's verdict in the tag (or the hold)." };
        var json = Verb.JsonOption();
        var command = new Command("promote", "Gate a version and, if it passes, point the alias at it with the decision recorded in the tag.");
        options.AddTo(command);
        command.Options.Add(push);
        command.Options.Add(reason);
        command.Options.Add(json);

        Verb.SetAction(command, console, json, parse =>
        {
            var request = options.Request(parse);
            var why = parse.GetValue(reason);
            var inputs = GateRunner.Prepare(request, Environment.GetEnvironmentVariable);
            var store = inputs.Registry.Store;
            var version = SemVer.Parse(request.Version);
            var decisions = new List<GateDecision>();
            AliasState? seen = null;

            AssignDecision Decide(AliasState state)
            {
                if (version.Equals(state.Current))
                {
                    // Re-running a promote that went through (or was interrupted before the push) completes it.
                    return AssignDecision.Go("alias already holds this version");
                }

                seen = state;
                var decision = inputs.Decide(state.Current?.ToString());
                decisions.Add(decision);
                var evidence = CanonicalJson.Write(decision.ToValue());
                var verdict = decision.Promote ? PromoteReason(decision) : string.Join("; ", decision.Reasons);
                var text = string.IsNullOrWhiteSpace(why) ? verdict : $"{why.Trim()} — {verdict}";
                return decision.Promote ? AssignDecision.Go(text, evidence) : AssignDecision.Refuse(text, evidence);
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
            var hold = !result.Decision.Proceed && last is not null ? RecordHold(store, result, last, seen!.NextCounter - 1, remote) : null;
            var outcome = last is null ? null : new GateOutcome(last, inputs.Warnings, inputs.Series);
            if (outcome is not null)
            {
                GateCommand.Print(console, outcome, parse.GetValue(json), w =>
                {
                    Assignment(w, result, remote, decisions.Count);
                    Hold(w, hold, remote);
                });
            }
            else if (parse.GetValue(json))
            {
                Output.JsonOut.Write(console.Out, w =>
                {
                    w.WriteStartObject();
                    w.WriteBoolean("ok", true);
                    w.WriteNull("decision");
                    Assignment(w, result, remote, 0);
                    w.WriteNull("hold");
                    w.WriteEndObject();
                });
            }

            var line = result switch
            {
                { Decision.Proceed: false } => $"{result.Model}#{result.Alias}: not moved (held by the gate); the refusal is line {hold!.Line} of {hold.Path} (commit {hold.Commit[..12]}{(remote is null ? "" : $", pushed to {RegistryVerb.Shown(remote)}")})",
                { Created: false } => $"{result.Model}#{result.Alias}: nothing to do ({result.Decision.Reason})",
                _ => $"{result.Model}#{result.Alias}: {result.Previous?.ToString() ?? "-"} → {result.Version} (tag {result.Tag}{(remote is null ? "" : $", pushed to {RegistryVerb.Shown(remote)}")})",
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

    /// <summary>
    /// Appends the hold to the decision log (and with --push publishes the branch, replaying the append on the remote's
    /// head after a lost race). The refusal stands either way; if it cannot be recorded the command fails with the
    /// write's own code, naming the hold, because a governed registry must not lose a refusal silently.
    /// </summary>
    private static HoldRecord RecordHold(RegistryStore store, AliasResult result, GateDecision decision, long seenCounter, string? remote)
    {
        var version = SemVer.Parse(decision.Candidate.Version);
        HoldRecord Write() => store.RecordHold(result.Model, result.Alias, version, result.Previous, seenCounter, result.Decision.Reason, decision.ToValue());
        try
        {
            return remote is null
                ? Write()
                : new RemoteSync(store, remote).Run(result.Model, Write, h => [$"refs/heads/{store.Branch}"], h => (h.Commit, h.Parent));
        }
        catch (PipelineException ex)
        {
            throw new PipelineException(ex.Code,
                $"the gate held {result.Model}@{version} for '{result.Alias}' ({result.Decision.Reason}), but the refusal could not be recorded: {ex.Message}",
                ex.File, ex.Line, ex.Hint);
        }
        catch (LibGit2Sharp.LibGit2SharpException ex)
        {
            throw new PipelineException(PipeCodes.GitWriteFailed,
                $"the gate held {result.Model}@{version} for '{result.Alias}', but the refusal could not be recorded: {Pipeline.Git.UrlRedaction.Strip(ex.Message)}");
        }
    }

    private static void Hold(System.Text.Json.Utf8JsonWriter w, HoldRecord? hold, string? remote)
    {
        if (hold is null)
        {
            w.WriteNull("hold");
            return;
        }

        w.WriteStartObject("hold");
        w.WriteString("log", hold.Path);
        w.WriteNumber("line", hold.Line);
        w.WriteString("commit", hold.Commit);
        RegistryVerb.Str(w, "pushed", RegistryVerb.Shown(remote));
        w.WriteEndObject();
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
        RegistryVerb.Str(w, "pushed", RegistryVerb.Shown(remote));
        w.WriteEndObject();
    }
}
