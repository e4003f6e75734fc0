using System.CommandLine;
using System.Globalization;
using Pipeline.Cli.Commands.Registry;
using Pipeline.Cli.Output;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Project;
using Pipeline.Core.Report;
using Pipeline.Git.Report;

namespace Pipeline.Cli.Commands.Report;

/// <summary>
/// <c>pipeline report [--out DIR] [--rev REF]</c>: a static, self-contained HTML site of the registry and the run
/// ledger (models, aliases, alias timeline, versions with lineage and gate decisions, runs, charts, comparisons).
/// </summary>
internal static class ReportCommand
{
    public const string DefaultFolder = "pipeline-report";

    public static Command Build(CliConsole console)
    {
        var common = new RegistryVerb();
        var output = new Option<string>("--out")
        {
            Description = $"The folder to write (default {DefaultFolder}); an earlier report there is replaced whole.",
            DefaultValueFactory = _ => DefaultFolder
        };
        var rev = new Option<string?>("--rev") { Description = "Read the run ledger at this commit, branch or tag (default: the working tree)." };
        var command = common.Add(
            new Command("report", "Write a static HTML report of models, aliases, versions and runs (charts, comparisons).") { output, rev });
        RegistryVerb.SetAction(command, console, common.Json, parse =>
        {
            var store = common.Store(parse);
            using var collector = new ReportCollector();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var collecting = ReportTiming.Start();
            var input = collector.Collect(store, parse.GetValue(rev), ProjectConfig.Load(store.RepoPath).MetricNames);
            ReportTiming.Stop(ReportTiming.Collect, collecting);
            var stats = ReportSite.Write(input, parse.GetValue(output) ?? DefaultFolder);
            ReportTiming.Print(console.Error, clock.Elapsed);
            if (parse.GetValue(common.Json))
            {
                JsonOut.Write(console.Out, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("folder", stats.Folder);
                    w.WriteString("index", Path.Combine(stats.Folder, "index.html"));
                    w.WriteNumber("pages", stats.Pages);
                    w.WriteNumber("bytes", stats.Bytes);
                    w.WriteNumber("largest_page_bytes", stats.LargestPage);
                    w.WriteString("largest_page", stats.LargestPath);
                    w.WriteNumber("models", input.Models.Count);
                    w.WriteNumber("runs", input.Runs.Count);
                    w.WriteNumber("elapsed_ms", (long)stats.Elapsed.TotalMilliseconds);
                    w.WriteEndObject();
                });
            }
            else
            {
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"REPORT {Path.Combine(stats.Folder, "index.html")}: {input.Models.Count} models, {input.Runs.Count} runs, {stats.Pages} " +
                    $"pages, {stats.Bytes / 1024.0:0.#} KiB (largest {stats.LargestPath}, {stats.LargestPage / 1024.0:0.#} KiB) in " +
                    $"{stats.Elapsed.TotalSeconds:0.##} s"));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
