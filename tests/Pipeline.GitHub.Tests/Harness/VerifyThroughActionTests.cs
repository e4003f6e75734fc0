using System.Text.Json.Nodes;
using Pipeline.GitHub.Tests.FakeGitHub;

namespace Pipeline.GitHub.Tests.Harness;

/// <summary>
/// The pull-request check end to end: the composite action runs `pipeline verify` in a real git repository with a
/// pull_request payload, and the CLI reports to the fake GitHub through this library. Proves the whole chain
/// (inputs → env → run.sh → CLI → check run on the PR head → outputs, summary, exit code).
/// </summary>
public sealed class VerifyThroughActionTests : IDisposable
{
    private readonly TempGitRepo training = new(prefix: "pipeline-verify-action-");
    private readonly FakeGitHubServer github = new();
    private readonly string trainingCommit;
    private readonly string baseSha;

    public VerifyThroughActionTests()
    {
        trainingCommit = TrainingRepository.Create(training);
        baseSha = trainingCommit;
    }

    [Fact]
    public void An_honest_record_passes_and_the_check_run_lands_on_the_pr_head()
    {
        var head = AddRecord(tamperSeed: false);
        var result = RunVerify(head);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("true", result.Outputs["ok"]);
        var create = Assert.Single(github.Sent, r => r.Method == "POST" && r.Path == "/api/v3/repos/octo/models/check-runs");
        Assert.Equal(head, create.Json.GetProperty("head_sha").GetString());
        Assert.Equal("success", create.Json.GetProperty("conclusion").GetString());
        Assert.Equal("Token ghs_fakeToken", create.Header("Authorization"));
        Assert.Contains("<!-- pipeline:verify -->", Assert.Single(github.Comments).Body);
        Assert.Contains("<!-- pipeline:verify -->", result.Summary);
        // The only place the token appears is the mask command the runner consumes (it never reaches the log).
        var printed = string.Join('\n', (result.Stdout + result.Stderr).Split('\n').Where(l => l != "::add-mask::ghs_fakeToken"));
        Assert.Contains("::add-mask::ghs_fakeToken", result.Stderr);
        Assert.DoesNotContain("ghs_fakeToken", printed + result.Summary);
    }

    [Fact]
    public void A_tampered_seed_fails_the_step_with_an_annotated_failing_check_run()
    {
        var head = AddRecord(tamperSeed: true);
        var result = RunVerify(head);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("false", result.Outputs["ok"]);
        Assert.Equal("1", result.Outputs["exit-code"]);
        var create = Assert.Single(github.Sent, r => r.Method == "POST" && r.Path.EndsWith("/check-runs", StringComparison.Ordinal));
        Assert.Equal("failure", create.Json.GetProperty("conclusion").GetString());
        var annotations = create.Json.GetProperty("output").GetProperty("annotations");
        Assert.Contains(
            annotations.EnumerateArray(),
            a => a.GetProperty("path").GetString() == "registry/demo/v0.0.1.json" && a.GetProperty("start_line").GetInt32() > 1);
        Assert.Contains("❌", result.Summary);
    }

    [Fact]
    public void On_a_fork_the_verdict_falls_back_to_annotations_and_the_exit_code()
    {
        github.ForbidCheckRuns = github.ForbidStatuses = github.ForbidComments = true;
        var head = AddRecord(tamperSeed: true);
        var result = RunVerify(head, headRepo: "mallory/models");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("::error title=PIPE", result.Stderr + result.Stdout);
        Assert.Contains("annotations", result.Report);
        Assert.Contains("❌", result.Summary);
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 1)]
    public void The_version_input_verifies_one_record_without_a_base(bool tamperSeed, int exit)
    {
        AddRecord(tamperSeed);
        // A push to main (no pull request, no base): `model` + a bare `version` become --version demo@v0.0.1.
        var result = ActionHarness.ForThisRepository().Run(
            new Dictionary<string, string> { ["command"] = "verify", ["model"] = "demo", ["version"] = "v0.0.1", ["extra-args"] = "--no-fetch" },
            training.Root,
            Payloads.Push(new string('9', 40)));

        Assert.True(result.ExitCode == exit, result.ToString());
        Assert.Contains("pipeline verify --version demo@v0.0.1 --no-fetch --json", result.Stdout);
        Assert.Contains("\"base\": \"(selected)\"", result.Report);
        Assert.Contains("registry/demo/v0.0.1.json", result.Report);
        Assert.Equal(exit == 0 ? "true" : "false", result.Outputs["ok"]);
    }

    [Fact]
    public void Lineage_inputs_map_to_the_same_fingerprint_the_cli_computes()
    {
        var direct = JsonNode.Parse(Cli(
            "fingerprint", "--repo", training.Root, "--config", "params.yaml#train", "--dvc-lock", "dvc.lock",
            "--base-model", "Qwen/Qwen3-8B", "--seed", "0", "--json"))!["fingerprint"]!.GetValue<string>();
        var result = ActionHarness.ForThisRepository().Run(
            new Dictionary<string, string>
            {
                ["command"] = "fingerprint", ["config"] = "params.yaml", ["config-key"] = "train", ["dvc-lock"] = "dvc.lock",
                ["base-model"] = "Qwen/Qwen3-8B", ["seed"] = "0",
            },
            training.Root);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(direct, result.Outputs["fingerprint"]);
    }

    private ActionRunResult RunVerify(string head, string headRepo = ActionHarness.Repository) =>
        ActionHarness.ForThisRepository().Run(
            new Dictionary<string, string>
            {
                ["command"] = "verify",
                ["base"] = baseSha,
                ["head"] = head,
                ["extra-args"] = "--no-fetch",
                ["token"] = "ghs_fakeToken"
            },
            training.Root,
            Payloads.PullRequest(12, head, headRepo: headRepo).Replace("3333333333333333333333333333333333333333", baseSha, StringComparison.Ordinal),
            new Dictionary<string, string> { ["GITHUB_API_URL"] = github.ApiUrl, ["GITHUB_SHA"] = new string('9', 40) });

    private string AddRecord(bool tamperSeed)
    {
        var fingerprint = JsonNode.Parse(Cli(TrainingRepository.FingerprintArgs(training.Root, trainingCommit)))!.AsObject();
        training.Write("registry/demo/v0.0.1.json", TrainingRepository.Record(
            fingerprint, TrainingRepository.ArtifactSha, tamper: tamperSeed ? r => r["lineage"]!["seed"] = 1 : null));
        return training.Commit("register demo v0.0.1");
    }

    private string Cli(params string[] args) => CliProcess.Succeed(training.Root, args);

    public void Dispose()
    {
        github.Dispose();
        training.Dispose();
    }
}
