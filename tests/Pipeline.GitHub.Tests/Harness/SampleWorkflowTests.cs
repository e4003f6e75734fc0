using Pipeline.GitHub.Tests.FakeGitHub;
using Pipeline.GitHub.Tests.Proposals;

namespace Pipeline.GitHub.Tests.Harness;

/// <summary>
/// Issue 13's journey through the sample workflow files as shipped, each started by the event that starts it on
/// GitHub, against a remote whose main only the test's merge step may move and the fake GitHub API:
/// after-training (push to main touching src/**) proposes a version with an app token → pr-check (pull_request) verifies
/// it → merge → publish and report (push to main touching registry/**) → promote (workflow_dispatch) gates, tags the
/// alias and calls deploy → a second cycle → rollback (workflow_dispatch) and its deploy. The test plays the trainer
/// (<see cref="WorkflowHarness.BeforeStep"/>) and the weights download (the deploy's PLACEHOLDER step).
/// </summary>
public sealed class SampleWorkflowTests : IDisposable
{
    private const string GateYaml = """
        suite: {name: mmlu, fingerprint: "mmlu@abcd"}
        metric: mmlu
        direction: maximize
        threshold: 0.60

        """;

    private readonly ProtectedRemote repos = new();
    private readonly FakeGitHubServer github = new() { ActionsMayCreatePullRequests = false };
    private readonly WorkflowHarness harness;
    private readonly string store = Directory.CreateTempSubdirectory("pipeline-weights-").FullName;

    public SampleWorkflowTests()
    {
        github.BranchExists = (_, branch) => repos.RemoteRef($"refs/heads/{branch}") is not null;
        var work = repos.Work;
        work.Write("params.yaml", "train:\n  lr: 2.0e-5\n  lora_r: 16\n");
        work.Write("dvc.lock", TrainingRepository.DvcLock);
        work.Write("src/train.py", "print('train')\n");
        work.Write("pipeline.yaml", "lineage:\n  dvc_lock: dvc.lock\n  config: params.yaml#train\n  base_model: Qwen/Qwen3-8B\n  seed: 0\n");
        work.Write("gate.yaml", GateYaml);
        work.Write(".gitignore", "runs/\nevals/\nmodels/\nweights\n");
        work.Commit("training code");
        repos.Protect();
        harness = new WorkflowHarness(repos, github);
        // The user's download (deploy.yml's PLACEHOLDER step): the weights the test put in the store as "current". A
        // wrong version resolved would fail the next step, whose digest check is the product's.
        harness.PlaceholderCode["Download the weights (PLACEHOLDER)"] = $"cp -- '{Path.Combine(store, "current")}' weights";
    }

    public void Dispose()
    {
        harness.Dispose();
        github.Dispose();
        repos.Dispose();
        Directory.Delete(store, recursive: true);
    }

    private string RemoteMain => repos.RemoteRef("refs/heads/main")!;

    /// <summary>The samples a push event would start (were it not made with GITHUB_TOKEN).</summary>
    private static IReadOnlyList<string> Started(WorkflowEvent push) =>
        Directory.GetFiles(WorkflowHarness.Samples, "*.yml").Where(f => WorkflowHarness.Triggers(f, "push", push.Payload.ToJsonString()))
            .Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    /// <summary>What a training job leaves in its checkout: a run, weights and an eval of the trained fingerprint.</summary>
    private void Trainer(string weights, double score) => harness.BeforeStep["Train (PLACEHOLDER)"] = workspace =>
    {
        Directory.CreateDirectory(Path.Combine(workspace, "runs"));
        Directory.CreateDirectory(Path.Combine(workspace, "models"));
        Directory.CreateDirectory(Path.Combine(workspace, "evals"));
        File.WriteAllText(
            Path.Combine(workspace, "runs", "latest"),
            "{\"name\": \"sft\", \"status\": \"finished\"}\n{\"step\": 0, \"loss\": 2.3}\n{\"step\": 1, \"loss\": 1.9}\n");
        File.WriteAllText(Path.Combine(workspace, "models", "model.pkl"), weights);
        File.WriteAllText(Path.Combine(store, weights), weights);
        var fingerprint = CliProcess.Run(workspace, "fingerprint", "--json").Json.GetProperty("fingerprint").GetString();
        File.WriteAllText(Path.Combine(workspace, "evals", "mmlu.json"),
            $$$"""{"suite": {"name": "mmlu", "fingerprint": "mmlu@abcd"}, "evaluated": "{{{fingerprint}}}",""" +
            $$$""" "scores": {"mmlu": {{{score.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}}}""");
    };

