using System.CommandLine;
using Pipeline.Cli.Output;
using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Tracking;

namespace Pipeline.Cli.Commands.Runs;

/// <summary><c>pipeline runs show ID</c>: one run; a dead "running" run is shown as unfinished with summaries from its series.</summary>
internal static class RunsShowCommand
{
    public static Command Build(CliConsole console)
    {
        var id = new Argument<string>("id") { Description = "A run id or a unique prefix of one." };
        var repo = Verb.RepoOption();
        var json = Verb.JsonOption();
        var command = new Command("show", "Show one run: params, metric summaries, artifacts, lineage, evals.") { id, repo, json };
        Verb.SetAction(command, console, json, parse =>
        {
            var ledger = RunsRepo.Ledger(RunsRepo.Root(parse.GetValue(repo)));
            var runId = ledger.Resolve(parse.GetValue(id)!);
            var run = ledger.ReadForDisplay(runId, out var torn);
            if (torn is long tornLine)
            {
                console.Error.WriteLine(new Diagnostic(Severity.Warning, PipeCodes.RunSeriesTorn,
                    $"torn last line {tornLine} ignored (the writer was stopped mid-line)",
                    $"registry/runs/{run.SeriesFile}",
                    (int)Math.Min(tornLine, int.MaxValue)).Canonical());
            }

            if (parse.GetValue(json))
            {
                JsonOut.Write(console.Out, w => RunJson.WriteRecord(w, run, torn is long t ? x => x.WriteNumber("torn_line", t) : null));
                return ExitCodes.Success;
            }

            var o = console.Out;
            o.WriteLine($"run         {run.Id}");
            o.WriteLine($"name        {run.Name}");
            if (run.Experiment is not null)
            {
                o.WriteLine($"experiment  {run.Experiment}");
            }

            if (run.Method is not null)
            {
                o.WriteLine($"method      {run.Method}");
            }

            o.WriteLine($"status      {run.Status.Name()}");
            o.WriteLine($"start       {RunRecordWriter.Time(run.Start)}");
            o.WriteLine($"end         {(run.End is { } e ? RunRecordWriter.Time(e) : "-")}");
            if (run.Origin is { } origin)
            {
                o.WriteLine($"origin      {origin.Format} {origin.Path}{(origin.ExternalId is null ? "" : $" ({origin.ExternalId})")}");
            }

            if (run.Fingerprint is not null)
            {
                o.WriteLine($"fingerprint {run.Fingerprint}");
            }

            if (run.Lineage is not null)
            {
                o.WriteLine($"lineage     {CanonicalJson.Write(run.Lineage)}");
            }

            if (run.Params.Count > 0)
            {
                o.WriteLine("params");
                foreach (var m in run.Params.Members)
                {
                    o.WriteLine($"  {m.Key} = {(m.Value is StringValue s ? s.Value : CanonicalJson.Write(m.Value))}");
                }
            }

            if (run.Tags.Count > 0)
            {
                o.WriteLine("tags");
                foreach (var (k, v) in run.Tags)
                {
                    o.WriteLine($"  {k} = {v}");
                }
            }

            if (run.Metrics.Count > 0)
            {
                o.WriteLine($"metrics ({run.SeriesPoints} points)");
                var width = run.Metrics.Keys.Max(k => k.Length);
                foreach (var (k, s) in run.Metrics)
                {
                    var nonFinite = s.HasNonFinite ? $"  nan {s.NaN} inf {s.Inf}" : "";
                    o.WriteLine(
                        $"  {k.PadRight(width)}  last {RunComparison.Number(s.Last)} @ {s.LastStep}  min " +
                        $"{(s.Min is { } mn ? RunComparison.Number(mn) : "-")}  max {(s.Max is { } mx ? RunComparison.Number(mx) : "-")}  count " +
                        $"{s.Count}{nonFinite}");
                }
            }

            foreach (var a in run.Artifacts)
            {
                o.WriteLine(
                    $"artifact    {a.Uri}  " +
                    $"{a.Kind}{(a.Sha256 is null ? "" : $"  sha256:{a.Sha256}")}{(a.Size is { } size ? $"  {size} bytes" : "")}");
            }

            foreach (var ev in run.Evals)
            {
                o.WriteLine(
                    $"eval        {ev.Suite.Name}@{ev.Suite.Fingerprint} on {ev.Evaluated}: " +
                    $"{string.Join(", ", ev.Scores.Select(p => $"{p.Key}={RunComparison.Number(p.Value)}"))}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
