using System.Globalization;
using Microsoft.Build.Utilities;
using Pipeline.Core.Evals;
using Pipeline.Core.Tracking;
using Pipeline.Tasks.Tests.Support;

namespace Pipeline.Tasks.Tests.Tasks;

/// <summary>
/// The gate, promote, select and verify tasks against the real CLI (pipeline.dll) on a real registry: the documents
/// they read are the ones the CLI prints, never hand-written shapes.
/// </summary>
public sealed class RealCliVerbTests : IDisposable
{
    private readonly TempGitRepo _repo = new(prefix: "pipeline-tasks-real-");
    private string? _trained;

    public RealCliVerbTests()
    {
        _repo.Write("gate.yaml", """
            suite: {name: mmlu, fingerprint: "mmlu@abcd"}
            metric: mmlu
            direction: maximize
            threshold: 0.60
            """);
        _repo.Commit("protected gate");
        Register(1, 0.65);
        CliProcess.Succeed(_repo.Root, "assign", "demo", "--version", "v0.0.1", "--alias", "production", "--json");
        Register(2, 0.71);
        Register(3, 0.5);
    }

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void Gate_reads_the_real_decision_and_rules_for_a_promotion_and_a_hold()
    {
        var pass = new PipelineGate
        {
            PipelineCliPath = RepoPaths.CliDll,
            Repo = _repo.Root,
            Model = "demo",
            Version = "v0.0.2",
            Alias = "production"
        };
        var (ok, engine) = TaskRun.Execute(pass);
        Assert.True(ok, engine.Describe());
        Assert.Equal(("promote", true, 0), (pass.Decision, pass.Promote, pass.ExitCode));

        var hold = new PipelineGate
        {
            PipelineCliPath = RepoPaths.CliDll,
            Repo = _repo.Root,
            Model = "demo",
            Version = "v0.0.3",
            Alias = "production"
        };
        (ok, engine) = TaskRun.Execute(hold);
        Assert.True(ok, engine.Describe());
        Assert.Equal(("hold", false, 1), (hold.Decision, hold.Promote, hold.ExitCode));
        var threshold = Assert.Single(hold.Rules, r => r.ItemSpec.StartsWith("threshold", StringComparison.Ordinal));
        Assert.Equal("fail", threshold.GetMetadata("Verdict"));
        Assert.Equal("0.5", threshold.GetMetadata("Value"));
    }

    [Fact]
    public void Promote_reads_the_real_alias_tag_and_fails_a_hold_with_FailOnHold()
    {
        var held = new PipelinePromote
        {
            PipelineCliPath = RepoPaths.CliDll, Repo = _repo.Root, Model = "demo", Version = "v0.0.3", Alias = "production", FailOnHold = true,
        };
        var (ok, engine) = TaskRun.Execute(held);
        Assert.False(ok);
        var error = Assert.Single(engine.Errors);
        Assert.Equal("PIPE0913", error.Code);
        Assert.Contains("(failed: ", error.Message);

        var task = new PipelinePromote
        {
            PipelineCliPath = RepoPaths.CliDll,
            Repo = _repo.Root,
            Model = "demo",
            Version = "v0.0.2",
            Alias = "production"
        };
        (ok, engine) = TaskRun.Execute(task);
        Assert.True(ok, engine.Describe());
        Assert.True(task.Promoted);
        Assert.Equal("promote", task.Decision);
        Assert.Equal("demo#production#2", task.Tag);
        Assert.Equal("demo#production#2", _repo.Git("tag", "-l", "demo#production#2").Trim());
    }

    [Fact]
    public void Select_reads_the_real_winner_and_ranking()
    {
        AddRun("run-a", 0, 0.61);
        AddRun("run-b", 1, 0.72);
        var task = new PipelineSelectWinner
        {
            PipelineCliPath = RepoPaths.CliDll, Repo = _repo.Root, Metric = "mmlu", Runs = [new TaskItem("run-a"), new TaskItem("run-b")],
        };

        var (ok, engine) = TaskRun.Execute(task);

        Assert.True(ok, engine.Describe());
        Assert.Equal(("run-b", "0.72"), (task.Winner, task.Score));
        Assert.Equal(["run-b", "run-a"], task.RankedRuns.Select(r => r.ItemSpec));
        Assert.Equal(["1", "2"], task.RankedRuns.Select(r => r.GetMetadata("Rank")));
    }