    /// <summary>after-training on a push to main, pr-check on its pull request, the merge, publish and report on the merge's push.</summary>
    private (string Version, string Commit) ProposeVerifyMergePublish(string weights, double score, int number)
    {
        Trainer(weights, score);
        var trained = harness.Run("after-training.yml", WorkflowEvent.Push("refs/heads/main", RemoteMain, "src/train.py"));
        Assert.True(trained.Conclusion == "success", trained.ToString());
        var propose = trained["propose"].Step("propose");
        var version = propose["version"];
        Assert.Equal(("proposed", $"pipeline/sentiment/{version}"), (propose["outcome"], propose["branch"]));
        Assert.Equal($"https://github.example/octo/models/pull/{number}", propose["pull-request-url"]);
        Assert.Equal(trained["propose"].Step("ingest")["run"], propose["run"]);
        Assert.Contains($"sentiment {version} is proposed (https://github.example/octo/models/pull/{number})", trained["propose"].Log);
        Assert.Contains("### ✅ pipeline runs-ingest", trained["propose"].Summary);
        Assert.Contains("### ✅ pipeline register", trained["propose"].Summary);
        // The checkout holds the app token, so the proposal branch was pushed with it (GITHUB_TOKEN is read-only here).
        Assert.Contains(harness.StandIns.Checkouts[^1].Token, harness.StandIns.AppTokens);
        var pull = github.PullRequests.Single(p => p.Number == number);
        // Opened with the app token, not GITHUB_TOKEN: only then does GitHub start pr-check for it.
        Assert.Equal((FakeGitHubServer.AppBot, $"Register sentiment {version}"), (pull.User, pull.Title));
        Assert.Null(repos.RemoteRef($"refs/tags/sentiment@{version}"));
        // The branch was pushed with the app token: a real push event, which starts none of the samples.
        var proposal = Assert.Single(trained.Pushed);
        Assert.Equal(new PushedRef($"refs/heads/pipeline/sentiment/{version}", ByGitHubToken: false), proposal);
        Assert.Empty(Started(WorkflowEvent.Push(proposal.Ref, repos.RemoteRef(proposal.Ref)!, $"registry/sentiment/{version}.json")));

        var branch = propose["branch"];
        var head = repos.RemoteRef($"refs/heads/{branch}")!;
        var merge = repos.PullRequestRefs(branch, number);
        var check = harness.Run("pr-check.yml", WorkflowEvent.PullRequest(number, branch, head, RemoteMain, merge));
        Assert.True(check.Conclusion == "success", check.ToString());
        Assert.Equal("0", check["verify"].Step("verify")["exit-code"]);
        Assert.Contains("Keep the report", check["verify"].StepsRun);
        Assert.Contains(
            harness.StandIns.Artifacts,
            a => a.Key == $"verify-report" && a.Value.Values.Single().Contains(version, StringComparison.Ordinal));
        Assert.Contains(github.CheckRuns, r => r.HeadSha == head && r.Conclusion == "success");
        harness.StandIns.Artifacts.Remove("verify-report");

        var merged = repos.Merge(branch, number);
        github.Merge(number);
        var push = WorkflowEvent.Push("refs/heads/main", merged, $"registry/sentiment/{version}.json", $"registry/runs/{propose["run"]}.json");
        Assert.False(WorkflowHarness.Triggers(Path.Combine(WorkflowHarness.Samples, "after-training.yml"), "push", push.Payload.ToJsonString()));
        var published = harness.Run("publish.yml", push);
        Assert.True(published.Conclusion == "success", published.ToString());
        Assert.Equal("true", published["publish"].Step("publish")["ok"]);
        Assert.Contains("### ✅ pipeline publish", published["publish"].Summary);
        Assert.Equal([new PushedRef($"refs/tags/sentiment@{version}", ByGitHubToken: true)], published.Pushed);
        var tagged = repos.Remote.Git("rev-parse", $"sentiment@{version}^{{commit}}").Trim();
        Assert.Equal(head, tagged);

        var report = harness.Run("report.yml", push);
        Assert.True(report.Conclusion == "success", report.ToString());
        Assert.Equal("https://octo.github.io/models/", report["report"].Step("deploy")["page_url"]);
        Assert.Contains(version, harness.StandIns.Artifacts["github-pages"]["index.html"], StringComparison.Ordinal);
        harness.StandIns.Artifacts.Remove("github-pages");
        return (version, tagged);
    }

