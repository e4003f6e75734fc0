using System.Text.Json;

namespace Pipeline.Cli.Tests.Gate;

/// <summary>
/// Evidence that says where it came from, through the built CLI as its own process (so the GitHub Actions environment
/// is exactly the one each test gives, whatever the machine running the tests has set).
/// </summary>
public sealed class CiEvidenceCliTests : IDisposable
{
    private static readonly Dictionary<string, string?> Actions = new()
    {
        ["GITHUB_ACTIONS"] = "true",
        ["GITHUB_ACTOR"] = "ci-bot",
        ["GITHUB_RUN_ID"] = "987654",
        ["GITHUB_SERVER_URL"] = "https://github.com",
        ["GITHUB_REPOSITORY"] = "org/models",
        ["GITHUB_SHA"] = "89abcdef0123456789abcdef0123456789abcdef",
        ["GITHUB_BASE_REF"] = null,
        ["GITHUB_STEP_SUMMARY"] = null,
        ["GITHUB_OUTPUT"] = null,
    };

    private readonly TempGitRepo _repo = new();

    public CiEvidenceCliTests()
    {
        _repo.Write("gate.yaml", """
            suite: {name: mmlu, fingerprint: "mmlu@abcd"}
            metric: mmlu
            direction: maximize
            threshold: 0.60
            require: {ci_evidence: true}

            """);
        _repo.Commit("protected gate");
        _repo.Register("demo", "v1.0.0", "fp-1", score: null);
    }

    public void Dispose() => _repo.Dispose();

    /// <summary>An eval file that claims, by itself, to come from a CI run.</summary>
    private string ClaimingEval() => _repo.Write("evals/claimed.json", $$$"""
        {"suite": {"name": "mmlu", "fingerprint": "mmlu@abcd"}, "evaluated": "{{{_repo.FingerprintOf("fp-1")}}}", "scores": {"mmlu": 0.8},
         "producer": {"ci": "github-actions", "actor": "mallory", "run_id": "1",
                      "run_url": "https://github.com/org/models/actions/runs/1", "commit": null}}
        """);

    private static JsonElement CiRule(CliResult r) =>
        r.Json.GetProperty("decision").GetProperty("rules").EnumerateArray().Single(x => x.GetProperty("rule").GetString() == "ci evidence");

    [Fact]
    public void Gate_outside_actions_drops_the_files_claimed_producer_and_holds()
    {
        var r = CliProcess.Run(_repo.Root, Actions.ToDictionary(p => p.Key, p => p.Key == "GITHUB_ACTIONS" ? null : p.Value),
            "gate", "demo", "--version", "v1.0.0", "--alias", "production", "--eval", ClaimingEval(), "--json");
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains("PIPE4110", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("mallory", r.Stderr, StringComparison.Ordinal);
        Assert.Equal("fail", CiRule(r).GetProperty("verdict").GetString());
        Assert.Equal(
            JsonValueKind.Null,
            r.Json.GetProperty("decision").GetProperty("candidate").GetProperty("evidence").GetProperty("producer").ValueKind);
        Assert.True(r.Json.GetProperty("decision").GetProperty("gate").GetProperty("require").GetProperty("ci_evidence").GetBoolean());
    }

    [Fact]
    public void Gate_in_actions_stamps_this_jobs_producer_and_passes()
    {
        var r = CliProcess.Run(
            _repo.Root, Actions, "gate", "demo", "--version", "v1.0.0", "--alias", "production", "--eval", ClaimingEval(), "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("pass", CiRule(r).GetProperty("verdict").GetString());
        Assert.Contains("https://github.com/org/models/actions/runs/987654", CiRule(r).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var producer = r.Json.GetProperty("decision").GetProperty("candidate").GetProperty("evidence").GetProperty("producer");
        Assert.Equal("ci-bot", producer.GetProperty("actor").GetString());
        Assert.Equal("987654", producer.GetProperty("run_id").GetString());
        Assert.Contains("replaced by this job's", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Gate_text_output_shows_the_ci_evidence_rule()
    {
        var eval = _repo.Write("evals/plain.json", $$$"""
            {"suite": {"name": "mmlu", "fingerprint": "mmlu@abcd"}, "evaluated": "{{{_repo.FingerprintOf("fp-1")}}}", "scores": {"mmlu": 0.8}}
            """);
        var r = CliProcess.Run(
            _repo.Root,
            new Dictionary<string, string?>(),
            "gate",
            "demo",
            "--version",
            "v1.0.0",
            "--alias",
            "production",
            "--eval",
            eval);
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains("FAIL  ci evidence: mmlu (", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("has no CI producer", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Register_in_actions_records_the_producer_in_the_version_record()
    {
        var lineage = _repo.Write("lineage.json",
            """{"data_version": "sft-mix-v3", "code_commit": "a1b2c3d", "config": {"lr": 2e-5}, "base_model": "Qwen/Qwen3-8B", "seed": 0}""");
        var fingerprint = CliRunner.Run("fingerprint", "--lineage", lineage, "--json").Json.GetProperty("fingerprint").GetString();
        var eval = _repo.Write("evals/new.json", $$$"""
            {"suite": {"name": "mmlu", "fingerprint": "mmlu@abcd"}, "evaluated": "{{{fingerprint}}}", "scores": {"mmlu": 0.8}}
            """);
        _repo.Commit("inputs");
        var r = CliProcess.Run(_repo.Root, Actions, "register", "other", "--lineage", lineage, "--eval", eval, "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        using var record = JsonDocument.Parse(File.ReadAllText(Path.Combine(_repo.Root, "registry", "other", "v0.0.1.json")));
        var producer = record.RootElement.GetProperty("evals")[0].GetProperty("producer");
        Assert.Equal("github-actions", producer.GetProperty("ci").GetString());
        Assert.Equal("https://github.com/org/models/actions/runs/987654", producer.GetProperty("run_url").GetString());
        Assert.Equal("89abcdef0123456789abcdef0123456789abcdef", producer.GetProperty("commit").GetString());
    }

    [Fact]
    public void Runs_attach_in_actions_stamps_the_producer_on_the_runs_eval()
    {
        var ingest = CliProcess.Run(
            _repo.Root,
            new Dictionary<string, string?>(),
            "runs",
            "ingest",
            Runs.RunsTestRepo.Fixture("jsonl", "grpo-run.jsonl"),
            "--json");
        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        var id = ingest.Json.GetProperty("id").GetString()!;
        var eval = _repo.Write("evals/run.json", """
            {"suite": {"name": "mmlu", "fingerprint": "mmlu@abcd"}, "evaluated": "some-model", "scores": {"mmlu": 0.8},
             "producer": {"ci": "github-actions", "actor": "mallory", "run_id": "1"}}
            """);

        var attach = CliProcess.Run(_repo.Root, Actions, "runs", "attach", id, "--eval", eval);
        Assert.True(attach.ExitCode == 0, attach.ToString());
        Assert.Contains("PIPE4110", attach.Stderr, StringComparison.Ordinal);
        var record = Directory.GetFiles(Path.Combine(_repo.Root, "registry", "runs"), "*.json")
            .Select(File.ReadAllText).Single(text => text.Contains(id, StringComparison.Ordinal));
        using var doc = JsonDocument.Parse(record);
        var producer = doc.RootElement.GetProperty("evals")[0].GetProperty("producer");
        Assert.Equal("ci-bot", producer.GetProperty("actor").GetString());
        Assert.Equal("987654", producer.GetProperty("run_id").GetString());
    }
}
