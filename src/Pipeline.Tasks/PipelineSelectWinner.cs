using System.Text.Json;
using Microsoft.Build.Framework;
using Pipeline.Cli.Output.Results;
using Pipeline.Tasks.Cli;

namespace Pipeline.Tasks;

/// <summary>
/// <c>pipeline select RUN… --metric M --maximize|--minimize [--cohort FP] --json</c>, read as <see cref="SelectOutput"/>;
/// <c>winner</c> is required. Each ranked run is an item with Rank, Score, StartedAt, Evaluated and Source metadata.
/// </summary>
public sealed class PipelineSelectWinner : PipelineCliTask
{
    /// <summary>Ledger run ids, run files or a folder of runs.</summary>
    [Required]
    public ITaskItem[] Runs { get; set; } = [];

    [Required]
    public string Metric { get; set; } = "";

    /// <summary><c>maximize</c> (default) or <c>minimize</c>.</summary>
    public string? Direction { get; set; }

    /// <summary>An eval-suite fingerprint to restrict the candidates to.</summary>
    public string? Cohort { get; set; }

    public string? Repo { get; set; }

    [Output]
    public string? Winner { get; private set; }

    [Output]
    public string? Score { get; private set; }

    [Output]
    public ITaskItem[] RankedRuns { get; private set; } = [];

    private protected override CliCommand BuildCommand()
    {
        var direction = (Direction ?? "maximize").Trim().ToLowerInvariant() switch
        {
            "" or "maximize" => "--maximize",
            "minimize" => "--minimize",
            _ => throw new TaskInputException($"Direction '{Direction}' is neither 'maximize' nor 'minimize'"),
        };
        if (Runs.Length == 0)
        {
            throw new TaskInputException("Runs is empty: give run ids, run files or a folder of runs");
        }

        var command = new CliCommand().Add("select");
        foreach (var run in Runs)
        {
            command.Positional("Runs", run.ItemSpec, spacesAllowed: true);
        }

        return command.Option("--repo", Repo).Option("--metric", Metric).Add(direction).Option("--cohort", Cohort);
    }

    private protected override bool Map(JsonElement root, int exitCode)
    {
        if (Read(root, CliJsonContext.Default.SelectOutput) is not { } result)
        {
            return false;
        }

        Winner = Require(result.Winner, "winner");
        Score = TaskItems.Text(result.Score);
        RankedRuns = TaskItems.Of(result.Ranking, r => r.Run, r =>
        [
            ("Run", r.Run), ("Score", TaskItems.Text(r.Score)), ("Rank", TaskItems.Text(r.Rank)), ("StartedAt", r.StartedAt),
            ("Evaluated", r.Evaluated), ("Source", r.Source),
        ]);
        return Winner is not null;
    }
}
