using System.CommandLine;
using Pipeline.Cli.Commands.Registry;
using Pipeline.Cli.Output.Results;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Registry;
using Pipeline.Git.Gate;
using Pipeline.Git.Registry;

namespace Pipeline.Cli.Commands.Gate;

/// <summary>
/// <c>pipeline promote MODEL --version V --alias A [--push [REMOTE]]</c>: parses the options, hands the gate's inputs
/// to the <see cref="Promotion"/> use case (reviewed-version guard, gate inside the compare-and-swap, assignment tag or
/// recorded hold) and prints its typed result. Exit 0 promoted (or already holding the alias), 1 held or not reviewed,
/// 2 bad input, 3 environment / lost every race.
/// </summary>
internal static class PromoteCommand
{
    public static Command Build(CliConsole console)
    {
        var options = new GateOptions();
        var push = RegistryVerb.PushOption();
        var reason = new Option<string?>("--reason")
        {
            Description = "Why the promotion was requested; recorded with the gate's verdict in the tag (or the hold)."
        };
        var json = Verb.JsonOption();
        var command = new Command(
            "promote",
            "Gate a reviewed (merged) version and, if it passes, point the alias at it with the decision recorded in the tag.");
        options.AddTo(command);
        command.Options.Add(push);
        command.Options.Add(reason);
        command.Options.Add(json);

        Verb.SetAction(command, console, json, parse =>
        {
            var request = options.Request(parse);
            var inputs = GateRunner.Prepare(request, Environment.GetEnvironmentVariable);
            var store = inputs.Registry.Store;
            var remote = RegistryVerb.PushRemote(parse, push);
            // Read only when the protected gate asks for signed alias tags: it costs a git process per event it checks.
            using var signing = inputs.Gate.Require.SignedTags
                ? Pipeline.Git.Signing.SignedAliases.Load(store.RepoPath, request.GateFile, request.GateRef, Environment.GetEnvironmentVariable)
                : null;
            var promotion = new Promotion(store, inputs.Decide) { Signing = signing }
                .Run(request.Model, SemVer.Parse(request.Version), request.Alias, parse.GetValue(reason), remote, request.GateRef);
            var result = promotion.Assignment;
            var hold = promotion.Hold;
            var outcome = promotion.Decision is { } decision ? new GateOutcome(decision, inputs.Warnings, inputs.Series) : null;
            if (outcome is not null)
            {
                GateCommand.Report(console, outcome, parse.GetValue(json));
            }

            if (parse.GetValue(json))
            {
                Output.JsonOut.Write(console.Out, new PromoteOutput(
                    true,
                    outcome is null ? null : Output.Documents.Of(outcome.Decision),
                    outcome is null ? null : GateCommand.Warnings(outcome),
                    Assignment(result, remote, promotion.Decisions),
                    Hold(hold, remote)), CliJsonContext.Default.PromoteOutput);
            }

            if (promotion.HoldNotRecorded is { } why)
            {
                console.Error.WriteLine(new Diagnostic(Severity.Warning, PipeCodes.HoldNotRecorded,
                    $"{result.Model}#{result.Alias}: the gate held {request.Version}, " +
                    $"and the refusal is not in the decision log: {why}").Canonical());
            }

            var line = result switch
            {
                { Decision.Proceed: false } when hold is null =>
                    $"{result.Model}#{result.Alias}: not moved (held by the gate); the refusal was not recorded (the remote refused the " +
                    "decision-log commit, PIPE4103)",
                { Decision.Proceed: false } =>
                    $"{result.Model}#{result.Alias}: not moved (held by the gate); the refusal is line {hold!.Line} of {hold.Path} (commit " +
                    $"{hold.Commit[..12]}{(remote is null ? "" : $", pushed to {RegistryVerb.Shown(remote)}")})",
                { Created: false } => $"{result.Model}#{result.Alias}: nothing to do ({result.Decision.Reason})",
                _ =>
                    $"{result.Model}#{result.Alias}: {result.Previous?.ToString() ?? "-"} → {result.Version} (tag " +
                    $"{result.Tag}{(remote is null ? "" : $", pushed to {RegistryVerb.Shown(remote)}")})",
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

    private static HoldDocument? Hold(HoldRecord? hold, string? remote) =>
        hold is null ? null : new HoldDocument(hold.Path, hold.Line, hold.Commit, RegistryVerb.Shown(remote));

    private static AssignmentDocument Assignment(AliasResult r, string? remote, int decisions) => new(
        r.Version?.ToString(), r.Previous?.ToString(), r.Tag, r.Counter, r.Created, r.Created && r.Decision.Proceed,
        r.Decision.Reason, decisions, RegistryVerb.Shown(remote));
}
