namespace Pipeline.GitHub.Tests.Harness;

/// <summary>
/// samples/workflows/deploy.yml run as a runner would: on an alias-tag push (current, and stale after an out-of-order
/// push) and through workflow_call, against a real registry whose artifact is a folder in a local store (file://),
/// with `docker` replaced by a recorder of its arguments.
/// </summary>
public sealed class DeployWorkflowTests : IDisposable
{
    private readonly RegistryRepo repo = new();
    private readonly string store = Directory.CreateTempSubdirectory("pipeline-store-").FullName;
    private readonly string bin = Directory.CreateTempSubdirectory("pipeline-fake-docker-").FullName;

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
        File.WriteAllText(Path.Combine(bin, "docker"), "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\" > \"$DOCKER_ARGS\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(bin, "docker"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private string DockerArgs => Path.Combine(bin, "args.txt");

    public void Dispose()
    {
        repo.Dispose();
        Directory.Delete(store, recursive: true);
        Directory.Delete(bin, recursive: true);
    }

    private WorkflowRunResult Deploy(string eventName, string gitRef = "", string model = "", string alias = "") =>
        new WorkflowHarness(RepoPaths.At("samples", "workflows", "deploy.yml")).Run("deploy", eventName, repo.Root,
            new Dictionary<string, string> { ["model"] = model, ["alias"] = alias },
            new Dictionary<string, string> { ["ref"] = gitRef, ["repository"] = ActionHarness.Repository },
            new Dictionary<string, string>
            {
                ["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH"),
                ["DOCKER_ARGS"] = DockerArgs,
            });

    [Fact]
    public void A_current_alias_tag_push_resolves_downloads_verifies_and_labels_the_image()
    {
        var run = Deploy("push", "refs/tags/demo#production#2");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("true", run.Outputs["event"]["current"]);
        Assert.Equal("v1.1.0", run.Outputs["resolve"]["version"]);
        Assert.Contains("Verify the weights", run.StepsRun);
        var docker = File.ReadAllLines(DockerArgs);
        Assert.Equal("build", docker[0]);
        Assert.Contains("--label=ai.pipeline.version=v1.1.0", docker);
        Assert.Contains("--label=ai.pipeline.alias.tag=demo#production#2", docker);
        Assert.Contains(docker, a => a.StartsWith("--label=ai.pipeline.artifact.digest=sha256:", StringComparison.Ordinal));
        Assert.Contains("serving-demo:v1.1.0", docker);
    }

    [Fact]
    public void A_stale_tag_pushed_late_is_skipped_before_anything_is_deployed()
    {
        var run = Deploy("push", "refs/tags/demo#production#1");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("false", run.Outputs["event"]["current"]);
        Assert.Equal("false", run.Outputs["decide"]["deploy"]);
        Assert.DoesNotContain("Resolve", run.StepsRun);
        Assert.False(File.Exists(DockerArgs));
    }

    [Fact]
    public void Called_with_model_and_alias_it_deploys_the_alias_and_stops_on_tampered_weights()
    {
        var called = Deploy("workflow_call", model: "demo", alias: "production");
        Assert.True(called.ExitCode == 0, called.ToString());
        Assert.Contains("--label=ai.pipeline.version=v1.1.0", File.ReadAllLines(DockerArgs));

        File.Delete(DockerArgs);
        Directory.Delete(Path.Combine(repo.Root, "weights"), recursive: true);
        File.WriteAllText(Path.Combine(store, "v1.1.0", "model.safetensors"), "tampered");
        var tampered = Deploy("workflow_call", model: "demo", alias: "production");

        Assert.Equal(1, tampered.ExitCode);
        Assert.Equal("Verify the weights", tampered.StepsRun[^1]);
        Assert.Contains("model.safetensors differs", tampered.Log);
        Assert.False(File.Exists(DockerArgs));
    }
}
