using System.CommandLine;
using Pipeline.Cli.Output;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Project;
using Pipeline.Core.Tracking;
using Pipeline.Core.Tracking.Search;

namespace Pipeline.Cli.Commands.Runs;

/// <summary>
/// <c>pipeline runs list [--filter F] [--sort K[:desc],…] [--columns C,…]</c>: the runs of the ledger, oldest first,
/// searched with MLflow's filter grammar (<see cref="RunFilter"/>).
/// </summary>
internal static class RunsListCommand
{
    private static readonly string[] DefaultColumns = ["id", "status", "method", "experiment", "name", "points"];

    public static Command Build(CliConsole console)
    {
        var experiment = new Option<string?>("--experiment") { Description = "Only runs of this experiment." };
        var filter = new Option<string?>("--filter")
        {
            Description = "Only runs matching this search, e.g. \"params.lr < 3e-5 and metrics.loss.min < 0.5 and tags.method = 'sft'\"."
        };
        var sort = new Option<string?>("--sort") { Description = "Order by these fields, e.g. metrics.mmlu:desc,params.lr (missing values last)." };
        var columns = new Option<string?>("--columns")
        {
            Description = "Table columns, e.g. name,params.lr,metrics.loss.last (default: id,status,method,experiment,name,points)."
        };
        var repo = Verb.RepoOption();
        var json = Verb.JsonOption();
        var command = new Command("list", "List and search the runs of the ledger.") { experiment, filter, sort, columns, repo, json };
        Verb.SetAction(command, console, json, parse =>
        {
            var root = RunsRepo.Root(parse.GetValue(repo));
            var ledger = RunsRepo.Ledger(root);
            var names = ProjectConfig.Load(root).MetricNames;
            var search = parse.GetValue(filter) is { } f ? RunFilter.Parse(f) : null;
            var order = parse.GetValue(sort) is { } s ? RunOrder.Parse(s) : null;
            var shown = (
                parse.GetValue(columns) is { } c
                    ? c.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    : DefaultColumns)
                .Select(RunField.Parse).ToArray();
            var byExperiment = parse.GetValue(experiment);
            IEnumerable<RunRecord> runs = ledger.List()
                .Where(r => byExperiment is null || string.Equals(r.Experiment, byExperiment, StringComparison.Ordinal))
                .Where(r => search is null || search.Matches(r, names))
                .Select(r => r with { Status = RunLedger.EffectiveStatus(r) });
            var list = (order is null ? runs : order.Apply(runs, names)).ToArray();
            if (parse.GetValue(json))
            {
                JsonOut.Write(console.Out, w =>
                {
                    w.WriteStartObject();
                    w.WriteStartArray("runs");
                    foreach (var r in list)
                    {
                        RunJson.WriteRecord(w, r);
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                });
                return ExitCodes.Success;
            }

            if (list.Length == 0)
            {
                console.Out.WriteLine(search is null ? $"no runs in {ledger.DisplayFolder}" : $"no run in {ledger.DisplayFolder} matches the filter");
                return ExitCodes.Success;
            }

            var rows = list.Select(r => shown.Select(col => ShortNumber.Cell(col.Read(r, names))).ToArray()).ToList();
            rows.Insert(0, shown.Select(col => col.Display.ToUpperInvariant()).ToArray());
            TextTable.Write(console.Out, rows);
            return ExitCodes.Success;
        });
        return command;
    }
}
