using Pipeline.Core.Tracking;

namespace Pipeline.Cli.Tests.Runs;

/// <summary>`runs commit` stores a finished run's series compactly; ledgers written in JSONL keep working.</summary>
public sealed class CompactSeriesCommitTests
{
    [Fact]
    public async Task Runs_commit_compacts_a_finished_logger_run()
    {
        using var repo = new RunsTestRepo();
        string id;
        using (var run = RunLogger.Start(repo.Root, name: "live", experiment: "e", method: "sft"))
        {
            id = run.Id;
            for (var step = 0; step < 500; step++)
            {
                run.LogMetric("loss", step == 7 ? double.NaN : 1.0 / (step + 1), step);
            }
        }

        var ledger = RunLedger.ForRepository(repo.Root);
        var before = ledger.Series(id).Read().ToArray();
        var commit = await repo.Run("runs", "commit", id);

        Assert.True(commit.ExitCode == 0, commit.Stderr);
        var files = repo.Git("show", "--name-only", "--format=", "HEAD").Split('\n', StringSplitOptions.RemoveEmptyEntries).Order().ToArray();
        Assert.Equal([$"registry/runs/{id}.json", $"registry/runs/{id}.series.bin"], files);
        Assert.False(File.Exists(ledger.LiveSeriesPath(id)));
        Assert.Equal("", repo.Git("status", "--porcelain"));
        Assert.True(ledger.Read(id).CompactSeries);
        Assert.Equal(before, ledger.Series(id).Read().ToArray(), MetricPointComparer.Instance);

        var shown = await repo.Run("runs", "show", id, "--json");
        Assert.True(shown.ExitCode == 0, shown.Stderr);
        Assert.Contains($"\"path\": \"{id}.series.bin\"", shown.Stdout);
    }

    [Fact]
    public async Task A_run_committed_as_jsonl_stays_readable_and_a_recommit_swaps_in_the_compact_file()
    {
        using var repo = new RunsTestRepo();
        var id = "20241125-130640000-9dce06d8";
        var runs = Path.Combine(repo.Root, "registry", "runs");
        Directory.CreateDirectory(runs);
        File.WriteAllText(Path.Combine(runs, id + ".json"), """
            {"schema": "pipeline.run/v1", "id": "RUN", "name": "old", "status": "finished", "start": "2024-11-25T13:06:40.000Z", "end": null,
             "params": {}, "tags": {}, "metrics": {"loss": {"last": 0.5, "last_step": 1, "min": 0.5, "max": 0.7, "count": 2, "nan": 0, "inf": 0}},
             "series": {"path": "RUN.series.jsonl", "points": 2}, "artifacts": [], "evals": []}
            """.Replace("RUN", id, StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(runs, id + ".series.jsonl"), "{\"s\":0,\"k\":\"loss\",\"v\":0.7}\n{\"s\":1,\"k\":\"loss\",\"v\":0.5}\n");
        repo.Git("add", "registry");
        repo.Git("commit", "-q", "-m", "an older ledger");

        var compare = await repo.Run("runs", "compare", id, id, "--json");
        Assert.True(compare.ExitCode == 0, compare.Stderr);

        var commit = await repo.Run("runs", "commit", id);
        Assert.True(commit.ExitCode == 0, commit.Stderr);
        var changes = repo.Git("show", "--name-status", "--format=", "HEAD").Split('\n', StringSplitOptions.RemoveEmptyEntries).Order().ToArray();
        Assert.Equal([$"A\tregistry/runs/{id}.series.bin", $"D\tregistry/runs/{id}.series.jsonl", $"M\tregistry/runs/{id}.json"], changes);
        Assert.Equal([0.7, 0.5], RunLedger.ForRepository(repo.Root).Series(id).Read().Select(p => p.Value));
        Assert.Equal("", repo.Git("status", "--porcelain"));
    }

    private sealed class MetricPointComparer : IEqualityComparer<MetricPoint>
    {
        public static readonly MetricPointComparer Instance = new();

        public bool Equals(MetricPoint a, MetricPoint b) =>
            a.Key == b.Key && a.Step == b.Step && a.Wall.Equals(b.Wall) && a.Value.Equals(b.Value);

        public int GetHashCode(MetricPoint p) => HashCode.Combine(p.Key, p.Step);
    }
}
