using System.CommandLine;
using Pipeline.Cli.Output;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Tracking;
using Pipeline.Git.Ledger;

namespace Pipeline.Cli.Commands.Runs;

/// <summary>
/// <c>pipeline runs delete ID [--commit]</c>: removes a run's record and series. Refused (PIPE3610) while a registered
/// version names the run as the one that trained it: that run is the version's evidence.
/// </summary>
internal static class RunsDeleteCommand
{
    public static Command Build(CliConsole console)
    {
        var id = new Argument<string>("id") { Description = "The run id (or a unique prefix)." };
        var commit = new Option<bool>("--commit") { Description = "Commit the removal as one commit on the checked-out branch." };
        var repo = Verb.RepoOption();
        var json = Verb.JsonOption();
        var command = new Command("delete", "Delete a run from the ledger (refused while a registered version links it).") { id, commit, repo, json };

        Verb.SetAction(command, console, json, parse =>
        {
            var root = RunsRepo.Root(parse.GetValue(repo));
            var ledger = RunsRepo.Ledger(root);
            var runId = ledger.Resolve(parse.GetValue(id)!);
            var run = ledger.Read(runId);
            if (RunLedger.EffectiveStatus(run) == RunStatus.Running)
            {
                throw new PipelineException(
                    PipeCodes.RunStillRunning,
                    $"run '{runId}' is still being written by a live process; stop it before deleting it");
            }

            var linking = RunRetention.Referencing(Path.GetDirectoryName(ledger.Folder)!, runId);
            if (linking.Count > 0)
            {
                throw new PipelineException(PipeCodes.RunLinkedByVersion,
                    $"run '{runId}' ({run.Name}) is named by " +
                    $"{string.Join(", ", linking.Select(f => RunsRepo.Relative(root, Path.Combine(Path.GetDirectoryName(ledger.Folder)!, f))))}");
            }

            var record = ledger.RecordPath(runId);
            var series = ledger.SeriesPath(runId);
            string? sha = null;
            if (parse.GetValue(commit))
            {
                var committed = LedgerCommits.Committed(root, RunsRepo.Relative(root, ledger.Folder));
                var removals = new[] { record, series }.Select(p => RunsRepo.Relative(root, p)).Where(committed.Contains)
                    .ToDictionary(p => p, p => (string?)null, StringComparer.Ordinal);
                if (removals.Count > 0)
                {
                    sha = LedgerCommits.Commit(root, removals, $"runs: delete {runId} ({run.Name})\n");
                }
            }

            // The record first: a series without its record is invisible, a record without its series is a broken run.
            File.Delete(record);
            File.Delete(series);
            if (parse.GetValue(json))
            {
                JsonOut.Write(console.Out, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("deleted", runId);
                    w.WriteString("name", run.Name);
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
                console.Out.WriteLine(
                    $"deleted {runId}  " +
                    $"{run.Name}{(sha is null ? parse.GetValue(commit) ? "  (it was never committed)" : "" : $"  commit {sha[..12]}")}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
