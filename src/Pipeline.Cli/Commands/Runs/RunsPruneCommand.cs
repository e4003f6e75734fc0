using System.CommandLine;
using Pipeline.Cli.Output;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Tracking;
using Pipeline.Git.Ledger;

namespace Pipeline.Cli.Commands.Runs;

/// <summary>
/// <c>pipeline runs prune --older-than 90d</c>: removes old, unregistered runs and their series in ONE commit.
/// A run referenced by a registered version is never removed (see <see cref="RunRetention"/> for what counts).
/// </summary>
internal static class RunsPruneCommand
{
    public static Command Build(CliConsole console)
    {
        var olderThan = new Option<string>("--older-than")
        {
            Description = "Prune runs started longer ago than this (e.g. 90d, 2w, 12h).",
            Required = true
        };
        var keepRegistered = new Option<bool>("--keep-registered")
        {
            Description = "Also keep runs whose lineage fingerprint equals a registered version's (runs referenced by a version are always kept)."
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would be pruned; write nothing." };
        var repo = Verb.RepoOption();
        var json = Verb.JsonOption();
        var command = new Command("prune", "Remove old unregistered runs and their series in one commit.")
        {
            olderThan,
            keepRegistered,
            dryRun,
            repo,
            json
        };
        Verb.SetAction(command, console, json, parse =>
        {
            var age = Duration.Parse(parse.GetValue(olderThan)!);
            var root = RunsRepo.Root(parse.GetValue(repo));
            var ledger = RunsRepo.Ledger(root);
            var dry = parse.GetValue(dryRun);
            // Only runs recorded in git history are pruned: deleting an uncommitted run would lose it for good.
            var committed = LedgerCommits.Committed(root, RunsRepo.Relative(root, ledger.Folder));
            var plan = RunRetention.Plan(ledger, Path.GetDirectoryName(ledger.Folder)!, age, DateTimeOffset.UtcNow, parse.GetValue(keepRegistered))
                .Select(d => d.Prune && !committed.Contains(RunsRepo.Relative(root, ledger.RecordPath(d.Id)))
                    ? d with { Prune = false, Reason = "not committed (prune only removes runs recorded in git history)" }
                    : d)
                .ToArray();
            var pruned = plan.Where(d => d.Prune).ToArray();
            string? sha = null;
            if (!dry && pruned.Length > 0)
            {
                var changes = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var d in pruned)
                {
                    changes[RunsRepo.Relative(root, ledger.RecordPath(d.Id))] = null;
                    if (committed.Contains(RunsRepo.Relative(root, ledger.SeriesPath(d.Id))))
                    {
                        changes[RunsRepo.Relative(root, ledger.SeriesPath(d.Id))] = null;
                    }
                }

                sha = LedgerCommits.Commit(root, changes,
                    $"runs: prune {pruned.Length} run{(pruned.Length == 1 ? "" : "s")} older than {parse.GetValue(olderThan)}\n\n" + string.Join(
                        "\n",
                        pruned.Select(p => p.Id)) + "\n");
            }

            if (parse.GetValue(json))
            {
                JsonOut.Write(console.Out, w =>
                {
                    w.WriteStartObject();
                    w.WriteBoolean("dry_run", dry);
                    w.WriteStartArray("pruned");
                    foreach (var d in pruned)
                    {
                        w.WriteStringValue(d.Id);
                    }

                    w.WriteEndArray();
                    w.WriteStartArray("kept");
                    foreach (var d in plan.Where(d => !d.Prune))
                    {
                        w.WriteStartObject();
                        w.WriteString("id", d.Id);
                        w.WriteString("reason", d.Reason);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    if (sha is null)
                    {
                        w.WriteNull("commit");
                    }
                    else
                    {
                        w.WriteString("commit", sha);
                    }

                    w.WriteEndObject();
                });
            }
            else
            {
                foreach (var d in plan)
                {
                    console.Out.WriteLine($"{(d.Prune ? dry ? "would prune" : "pruned" : "kept")}  {d.Id}  {d.Reason}");
                }

                console.Out.WriteLine(sha is null
                    ? $"{pruned.Length} run(s) {(dry ? "would be pruned (dry run)" : "pruned")}"
                    : $"{pruned.Length} run(s) pruned in commit {sha[..12]}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
