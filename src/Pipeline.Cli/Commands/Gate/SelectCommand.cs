using System.CommandLine;
using System.Globalization;
using Pipeline.Cli.Output;
using Pipeline.Cli.Output.Results;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Sweep;
using Pipeline.Core.Tracking.Search;

namespace Pipeline.Cli.Commands.Gate;

/// <summary>
/// <c>pipeline select RUNS… --metric NAME (--maximize|--minimize) [--cohort SUITE_FP]</c>: the sweep's winner by evaluated
/// score. Exit 0 with a winner; 1 when the runs are incomparable or none has an evaluated score; 2 on bad input.
/// </summary>
internal static class SelectCommand
{
    public static Command Build(CliConsole console)
    {
        var runs = new Argument<string[]>("runs")
        {
            Description = "Run files, folders of run files, or run ids in registry/runs/ (none: every run of the ledger, with --filter).",
            Arity = ArgumentArity.ZeroOrMore
        };
        var metric = new Option<string>("--metric") { Description = "The score to rank by (a key of the eval results' scores).", Required = true };
        var maximize = new Option<bool>("--maximize") { Description = "Higher is better." };
        var minimize = new Option<bool>("--minimize") { Description = "Lower is better." };
        var cohort = new Option<string?>("--cohort") { Description = "Rank only eval results on this suite fingerprint." };
        var filter = new Option<string?>("--filter") { Description = "Rank only runs matching this search (the grammar of 'runs list --filter')." };
        var repo = Verb.RepoOption();
        var json = Verb.JsonOption();
        var command = new Command("select", "Pick a sweep's winner by evaluated score (one eval suite; ties to the earliest run; NaN never wins).")
        {
            runs, metric, maximize, minimize, cohort, filter, repo, json,
        };

        Verb.SetAction(command, console, json, parse =>
        {
            if (parse.GetValue(maximize) == parse.GetValue(minimize))
            {
                throw new PipelineException(PipeCodes.UsageError, "give exactly one of --maximize or --minimize");
            }

            var direction = parse.GetValue(maximize) ? Direction.Maximize : Direction.Minimize;
            var root = parse.GetValue(repo) ?? Directory.GetCurrentDirectory();
            var given = parse.GetValue(runs) ?? [];
            var search = parse.GetValue(filter) is { } f ? RunFilter.Parse(f) : null;
            if (given.Length == 0 && search is null)
            {
                throw new PipelineException(PipeCodes.UsageError, "give the runs to rank, or --filter to rank the ledger's runs that match it");
            }

            var result = SweepSelector.Select(Candidates(given, search, root), parse.GetValue(metric)!, direction, parse.GetValue(cohort));

            foreach (var u in result.Unranked)
            {
                console.Error.WriteLine(
                    new Diagnostic(Severity.Warning, PipeCodes.SweepRunUnranked, $"run '{u.RunId}' not ranked: {u.Reason}").Canonical());
            }

            if (parse.GetValue(json))
            {
                WriteJson(console, result);
            }
            else
            {
                WriteText(console, result);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// Without --filter only what ranking needs is read from each record (<see cref="SelectCandidates"/>); a filter
    /// matches on whole records, and its metric names come from pipeline.yaml.
    /// </summary>
    private static IReadOnlyList<Candidate> Candidates(string[] given, RunFilter? search, string root)
    {
        if (search is null)
        {
            return SelectCandidates.Read(given, root);
        }

        var names = Pipeline.Core.Project.ProjectConfig.Load(root).MetricNames;
        var inputs = RunInputs.Resolve(given.Length == 0 ? [RunInputs.LedgerFolder(root)] : given, root)
            .Where(i => search.Matches(i.Record, names)).ToArray();
        if (inputs.Length == 0)
        {
            throw new PipelineException(PipeCodes.UsageError, $"no run matches the filter \"{search.Text}\"");
        }

        return inputs.Select(i => RunCandidates.From(i.Record)).ToArray();
    }

    private static void WriteText(CliConsole console, SweepResult r)
    {
        console.Out.WriteLine(
            $"winner: {r.Winner.RunId}  {r.Metric} = {F(r.Winner.Score)}  (suite {r.Suite.Name}, {r.Suite.Fingerprint}; {r.Direction.Name()})");
        var width = Math.Max(3, r.Ranking.Max(x => x.RunId.Length));
        console.Out.WriteLine($"{"rank",4}  {"run".PadRight(width)}  {r.Metric,-12}  started");
        foreach (var x in r.Ranking)
        {
            console.Out.WriteLine($"{x.Rank,4}  {x.RunId.PadRight(width)}  {F(x.Score),-12}  {x.StartedAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}");
        }

        foreach (var u in r.Unranked)
        {
            console.Out.WriteLine($"   -  {u.RunId.PadRight(width)}  not ranked: {u.Reason}");
        }
    }

    private static void WriteJson(CliConsole console, SweepResult r) =>
        JsonOut.Write(console.Out, Documents.Of(r), CliJsonContext.Default.SelectOutput);

    private static string F(double d) => d.ToString("R", CultureInfo.InvariantCulture);
}
