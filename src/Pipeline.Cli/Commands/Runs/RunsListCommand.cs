using System.CommandLine;
using Pipeline.Cli.Output;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Tracking;

namespace Pipeline.Cli.Commands.Runs;

/// <summary><c>pipeline runs list</c>: every run of the ledger, oldest first, with its effective status.</summary>
internal static class RunsListCommand
{
    public static Command Build(CliConsole console)
    {
        var experiment = new Option<string?>("--experiment") { Description = "Only runs of this experiment." };
        var repo = Verb.RepoOption();
        var json = Verb.JsonOption();
        var command = new Command("list", "List the runs in registry/runs/.") { experiment, repo, json };
        Verb.SetAction(command, console, json, parse =>
        {
            var ledger = RunsRepo.Ledger(RunsRepo.Root(parse.GetValue(repo)));
            var filter = parse.GetValue(experiment);
            var runs = ledger.List()
                .Where(r => filter is null || string.Equals(r.Experiment, filter, StringComparison.Ordinal))
                .Select(r => r with { Status = RunLedger.EffectiveStatus(r) })
                .ToArray();
            if (parse.GetValue(json))
            {
                JsonOut.Write(console.Out, w =>
                {
                    w.WriteStartObject();
                    w.WriteStartArray("runs");
                    foreach (var r in runs) RunJson.WriteRecord(w, r);
                    w.WriteEndArray();
                    w.WriteEndObject();
                });
                return ExitCodes.Success;
            }

            if (runs.Length == 0)
            {
                console.Out.WriteLine($"no runs in {ledger.Folder}");
                return ExitCodes.Success;
            }

            var rows = runs.Select(r => new[] { r.Id, r.Status.Name(), r.Method ?? "-", r.Experiment ?? "-", r.Name, r.SeriesPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) }).ToList();
            rows.Insert(0, ["ID", "STATUS", "METHOD", "EXPERIMENT", "NAME", "POINTS"]);
            var widths = Enumerable.Range(0, 6).Select(i => rows.Max(r => r[i].Length)).ToArray();
            foreach (var row in rows)
            {
                console.Out.WriteLine(string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
