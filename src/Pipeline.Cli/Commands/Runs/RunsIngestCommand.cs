using System.CommandLine;
using System.Diagnostics;
using Pipeline.Cli.Output;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Tracking;
using Pipeline.Core.Tracking.Ingest;
using Pipeline.Git.Ledger;

namespace Pipeline.Cli.Commands.Runs;

/// <summary>
/// <c>pipeline runs ingest SOURCE</c>: one run from a JSONL file, a DVCLive folder or an MLflow run folder into
/// registry/runs/, streaming (flat memory); with --commit, record and series land as one commit.
/// </summary>
internal static class RunsIngestCommand
{
    public static Command Build(CliConsole console)
    {
        var source = new Argument<string>("source")
        {
            Description = "A .jsonl file, a DVCLive output folder, or an MLflow run folder (mlruns/<exp>/<run>)."
        };
        var format = new Option<string>("--format") { Description = "auto (default), jsonl, dvclive or mlflow.", DefaultValueFactory = _ => "auto" };
        var name = new Option<string?>("--name") { Description = "Run name (default: from the source, else its file name)." };
        var experiment = new Option<string?>("--experiment") { Description = "Experiment the run belongs to." };
        var method = new Option<string?>("--method") { Description = "Training method: sft, dpo, grpo, merge, …" };
        var paramsFile = new Option<string?>("--params") { Description = "A JSON or YAML file of params (key → value) to add to the run." };
        var commit = new Option<bool>("--commit") { Description = "Commit the run record and its series as one commit on the checked-out branch." };
        var again = new Option<bool>("--again")
        {
            Description = "Ingest even when the same source was ingested before (default: name the existing run and write nothing)."
        };
        var binding = new RunBindingOptions();
        var repo = Verb.RepoOption();
        var json = Verb.JsonOption();
        var command = new Command("ingest", "Ingest a run (JSONL, DVCLive or MLflow file store) into the ledger.")
        {
            source, format, name, experiment, method, paramsFile, commit, again, repo, json,
        };
        binding.AddTo(command);

        Verb.SetAction(command, console, json, parse =>
        {
            var root = RunsRepo.Root(parse.GetValue(repo));
            var ledger = RunsRepo.Ledger(root);
            var options = new IngestOptions(
                parse.GetValue(format) ?? "auto",
                parse.GetValue(name),
                parse.GetValue(experiment),
                parse.GetValue(method),
                parse.GetValue(paramsFile))
            {
                Binding = binding.Build(parse, root, parse.GetValue(repo) ?? Directory.GetCurrentDirectory(), console.Error),
            };
            if (parse.GetValue(commit))
            {
                // Fail before reading a 60 MB file when the commit could not be made anyway.
                LedgerCommits.Open(root);
            }

            var progress = ShowProgress(console) ? new Progress(console.RawError) : null;
            var outcome = parse.GetValue(again)
                ? new IngestOutcome(
                    RunIngestor.Ingest(parse.GetValue(source)!, ledger, options, progress is null ? null : progress.Report),
                    AlreadyIngested: false)
                : RunIngestor.IngestOnce(parse.GetValue(source)!, ledger, options, progress is null ? null : progress.Report);
            progress?.Done();
            var run = outcome.Run;
            if (outcome.AlreadyIngested)
            {
                return AlreadyIngested(console, parse.GetValue(json), run);
            }

            string? sha = null;
            if (parse.GetValue(commit))
            {
                var record = ledger.RecordPath(run.Id);
                var series = ledger.SeriesPath(run.Id);
                try
                {
                    var files = new Dictionary<string, string?>(StringComparer.Ordinal)
                    {
                        [RunsRepo.Relative(root, record)] = record,
                        [RunsRepo.Relative(root, series)] = series,
                    };
                    run = SeriesOffload.Apply(root, ledger, run, Pipeline.Core.Project.ProjectConfig.Load(root).Series, files);
                    sha = LedgerCommits.Commit(
                        root,
                        files,
                        $"runs: ingest {run.Id} ({run.Name})\n\nsource: {run.Origin?.Format} {run.Origin?.Path}\npoints: {run.SeriesPoints}\n");
                }
                catch (PipelineException)
                {
                    // The branch did not move: drop the uncommitted run so the re-run the error asks for is not a second copy.
                    File.Delete(record);
                    File.Delete(series);
                    throw;
                }
            }

            if (parse.GetValue(json))
            {
                JsonOut.Write(console.Out, w => RunJson.WriteRecord(w, run, sha is null ? null : x => x.WriteString("commit", sha)));
            }
            else
            {
                console.Out.WriteLine(
                    $"ingested {run.Id}  {run.Name}  ({run.Origin?.Format}, {run.Metrics.Count} metrics, {run.SeriesPoints} " +
                    $"points){(sha is null ? "" : $"  commit {sha[..12]}")}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static int AlreadyIngested(CliConsole console, bool json, RunRecord run)
    {
        console.Error.WriteLine(new Diagnostic(Severity.Notice, PipeCodes.RunAlreadyIngested,
            $"{run.Origin?.Path} was already ingested as {run.Id} ({run.Name}); nothing written (--again ingests a second copy)").Canonical());
        if (json)
        {
            JsonOut.Write(console.Out, w => RunJson.WriteRecord(w, run, x => x.WriteBoolean("already_ingested", true)));
        }
        else
        {
            console.Out.WriteLine($"already ingested {run.Id}  {run.Name}  (same source bytes as {run.Origin?.Path}); nothing written");
        }

        return ExitCodes.Success;
    }

    /// <summary>Progress only for a person watching: never into a redirected stderr (CI logs, tests, pipes).</summary>
    private static bool ShowProgress(CliConsole console) =>
        !Console.IsErrorRedirected && ReferenceEquals(console.RawError, Console.Error);

    private sealed class Progress(TextWriter error)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _lastMs = -1000;
        private bool _shown;

        public void Report(long done, long total)
        {
            if (_clock.ElapsedMilliseconds - _lastMs < 250)
            {
                return;
            }

            _lastMs = _clock.ElapsedMilliseconds;
            _shown = true;
            var pct = total > 0 ? $"{100.0 * done / total,5:0.0}%" : "";
            error.Write($"\ringesting {pct} {done / 1_048_576.0:0.0} MB of {total / 1_048_576.0:0.0} MB");
        }

        public void Done()
        {
            if (_shown)
            {
                error.WriteLine();
            }
        }
    }
}
