using Pipeline.GitHub.Tests.FakeGitHub;
using Pipeline.GitHub.Tests.Proposals;

namespace Pipeline.GitHub.Tests.Harness;

/// <summary>
/// samples/workflows/deploy.yml as shipped, run by the workflow harness: on an alias-tag push (current, and stale after
/// an out-of-order push) and called by another workflow, checked out from a protected remote whose registry's artifact
/// is a folder in a local store (file://), with `docker` the harness's recording stand-in.
/// </summary>
public sealed class DeployWorkflowTests : IDisposable
{
    private readonly RegistryRepo repo = new();
    private readonly ProtectedRemote repos = new();
    private readonly FakeGitHubServer github = new();
    private readonly WorkflowHarness harness;
    private readonly string store = Directory.CreateTempSubdirectory("pipeline-store-").FullName;

    public DeployWorkflowTests()
    {
        foreach (var (version, seed, weights) in new[] { ("v1.0.0", 1, "one"), ("v1.1.0", 2, "two") })
        {
            var folder = Path.Combine(store, version);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "model.safetensors"), weights);
            File.WriteAllText(Path.Combine(folder, "config.json"), "{}");
            repo.Cli("artifact", "manifest", folder);
            repo.Cli(["register", "demo", "--version", version, .. repo.SourceArgs(seed),
                "--artifact", "file://" + folder, "--artifact-manifest", Path.Combine(folder, "pipeline-manifest.json")]);
        }

        repo.Assign("demo", "v1.0.0", "production");
        repo.Assign("demo", "v1.1.0", "production");
        repos.Protect(repo.Root);
        harness = new WorkflowHarness(repos, github);
    }

    public void Dispose()
    {
        harness.Dispose();
        github.Dispose();
        repos.Dispose();
        repo.Dispose();
        Directory.Delete(store, recursive: true);
    }

    private WorkflowRunResult PushTag(string tag) =>
        harness.Run("deploy.yml", WorkflowEvent.Push("refs/tags/" + tag, repo.Git("rev-parse", tag + "^{commit}")));

    [Fact]
    public void A_current_alias_tag_push_resolves_downloads_verifies_and_labels_the_image()
    {
        var run = PushTag("demo#production#2");
        var job = run["deploy"];

        Assert.True(run.Conclusion == "success", run.ToString());
        Assert.Equal("true", job.Step("event")["current"]);
        Assert.Equal("v1.1.0", job.Step("resolve")["version"]);
        Assert.Contains("Verify the weights", job.StepsRun);
        var docker = Assert.Single(harness.StandIns.DockerCalls);
        Assert.Equal("build", docker[0]);
        Assert.Contains("--label=ai.pipeline.version=v1.1.0", docker);
        Assert.Contains("--label=ai.pipeline.alias.tag=demo#production#2", docker);
        Assert.Contains(docker, a => a.StartsWith("--label=ai.pipeline.artifact.digest=sha256:", StringComparison.Ordinal));
        Assert.Equal(["--tag", "serving-demo:v1.1.0", "."], docker[^3..]);
        Assert.Contains("### ✅ pipeline check-ref", job.Summary);
    }

    [Fact]
    public void A_stale_tag_pushed_late_is_skipped_before_anything_is_deployed()
    {
        var run = PushTag("demo#production#1");
        var job = run["deploy"];

        Assert.True(run.Conclusion == "success", run.ToString());
        Assert.Equal("false", job.Step("event")["current"]);
        Assert.Equal("false", job.Step("decide")["deploy"]);
        Assert.DoesNotContain("Resolve", job.StepsRun);
        Assert.Contains("Build the serving image", job.StepsSkipped);
        Assert.Empty(harness.StandIns.DockerCalls);
    }

    [Fact]
    public void A_version_tag_push_starts_no_deploy()
    {
        var version = WorkflowEvent.Push("refs/tags/demo@v1.0.0", repo.Git("rev-parse", "demo@v1.0.0^{commit}"));
        Assert.Throws<InvalidOperationException>(() => harness.Run("deploy.yml", version));
    }

    [Fact]
    public void Tampered_weights_stop_the_job_before_the_image_is_built()
    {
        File.WriteAllText(Path.Combine(store, "v1.1.0", "model.safetensors"), "tampered");
        var run = PushTag("demo#production#2");
        var job = run["deploy"];

        Assert.Equal("failure", job.Result);
        Assert.Equal(1, job.ExitCode);
        Assert.Equal("Verify the weights", job.StepsRun[^1]);
        Assert.Contains("model.safetensors differs", job.Log);
        Assert.Empty(harness.StandIns.DockerCalls);
    }
}
