using Pipeline.GitHub.Tests.Proposals;

namespace Pipeline.GitHub.Tests.Harness;

/// <summary>
/// The samples as shipped, started by the events that trigger them: `on:` with its branch, tag and `paths:` filters
/// read from the push payload, then publish.yml run by the workflow harness after a merged proposal.
/// </summary>
public sealed class SampleTriggersTests
{
    private static WorkflowHarness Sample(string name) => new(RepoPaths.At("samples", "workflows", name));

    private static string Push(string reference, params string[] modified) =>
        $$"""{"ref": "{{reference}}", "commits": [{"id": "{{new string('a', 40)}}", "added": [], "removed": [], "modified": [{{string.Join(", ", modified.Select(m => $"\"{m}\""))}}]}]}""";

    [Theory]
    [InlineData("publish.yml", "refs/heads/main", "registry/demo/v0.0.1.json", true)]
    [InlineData("publish.yml", "refs/heads/main", "README.md", false)]
    [InlineData("publish.yml", "refs/heads/pipeline/demo/v0.0.1", "registry/demo/v0.0.1.json", false)]
    [InlineData("after-training.yml", "refs/heads/main", "src/train.py", true)]
    [InlineData("after-training.yml", "refs/heads/main", "registry/demo/v0.0.1.json", false)]
    [InlineData("deploy.yml", "refs/tags/demo#production#3", "registry/demo/v0.0.1.json", true)]
    [InlineData("deploy.yml", "refs/tags/demo@v0.0.1", "registry/demo/v0.0.1.json", false)]
    [InlineData("deploy.yml", "refs/heads/main", "registry/demo/v0.0.1.json", false)]
    public void Push_events_start_exactly_the_samples_whose_filters_match(string sample, string reference, string file, bool starts) =>
        Assert.Equal(starts, Sample(sample).Triggers("push", Push(reference, file)));

    [Fact]
    public void The_proposal_and_promotion_workflows_start_on_their_own_events()
    {
        Assert.True(Sample("pr-check.yml").Triggers("pull_request", "{}"));
        Assert.True(Sample("promote.yml").Triggers("workflow_dispatch", "{}"));
        Assert.True(Sample("rollback.yml").Triggers("workflow_dispatch", "{}"));
        Assert.True(Sample("deploy.yml").Triggers("workflow_call", "{}"));
        Assert.False(Sample("promote.yml").Triggers("push", Push("refs/heads/main", "registry/demo/v0.0.1.json")));
    }

    [Fact]
    public void Publish_yml_as_shipped_tags_a_merged_proposal_on_the_push_to_main()
    {
        using var repos = new ProtectedRemote();
        repos.Work.Commit("training code", ("train.py", "print('train')\n"));
        repos.Protect();
        var lineage = repos.Work.Write("../lineage-journey.json", $$"""{"data_version": "d", "code_commit": "{{repos.Work.Head}}", "config": {}, "base_model": "b", "seed": 0}""");
        var proposed = CliProcess.Run(repos.Work.Root, new Dictionary<string, string?> { ["GITHUB_TOKEN"] = null, ["GITHUB_REPOSITORY"] = "octo/models" },
            "register", "demo", "--lineage", lineage, "--propose", "--json");
        Assert.True(proposed.ExitCode == 0, proposed.ToString());
        var merge = repos.Merge(proposed.Json.GetProperty("branch").GetString()!, 1);
        var payload = Push("refs/heads/main", "registry/demo/model.json", "registry/demo/v0.0.1.json");
        var workflow = Sample("publish.yml");
        Assert.True(workflow.Triggers("push", payload));

        using var checkout = new TempGitRepo(cloneFrom: repos.Remote.Url);
        var run = workflow.Run("publish", "push", checkout.Root, new Dictionary<string, string>(),
            new Dictionary<string, string> { ["ref"] = "refs/heads/main", ["sha"] = merge }, new Dictionary<string, string>());
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["Tag the merged versions"], run.StepsRun);
        Assert.Equal("true", run.Outputs["publish"]["ok"]);
        Assert.Equal(proposed.Json.GetProperty("commit").GetString(), repos.Remote.Git("rev-parse", "demo@v0.0.1^{commit}").Trim());
    }
}
