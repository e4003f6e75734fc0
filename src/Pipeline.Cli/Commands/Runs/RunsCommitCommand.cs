using System.CommandLine;
using Pipeline.Cli.Output;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Tracking;
using Pipeline.Git.Ledger;

namespace Pipeline.Cli.Commands.Runs;

/// <summary>
/// <c>pipeline runs commit ID…</c>: records and series already in registry/runs/ (written by the tracking API or an
/// ingest without --commit) as ONE commit. A run whose writer is still alive is refused: its files are still changing.
/// </summary>
internal static class RunsCommitCommand
{
    public static Command Build(CliConsole console)
    {
        var ids = new Argument<string[]>("ids") { Description = "Run ids (or unique prefixes) to commit.", Arity = ArgumentArity.OneOrMore };
        var repo = Verb.RepoOption();
        var json = Verb.JsonOption();
        var command = new Command("commit", "Commit runs already written to registry/runs/ as one commit.") { ids, repo, json };
        Verb.SetAction(command, console, json, parse =>
        {
            var root = RunsRepo.Root(parse.GetValue(repo));
            var ledger = RunsRepo.Ledger(root);
            var runs = (parse.GetValue(ids) ?? []).Select(ledger.Resolve).Distinct().Select(ledger.Read).ToArray();
            var live = runs.Where(r => RunLedger.EffectiveStatus(r) == RunStatus.Running).Select(r => r.Id).ToArray();
            if (live.Length > 0)
            {
                throw new PipelineException(PipeCodes.RunStillRunning, $"still being written by a live process: {string.Join(", ", live)}");
            }

            var files = new Dictionary<string, string?>(StringComparer.Ordinal);
            var committed = LedgerCommits.Committed(root, RunsRepo.Relative(root, ledger.Folder));
            var policy = Pipeline.Core.Project.ProjectConfig.Load(root).Series;
            foreach (var r in runs.Select(r => SeriesCompaction.Compact(ledger, r)))
            {
                // A run committed earlier with a JSONL series now carries the compact file instead.
                if (r.CompactSeries && committed.Contains(RunsRepo.Relative(root, ledger.LiveSeriesPath(r.Id))))
                {
                    files[RunsRepo.Relative(root, ledger.LiveSeriesPath(r.Id))] = null;
                }

                files[RunsRepo.Relative(root, ledger.RecordPath(r.Id))] = ledger.RecordPath(r.Id);
                if (File.Exists(ledger.SeriesPath(r.Id)))
                {
                    files[RunsRepo.Relative(root, ledger.SeriesPath(r.Id))] = ledger.SeriesPath(r.Id);
                }

                SeriesOffload.Apply(root, ledger, r, policy, files);
            }

            var sha = LedgerCommits.Commit(root, files,
                $"runs: commit {runs.Length} run{(runs.Length == 1 ? "" : "s")}\n\n" + string.Join(
                    "\n",
                    runs.Select(r => $"{r.Id} {r.Name} ({RunLedger.EffectiveStatus(r).Name()})")) + "\n");
            if (parse.GetValue(json))
            {
                JsonOut.Write(console.Out, w =>
                {
                    w.WriteStartObject();
                    w.WriteStartArray("runs");
                    foreach (var r in runs)
                    {
                        w.WriteStringValue(r.Id);
                    }

                    w.WriteEndArray();
                    w.WriteString("commit", sha);
                    w.WriteEndObject();
                });
            }
            else
            {
                console.Out.WriteLine($"committed {runs.Length} run(s) in {sha[..12]}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
