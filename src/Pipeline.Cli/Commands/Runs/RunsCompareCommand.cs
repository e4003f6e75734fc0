using System.CommandLine;
using Pipeline.Cli.Output;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Report;
using Pipeline.Core.Tracking;

namespace Pipeline.Cli.Commands.Runs;

/// <summary><c>pipeline runs compare ID…</c>: params that differ and metric summaries side by side; --format md for a PR comment.</summary>
internal static class RunsCompareCommand
{
    public static Command Build(CliConsole console)
    {
        var ids = new Argument<string[]>("ids") { Description = "Two or more run ids (or unique prefixes).", Arity = ArgumentArity.OneOrMore };
        var metric = new Option<string[]>("--metric")
        {
            Description = "Only these metrics (repeat the option for several).",
            AllowMultipleArgumentsPerToken = true
        };
        var format = new Option<string>("--format")
        {
            Description = "text (default) or md (a Markdown table for a PR comment).",
            DefaultValueFactory = _ => "text"
        };
        var plot = new Option<string?>("--plot")
        {
            Description = "Also write the report's compare page for these runs (an HTML file; default compare.html).",
            Arity = ArgumentArity.ZeroOrOne
        };
        var repo = Verb.RepoOption();
        var json = Verb.JsonOption();
        var command = new Command("compare", "Compare runs: params that differ, metric summaries, eval scores.")
        {
            ids,
            metric,
            format,
            plot,
            repo,
            json
        };
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
            string? page = null;
            if (parse.GetResult(plot) is not null)
            {
                var root = RunsRepo.Root(parse.GetValue(repo));
                var input = new ReportInput("runs of " + Path.GetFileName(root), DateTimeOffset.UtcNow, [], []);
                var reports = runs.Select(r => new RunReport(r, () => ledger.Series(r.Id).Read())).ToArray();
                page = ReportSite.WriteCompare(input, reports, parse.GetValue(plot) ?? "compare.html");
            }

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
                    if (page is not null)
                    {
                        w.WriteString("plot", page);
                    }

                    w.WriteEndObject();
                });
            }
            else
            {
                console.Out.Write(fmt == "md" ? comparison.ToMarkdown() : comparison.ToText(TerminalWidth(console)));
                if (page is not null)
                {
                    console.Error.WriteLine($"compare page: {page}");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The terminal's width when stdout is one (or $COLUMNS); unbounded for pipes, files and tests.</summary>
    private static int TerminalWidth(CliConsole console)
    {
        if (int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 20)
        {
            return columns;
        }

        return ReferenceEquals(console.Out, Console.Out) && !Console.IsOutputRedirected ? Math.Max(Console.WindowWidth, 40) : int.MaxValue;
    }

    private static void Rows(System.Text.Json.Utf8JsonWriter w, string name, IReadOnlyList<ComparisonRow> rows, bool stat)
    {
        w.WriteStartArray(name);
        foreach (var row in rows)
        {
            w.WriteStartObject();
            w.WriteString("key", row.Key);
            if (stat)
            {
                w.WriteString(name == "evals" ? "suite" : "stat", row.Stat);
            }

            w.WriteStartArray("values");
            foreach (var c in row.Cells)
            {
                if (c is null)
                {
                    w.WriteNullValue();
                }
                else
                {
                    w.WriteStringValue(c);
                }
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
