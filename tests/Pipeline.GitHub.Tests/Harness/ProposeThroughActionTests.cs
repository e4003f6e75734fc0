using System.Diagnostics;
using Pipeline.GitHub.Tests.FakeGitHub;
using Pipeline.GitHub.Tests.Proposals;

namespace Pipeline.GitHub.Tests.Harness;

/// <summary>
/// The action's side of issue 13: the propose input reaches the CLI and its outputs come back, every verb leaves a
/// summary, exit 2/3 becomes an ::error annotation naming the PIPE code, and the build steps decide the SDK and the
/// CLI cache once per job.
/// </summary>
public sealed class ProposeThroughActionTests : IDisposable
{
    private readonly ProtectedRemote _repos = new();
    private readonly FakeGitHubServer _github = new();

    public ProposeThroughActionTests()
    {
        _repos.Work.Commit("training code", ("train.py", "print('train')\n"));
        _repos.Work.Write(
            "lineage.json",
            """{"data_version": "d", "code_commit": "0123456789abcdef0123456789abcdef01234567", "config": {}, "base_model": "b", "seed": 0}""");
        _repos.Protect();
    }

    private ActionRunResult Run(Dictionary<string, string> inputs) =>
        ActionHarness.ForThisRepository()
            .Run(inputs, _repos.Work.Root, environment: new Dictionary<string, string> { ["GITHUB_API_URL"] = _github.ApiUrl });

    [Fact]
    public void Register_with_propose_opens_the_pull_request_and_the_outputs_and_summary_say_so()
    {
        var result = Run(
            new() { ["command"] = "register", ["model"] = "demo", ["lineage"] = "lineage.json", ["propose"] = "true", ["token"] = "ghs_appToken" });
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(("pipeline/demo/v0.0.1", "proposed", "1", "v0.0.1"),
            (result.Outputs["branch"], result.Outputs["outcome"], result.Outputs["pull-request"], result.Outputs["version"]));
        Assert.Equal("https://github.example/octo/models/pull/1", result.Outputs["pull-request-url"]);
        Assert.Contains("### ✅ pipeline register", result.Summary);
        Assert.Contains("| branch | `pipeline/demo/v0.0.1` |", result.Summary);
        Assert.Equal("Register demo v0.0.1", Assert.Single(_github.PullRequests).Title);
        Assert.Empty(result.Outputs["tag"]);
    }

    [Fact]
    public void A_usage_error_becomes_an_error_annotation_naming_the_PIPE_code()
    {
        var result = Run(
            new() { ["command"] = "register", ["model"] = "demo", ["lineage"] = "lineage.json", ["propose"] = "true", ["version"] = "1.x" });
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("::error title=PIPE3005%3A Invalid version::", result.Stdout + result.Stderr);
        Assert.Contains("failed (exit 2)", result.Summary);

        var notBool = Run(new() { ["command"] = "register", ["model"] = "demo", ["lineage"] = "lineage.json", ["propose"] = "yes" });
        Assert.Equal(2, notBool.ExitCode);
        Assert.Contains("::error title=PIPE5033", notBool.Stdout);
    }

    [Fact]
    public void Publish_through_the_action_writes_a_summary_even_with_nothing_to_tag()
    {
        var result = Run(new() { ["command"] = "publish" });
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("### ✅ pipeline publish", result.Summary);
    }

    [Fact]
    public void Prepare_skips_the_SDK_when_one_satisfies_and_restores_the_CLI_only_into_an_empty_folder()
    {
        var temp = Directory.CreateTempSubdirectory("pipeline-prepare-").FullName;
        try
        {
            var first = Script("prepare.sh", temp, new() { ["PIPELINE_DOTNET_VERSION"] = "10.0.x" });
            Assert.Equal(("false", "true", "false"), (first["sdk-needed"], first["restore"], first["prebuilt"]));
            Assert.StartsWith("pipeline-cli-Linux-X64-", first["cli-key"]);
            Assert.Equal("true", Script("prepare.sh", temp, new() { ["PIPELINE_DOTNET_VERSION"] = "99.0.x" })["sdk-needed"]);
            Assert.Equal("false", Script("prepare.sh", temp, new() { ["PIPELINE_DOTNET_VERSION"] = "" })["sdk-needed"]);

            // The first use built (or restored) the CLI: a second use in the job neither restores nor builds nor saves.
            Directory.CreateDirectory(first["cli-dir"]);
            File.WriteAllText(Path.Combine(first["cli-dir"], "pipeline.dll"), "built");
            var second = Script("prepare.sh", temp, new() { ["PIPELINE_DOTNET_VERSION"] = "10.0.x" });
            Assert.Equal((first["cli-key"], "false"), (second["cli-key"], second["restore"]));
            var build = Script("build.sh", temp, new() { ["PIPELINE_CLI_DIR"] = first["cli-dir"] });
            Assert.Equal("false", build["built"]);
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    private static Dictionary<string, string> Script(string name, string temp, Dictionary<string, string> env)
    {
        var output = Path.Combine(temp, "output-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(output, "");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepoPaths.Root, "action", name));
        foreach (
            var key in start.Environment.Keys.Where(k => k.StartsWith("GITHUB_", StringComparison.Ordinal)
                || k.StartsWith("RUNNER_", StringComparison.Ordinal)
                || k == "PIPELINE_CLI_DLL")
                .ToArray())
        {
            start.Environment.Remove(key);
        }

        start.Environment["GITHUB_OUTPUT"] = output;
        start.Environment["GITHUB_ACTION_PATH"] = RepoPaths.Root;
        start.Environment["RUNNER_TEMP"] = temp;
        start.Environment["RUNNER_OS"] = "Linux";
        start.Environment["RUNNER_ARCH"] = "X64";
        foreach (var (k, v) in env)
        {
            start.Environment[k] = v;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{name}: {stdout.Result}{stderr}");
        return Pipeline.GitHub.Tests.Actions.RunnerParsers.ParseOutputFile(File.ReadAllText(output));
    }

    public void Dispose()
    {
        _github.Dispose();
        _repos.Dispose();
    }
}