    [Fact]
    public void Verify_of_one_version_reads_the_real_report()
    {
        var reviewed = new PipelineVerify { PipelineCliPath = RepoPaths.CliDll, Repo = _repo.Root, VersionOf = "demo@v0.0.1", Base = null };
        var (passed, passEngine) = TaskRun.Execute(reviewed);
        Assert.True(passed, passEngine.Describe());
        Assert.True(reviewed.Ok);

        RegisterUnverifiable(9);
        var task = new PipelineVerify { PipelineCliPath = RepoPaths.CliDll, Repo = _repo.Root, VersionOf = "demo@v0.0.9", Base = null };

        var (ok, engine) = TaskRun.Execute(task);

        // The lineage names a commit that is not in this repository: verify says so, with its own code, at the record.
        Assert.False(ok);
        Assert.False(task.Ok);
        Assert.NotEmpty(task.Findings);
        Assert.All(engine.Errors, e => Assert.StartsWith("PIPE", e.Code));
        Assert.Contains(engine.Errors, e => e.File is not null && e.File.EndsWith("v0.0.9.json", StringComparison.Ordinal));
    }

    /// <summary>A version registered from the repository's sources (so it re-verifies and may be promoted) with an eval of it.</summary>
    private void Register(int seed, double score)
    {
        ReviewedLineage.EnsureSources(_repo);
        _trained ??= _repo.Head;
        var fingerprint = ReviewedLineage.For(_repo, $"seed-{seed}", rev: _trained).Fingerprint;
        var eval = _repo.Write($"eval-{seed}.json",
            $$$"""{"suite": {"name": "mmlu", "fingerprint": "mmlu@abcd"}, "evaluated": "{{{fingerprint}}}",""" +
            $$$""" "scores": {"mmlu": {{{score.ToString("R", CultureInfo.InvariantCulture)}}}}}""");
        _repo.Commit($"eval {seed}");
        var weights = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"weights-{seed}")));
        CliProcess.Succeed(
            _repo.Root,
            ["register", "demo", .. ReviewedLineage.RegisterArgs($"seed-{seed}", _trained), "--eval", eval, "--version", $"v0.0.{seed}",
            "--artifact", $"s3://bucket/adapter-{seed}.safetensors", "--artifact-sha256", weights, "--json"]);
    }

    /// <summary>A version registered from a hand-written lineage naming a commit this repository does not have.</summary>
    private void RegisterUnverifiable(int seed)
    {
        var lineage = _repo.Write($"lineage-{seed}.json",
            $$"""{"data_version": "d", "code_commit": "0123456789abcdef0123456789abcdef01234567", "config": {"lr": 0.001}, "base_model": "b",""" +
            $$""" "seed": {{seed}}}""");
        _repo.Commit($"lineage {seed}");
        CliProcess.Succeed(_repo.Root, "register", "demo", "--lineage", lineage, "--version", $"v0.0.{seed}", "--json");
    }

    private void AddRun(string id, int minute, double score)
    {
        var runs = Path.Combine(_repo.Root, "registry", "runs");
        Directory.CreateDirectory(runs);
        var run = new RunRecord
        {
            Id = id,
            Name = id,
            Status = RunStatus.Finished,
            Start = new DateTimeOffset(2026, 11, 1, 9, minute, 0, TimeSpan.Zero),
            Fingerprint = "fp-" + id,
            Evals = [new EvalResult(new Suite("mmlu", "mmlu@abcd"), "fp-" + id, new Dictionary<string, double> { ["mmlu"] = score })],
        };
        File.WriteAllBytes(Path.Combine(runs, id + ".json"), RunRecordWriter.ToUtf8(run));
    }
}
