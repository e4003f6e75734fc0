namespace Pipeline.GitHub.Tests.Harness;

/// <summary>
/// The samples as shipped, started by the events that trigger them: `on:` with its branch, tag and `paths:` filters
/// read from the push payload. (The samples run by these events: <see cref="SampleWorkflowTests"/>.)
/// </summary>
public sealed class SampleTriggersTests
{
    private static (string Name, Func<string, string, bool> Triggers) Sample(string name) =>
        (name, (eventName, payload) => WorkflowHarness.Triggers(Path.Combine(WorkflowHarness.Samples, name), eventName, payload));

    private static string Push(string reference, params string[] modified) =>
        $$"""{"ref": "{{reference}}", "commits": [{"id": "{{new string('a', 40)}}", "added": [], "removed": [],""" +
        $$""" "modified": [{{string.Join(", ", modified.Select(m => $"\"{m}\""))}}]}]}""";

    [Theory]
    [InlineData("publish.yml", "refs/heads/main", "registry/demo/v0.0.1.json", true)]
    [InlineData("publish.yml", "refs/heads/main", "README.md", false)]
    [InlineData("publish.yml", "refs/heads/pipeline/demo/v0.0.1", "registry/demo/v0.0.1.json", false)]
    [InlineData("after-training.yml", "refs/heads/main", "src/train.py", true)]
    [InlineData("after-training.yml", "refs/heads/main", "registry/demo/v0.0.1.json", false)]
    [InlineData("deploy.yml", "refs/tags/demo#production#3", "registry/demo/v0.0.1.json", true)]
    [InlineData("deploy.yml", "refs/tags/demo@v0.0.1", "registry/demo/v0.0.1.json", false)]
    [InlineData("deploy.yml", "refs/heads/main", "registry/demo/v0.0.1.json", false)]
    [InlineData("report.yml", "refs/heads/main", "registry/demo/v0.0.1.json", true)]
    [InlineData("report.yml", "refs/heads/main", "src/train.py", false)]
    public void Push_events_start_exactly_the_samples_whose_filters_match(string sample, string reference, string file, bool starts) =>
        Assert.Equal(starts, Sample(sample).Triggers("push", Push(reference, file)));

    [Fact]
    public void The_proposal_and_promotion_workflows_start_on_their_own_events()
    {
        Assert.True(Sample("pr-check.yml").Triggers("pull_request", "{}"));
        Assert.True(Sample("promote.yml").Triggers("workflow_dispatch", "{}"));
        Assert.True(Sample("rollback.yml").Triggers("workflow_dispatch", "{}"));
        Assert.True(Sample("deploy.yml").Triggers("workflow_call", "{}"));
        Assert.True(Sample("report.yml").Triggers("workflow_run", "{}"));
        Assert.False(Sample("pr-check.yml").Triggers("push", Push("refs/heads/main", "registry/demo/v0.0.1.json")));
        Assert.False(Sample("promote.yml").Triggers("push", Push("refs/heads/main", "registry/demo/v0.0.1.json")));
    }
}