    [Fact]
    public void Every_sample_runs_as_shipped_from_training_to_rollback_on_a_protected_main()
    {
        var (first, _) = ProposeVerifyMergePublish("weights-one", 0.71, 1);
        Assert.Equal("v0.0.1", first);

        File.Copy(Path.Combine(store, "weights-one"), Path.Combine(store, "current"), overwrite: true);
        var promoted = harness.Run(
            "promote.yml",
            WorkflowEvent.Dispatch("main", RemoteMain, new Dictionary<string, string> { ["model"] = "sentiment", ["version"] = first }));
        Assert.True(promoted.Conclusion == "success", promoted.ToString());
        Assert.Equal(("promote", "sentiment#production#1"), (promoted["promote"].Outputs["decision"], promoted["promote"].Outputs["tag"]));
        Assert.Contains("decision for v0.0.1 as production is promote (tag sentiment#production#1)", promoted["promote"].Log);
        Assert.Equal("success", promoted["deploy/deploy"].Result);
        // Called, the deploy job sees the caller's event: the tag explanation is skipped, the inputs name the alias.
        Assert.Contains("Explain the pushed tag", promoted["deploy/deploy"].StepsSkipped);
        Assert.Contains("--label=ai.pipeline.version=v0.0.1", harness.StandIns.DockerCalls[^1]);
        // The alias tag was pushed with GITHUB_TOKEN: deploy.yml's tag trigger matches it, but GitHub starts nothing
        // for such a push, which is why promote.yml calls deploy.yml itself.
        Assert.Contains(new PushedRef("refs/tags/sentiment#production#1", ByGitHubToken: true), promoted.Pushed);
        Assert.All(promoted.Pushed, p => Assert.True(p.ByGitHubToken, p.Ref)); // the tag and the alias counter ref
        Assert.Equal(["deploy.yml"], Started(WorkflowEvent.Push("refs/tags/sentiment#production#1", RemoteMain)));

        // A code change merged to main: the second cycle, a better model, promoted over the first.
        repos.Work.Git("checkout", "-q", "-b", "faster-training");
        repos.Work.Commit("faster training", ("src/train.py", "print('train faster')\n"));
        repos.Work.Git("push", "-q", "-o", ProtectedRemote.MergeOption, "origin", "faster-training");
        repos.Merge("faster-training", 100);
        var (second, _) = ProposeVerifyMergePublish("weights-two", 0.75, 2);
        Assert.Equal("v0.0.2", second);
        File.Copy(Path.Combine(store, "weights-two"), Path.Combine(store, "current"), overwrite: true);
        var again = harness.Run(
            "promote.yml",
            WorkflowEvent.Dispatch("main", RemoteMain, new Dictionary<string, string> { ["model"] = "sentiment", ["version"] = second }));
        Assert.True(again.Conclusion == "success", again.ToString());
        Assert.Contains("--label=ai.pipeline.version=v0.0.2", harness.StandIns.DockerCalls[^1]);

        // A worse candidate is held: the gate step fails (exit 1), the always() step still reports, nothing is deployed,
        // and the refusal's decision-log commit, refused by the protected main, is a warning, not a broken run.
        var held = harness.Run(
            "promote.yml",
            WorkflowEvent.Dispatch("main", RemoteMain, new Dictionary<string, string> { ["model"] = "sentiment", ["version"] = first }));
        Assert.Equal(("failure", 1, "hold"), (held["promote"].Result, held["promote"].ExitCode, held["promote"].Outputs["decision"]));
        Assert.Contains("Decision", held["promote"].StepsRun);
        Assert.Equal("skipped", held["deploy"].Result);
        Assert.Contains("PIPE4103", held["promote"].Log);
        Assert.Equal(2, harness.StandIns.DockerCalls.Count);
        Assert.Empty(held.Pushed);

        File.Copy(Path.Combine(store, "weights-one"), Path.Combine(store, "current"), overwrite: true);
        var rollback = harness.Run("rollback.yml", WorkflowEvent.Dispatch("main", RemoteMain,
            new Dictionary<string, string> { ["model"] = "sentiment", ["reason"] = "v0.0.2 regressed in production" }));
        Assert.True(rollback.Conclusion == "success", rollback.ToString());
        Assert.Equal("sentiment#production#3", rollback["rollback"].Outputs["tag"]);
        Assert.Contains(new PushedRef("refs/tags/sentiment#production#3", ByGitHubToken: true), rollback.Pushed);
        Assert.All(rollback.Pushed, p => Assert.True(p.ByGitHubToken, p.Ref)); // the tag and the alias counter ref
        Assert.Equal("success", rollback["deploy/deploy"].Result);
        Assert.Contains("--label=ai.pipeline.version=v0.0.1", harness.StandIns.DockerCalls[^1]);
        Assert.Contains("--label=ai.pipeline.alias.tag=sentiment#production#3", harness.StandIns.DockerCalls[^1]);

        Assert.Equal(3, harness.StandIns.DockerCalls.Count);
    }

