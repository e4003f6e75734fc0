using System.CommandLine;
using Pipeline.Cli.Output;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Tracking;

namespace Pipeline.Cli.Commands.Runs;

/// <summary><c>pipeline runs compare ID…</c>: params that differ and metric summaries side by side; --format md for a PR comment.</summary>
internal static class RunsCompareCommand
{
    public static Command Build(CliConsole console)
    {
        var ids = new Argument<string[]>("ids") { Description = "Two or more run ids (or unique prefixes).", Arity = ArgumentArity.OneOrMore };
        var metric = new Option<string[]>("--metric") { Description = "Only these metrics (repeat the option for several).", AllowMultipleArgumentsPerToken = true };
        var format = new Option<string>("--format") { Description = "text (default) or md (a Markdown table for a PR comment).", DefaultValueFactory = _ => "text" };
        var repo = Verb.RepoOption();
        var json = Verb.JsonOption();
        var command = new Command("compare", "Compare runs: params that differ, metric summaries, eval scores.") { ids, metric, format, repo, json };
        Verb.SetAction(command, console, json, parse =>
        {
            var fmt = parse.GetValue(format) ?? "text";
            if (fmt is not ("text" or "md"))
            {
                throw new PipelineException(PipeCodes.UsageError, $"unknown --format '{fmt}' (text, md)");
            }

            var ledger = RunsRepo.Ledger(RunsRepo.Root(parse.GetValue(repo)));
            var given = parse.GetValue(ids) ?? [];
            if (given.Length < 2)
            {
                throw new PipelineException(PipeCodes.UsageError, "give at least two run ids to compare");
            }

            var runs = given.Select(ledger.Resolve).Select(id => ledger.ReadForDisplay(id, out _)).ToArray();
            var comparison = RunComparison.Build(runs, parse.GetValue(metric));
            if (parse.GetValue(json))
            {
                JsonOut.Write(console.Out, w =>
                {
                    w.WriteStartObject();
                    w.WriteStartArray("runs");
                    foreach (var r in runs)
                    {
                        w.WriteStartObject();
                        w.WriteString("id", r.Id);
                        w.WriteString("name", r.Name);
                        w.WriteString("status", r.Status.Name());
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    Rows(w, "params", comparison.Params, stat: false);
                    Rows(w, "metrics", comparison.Metrics, stat: true);
                    Rows(w, "evals", comparison.Evals, stat: true);
                    w.WriteString("markdown", comparison.ToMarkdown());
                    w.WriteEndObject();
                });
            }
            else
            {
                console.Out.Write(fmt == "md" ? comparison.ToMarkdown() : comparison.ToText());
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void Rows(System.Text.Json.Utf8JsonWriter w, string name, IReadOnlyList<ComparisonRow> rows, bool stat)
    {
        w.WriteStartArray(name);
        foreach (var row in rows)
        {
            w.WriteStartObject();
            w.WriteString("key", row.Key);
            if (stat) w.WriteString(name == "evals" ? "suite" : "stat", row.Stat);
            w.WriteStartArray("values");
            foreach (var c in row.Cells)
            {
                if (c is null) w.WriteNullValue();
                else w.WriteStringValue(c);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
