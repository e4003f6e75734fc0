using System.Text.Json;
using Microsoft.Build.Framework;
using Pipeline.Tasks.Cli;

namespace Pipeline.Tasks;

/// <summary>
/// <c>pipeline select RUN… --metric M --maximize|--minimize [--cohort FP] --json</c>. Expects
/// <c>{"winner": run id, "score": number, "ranking": [{"run"|"run_id"|"id": …, "score": …, …}]}</c>; <c>winner</c> is
/// required. Every scalar field of a ranking entry becomes metadata of its item (<c>Score</c>, <c>Rank</c>, …).
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
        Winner = Require(root, "winner", ["winner", "run"], ["winner", "id"], ["winner"]);
        Score = Json.Text(root, ["score"], ["winner", "score"]);
        RankedRuns = Json.Items(Json.Get(root, "ranking"), "run", "run_id", "id", "name");
        var rank = 0;
        foreach (var item in RankedRuns)
        {
            rank++;
            if (string.IsNullOrEmpty(item.GetMetadata("Rank")))
            {
                item.SetMetadata("Rank", rank.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (string.IsNullOrEmpty(item.GetMetadata("Score")) && !string.IsNullOrEmpty(item.GetMetadata("Value")))
            {
                item.SetMetadata("Score", item.GetMetadata("Value"));
            }
        }

        return Winner is not null;
    }
}