    [Fact]
    public void After_training_dispatched_without_a_seed_names_the_missing_key_and_proposes_nothing()
    {
        repos.Work.Git("checkout", "-q", "-b", "no-seed");
        repos.Work.Commit(
            "lineage without a seed",
            ("pipeline.yaml", "lineage:\n  dvc_lock: dvc.lock\n  config: params.yaml#train\n  base_model: Qwen/Qwen3-8B\n"));
        repos.Work.Git("push", "-q", "-o", ProtectedRemote.MergeOption, "origin", "no-seed");
        repos.Merge("no-seed", 100);
        harness.BeforeStep["Train (PLACEHOLDER)"] = workspace =>
        {
            Directory.CreateDirectory(Path.Combine(workspace, "runs"));
            File.WriteAllText(
                Path.Combine(workspace, "runs", "latest"),
                "{\"name\": \"sft\", \"status\": \"finished\"}\n{\"step\": 0, \"loss\": 2.3}\n");
            Directory.CreateDirectory(Path.Combine(workspace, "models"));
            File.WriteAllText(Path.Combine(workspace, "models", "model.pkl"), "weights");
            Directory.CreateDirectory(Path.Combine(workspace, "evals"));
            File.WriteAllText(
                Path.Combine(workspace, "evals", "mmlu.json"),
                """{"suite": {"name": "mmlu", "fingerprint": "mmlu@abcd"}, "evaluated": "unknown", "scores": {"mmlu": 0.5}}""");
        };

        var run = harness.Run(
            "after-training.yml",
            WorkflowEvent.Dispatch("main", RemoteMain, new Dictionary<string, string> { ["model"] = "demo" }));

        var job = run["propose"];
        Assert.Equal(("failure", 2), (job.Result, job.ExitCode));
        Assert.Equal("Propose the model version", job.Steps.Single(s => s.Outcome == "failure").Label);
        Assert.Contains("PIPE2200", job.Log);
        Assert.Contains("pipeline.yaml lineage.seed", job.Log);
        Assert.Contains("pipeline register demo", job.Log);
        Assert.Equal(["Show what was proposed"], job.StepsSkipped);
        Assert.Empty(github.PullRequests);
        Assert.DoesNotContain(repos.Pushes, p => p.StartsWith("refs/heads/pipeline/", StringComparison.Ordinal));
    }
}
