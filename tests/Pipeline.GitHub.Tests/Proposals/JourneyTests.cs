using System.Text.Json;
using Pipeline.GitHub.Tests.FakeGitHub;

namespace Pipeline.GitHub.Tests.Proposals;

/// <summary>
/// Issue 13's journey end to end, the way it runs, against a remote whose main only a merge may move: train commit →
/// runs ingest → register --propose with the run (the fake GitHub receives the pull request) → verify on the pull
/// request → merge → publish --push → promote (gate read from main, alias tag) → the deploy side resolves the alias.
/// Nobody but the merge step ever pushes main.
/// </summary>
public sealed class JourneyTests : IDisposable
{
    private const string GateYaml = """
        suite: {name: mmlu, fingerprint: "mmlu@abcd"}
        metric: mmlu
        direction: maximize
        threshold: 0.60

        """;

    private readonly ProtectedRemote _repos = new();
    private readonly FakeGitHubServer _github = new();

    public JourneyTests()
    {
        _github.BranchExists = (_, branch) => _repos.RemoteRef($"refs/heads/{branch}") is not null;
    }

    private TempGitRepo Work => _repos.Work;

    private Dictionary<string, string?> Env => new()
    {
        ["GITHUB_TOKEN"] = "ghs_appInstallationToken",
        ["GITHUB_API_URL"] = _github.ApiUrl,
        ["GITHUB_REPOSITORY"] = "octo/models",
        ["GITHUB_SERVER_URL"] = "https://github.example",
    };

    private CliResult Cli(params string[] args) => CliProcess.Run(Work.Root, Env, args);

    private JsonElement Ok(params string[] args)
    {
        var result = Cli([.. args, "--json"]);
        Assert.True(result.ExitCode == 0, $"pipeline {string.Join(' ', args)}: {result}");
        return result.Json;
    }

    [Fact]
    public void Train_ingest_propose_verify_merge_publish_promote_and_resolve_on_a_protected_main()
    {
        // The training repository: lineage sources named once in pipeline.yaml, the gate on main.
        Work.Write("params.yaml", "train:\n  lr: 2.0e-5\n  lora_r: 16\n");
        Work.Write("dvc.lock", TrainingRepository.DvcLock);
        Work.Write("src/train.py", "print('train')\n");
        Work.Write("pipeline.yaml", "lineage:\n  dvc_lock: dvc.lock\n  config: params.yaml#train\n  base_model: Qwen/Qwen3-8B\n  seed: 0\n");
        Work.Write("gate.yaml", GateYaml);
        Work.Write(".gitignore", "runs/\nevals/\nmodel.bin\n");
        var trainCommit = Work.Commit("training code");
        _repos.Protect();

        // Training leaves a run file, weights and an eval result in the checkout; none of them is committed to main.
        Work.Write(
            "runs/latest.jsonl",
            "{\"name\": \"sft\", \"status\": \"finished\"}\n{\"step\": 0, \"loss\": 2.3}\n{\"step\": 1, \"loss\": 1.9}\n");
        Work.Write("model.bin", "weights");
        var fingerprint = Ok("fingerprint").GetProperty("fingerprint").GetString()!;
        Work.Write(
            "evals/mmlu.json",
            $$$"""{"suite": {"name": "mmlu", "fingerprint": "mmlu@abcd"}, "evaluated": "{{{fingerprint}}}", "scores": {"mmlu": 0.71}}""");

        var run = Ok("runs", "ingest", "runs/latest.jsonl").GetProperty("id").GetString()!;
        var proposal = Ok("register", "demo", "--propose", "--run", run, "--artifact", "model.bin", "--eval", "evals/mmlu.json");
        Assert.Equal(
            ("proposed", "v0.0.1", fingerprint),
            (proposal.GetProperty("outcome").GetString(),
                proposal.GetProperty("version").GetString(),
                proposal.GetProperty("fingerprint").GetString()));
        var branch = proposal.GetProperty("branch").GetString()!;
        var pull = Assert.Single(_github.PullRequests);
        Assert.Equal(("Register demo v0.0.1", branch, "main"), (pull.Title, pull.Head, pull.Base));
        Assert.Contains(TrainingRepository.ArtifactSha, pull.Body);
        Assert.Contains("| mmlu | mmlu | 0.71 |", pull.Body);
        Assert.Empty(_github.Refusals);
        // The run travels in the proposal commit, linked from the record.
        var files = _repos.Remote.Git("diff-tree", "--no-commit-id", "--name-only", "-r", branch).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains($"registry/runs/{run}.json", files);
        Assert.Contains("registry/demo/v0.0.1.json", files);
        Assert.Contains($"\"run\": \"{run}\"", _repos.Remote.Git("show", $"{branch}:registry/demo/v0.0.1.json"));

        // The pull-request check, in a fresh clone as the runner has it.
        using (var pr = new TempGitRepo(cloneFrom: _repos.Remote.Url))
        {
            pr.Git("checkout", "-q", branch);
            var verify = CliProcess.Run(
                pr.Root,
                new Dictionary<string, string?> { ["GITHUB_TOKEN"] = null },
                "verify",
                "--base",
                "origin/main",
                "--json");
            Assert.True(verify.ExitCode == 0, verify.ToString());
        }

        // Nothing is registered before the merge: no tag, main untouched.
        Assert.Empty(_repos.Remote.Git("tag", "--list").Trim());
        Assert.Equal(trainCommit, _repos.RemoteRef("refs/heads/main"));

        var merge = _repos.Merge(branch, pull.Number);
        _github.Merge(pull.Number);

        // publish.yml: on the push to main, in a fresh clone.
        using (var ci = new TempGitRepo(cloneFrom: _repos.Remote.Url))
        {
            var published = CliProcess.Run(ci.Root, Env, "publish", "--push", "--json");
            Assert.True(published.ExitCode == 0, published.ToString());
            Assert.Equal(1, published.Json.GetProperty("created").GetInt32());
        }

        Assert.Equal(proposal.GetProperty("commit").GetString(), _repos.Remote.Git("rev-parse", "demo@v0.0.1^{commit}").Trim());

        // promote.yml: gate from main, alias tag pushed (tags only: main is still protected).
        using (var ci = new TempGitRepo(cloneFrom: _repos.Remote.Url))
        {
            ci.Git("fetch", "-q", "--tags");
            var promoted = CliProcess.Run(
                ci.Root, Env, "promote", "demo", "--version", "v0.0.1", "--alias", "production", "--gate-ref", "origin/main", "--push", "--json");
            Assert.True(promoted.ExitCode == 0, promoted.ToString());
        }

        // deploy.yml: a fresh clone resolves the alias to the published version and its digest.
        using (var deploy = new TempGitRepo(cloneFrom: _repos.Remote.Url))
        {
            deploy.Git("fetch", "-q", "--tags");
            var resolved = CliProcess.Run(deploy.Root, Env, "resolve", "demo#production", "--json");
            Assert.True(resolved.ExitCode == 0, resolved.ToString());
            Assert.Equal("v0.0.1", resolved.Json.GetProperty("version").GetString());
            Assert.Equal(TrainingRepository.ArtifactSha, resolved.Json.GetProperty("artifact").GetProperty("sha256").GetString());
        }

        Assert.Equal(merge, _repos.RemoteRef("refs/heads/main"));
        Assert.Equal(["refs/heads/main"], _repos.Pushes.Where(p => p == "refs/heads/main").Distinct());
    }

    public void Dispose()
    {
        _github.Dispose();
        _repos.Dispose();
    }
}
