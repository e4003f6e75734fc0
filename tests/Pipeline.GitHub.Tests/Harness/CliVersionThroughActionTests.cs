using System.Security.Cryptography;

namespace Pipeline.GitHub.Tests.Harness;

/// <summary>
/// The action's cli-version input (action/download.sh): a folder laid out like a GitHub release, reached through a
/// file:// URL, stands in for the download. The "executable" is a wrapper around this test run's pipeline.dll that
/// leaves a mark, so a test can tell the released CLI ran rather than the harness's prebuilt one.
/// </summary>
public sealed class CliVersionThroughActionTests : IDisposable
{
    private const string Lineage = """
        {"data_version": "dvc:abc", "code_commit": "0123456789abcdef0123456789abcdef01234567", "config": {"lr": 0.001},
         "base_model": "llama", "seed": 7}
        """;

    private readonly string repo = Directory.CreateTempSubdirectory("pipeline-action-repo-").FullName;
    private readonly string release = Directory.CreateTempSubdirectory("pipeline-release-").FullName;
    private readonly string mark;

    public CliVersionThroughActionTests()
    {
        File.WriteAllText(Path.Combine(repo, "lineage.json"), Lineage);
        mark = Path.Combine(release, "released-cli-ran");
        File.WriteAllText(
            Path.Combine(release, "pipeline-linux-x64"),
            $"#!/usr/bin/env bash\ntouch '{mark}'\nexec dotnet '{RepoPaths.CliDll}' \"$@\"\n");
    }

    [Fact]
    public void A_released_cli_whose_checksum_matches_runs_instead_of_a_build()
    {
        WriteSums(Sha256("pipeline-linux-x64"), "pipeline-linux-x64");

        var result = Run("0.2.0");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(mark), "the released executable did not run:\n" + result);
        Assert.Contains("(matches SHA256SUMS)", result.Stdout);
        Assert.Equal(64, result.Outputs["fingerprint"].Length);
        Assert.Equal("true", result.Outputs["ok"]);
    }

    [Fact]
    public void A_wrong_checksum_fails_the_step_with_PIPE5046_and_nothing_runs()
    {
        WriteSums(new string('0', 64), "pipeline-linux-x64");

        var result = Run("0.2.0");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("::error title=PIPE5046%3A Pipeline CLI checksum mismatch::", result.Stdout);
        Assert.Contains(
            $"pipeline-linux-x64 of release v0.2.0 has sha256 {Sha256("pipeline-linux-x64")} but SHA256SUMS says {new string('0', 64)}",
            result.Stdout);
        Assert.Equal(["Download the released Pipeline CLI"], result.StepsRun);
        Assert.False(File.Exists(mark));
    }

    [Fact]
    public void A_SHA256SUMS_without_the_runners_executable_is_refused()
    {
        WriteSums(Sha256("pipeline-linux-x64"), "pipeline-osx-arm64");

        var result = Run("0.2.0");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("PIPE5046", result.Stdout);
        Assert.Contains("SHA256SUMS of release v0.2.0 has no line for pipeline-linux-x64", result.Stdout);
        Assert.False(File.Exists(mark));
    }

    [Fact]
    public void A_missing_release_fails_with_PIPE5045_naming_the_url()
    {
        var result = Run("9.9.9", releaseUrl: "file://" + Path.Combine(release, "no-such-release"));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("::error title=PIPE5045%3A Pipeline CLI download failed::could not download file://", result.Stdout);
        Assert.Contains("release v9.9.9", result.Stdout);
    }

    [Fact]
    public void An_unsupported_runner_or_a_malformed_version_is_refused_before_any_download()
    {
        WriteSums(Sha256("pipeline-linux-x64"), "pipeline-linux-x64");

        var windowsArm = Run("0.2.0", arch: "ARM64", os: "Windows");
        var malformed = Run("0.2.0; rm -rf /");

        Assert.Equal(3, windowsArm.ExitCode);
        Assert.Contains("PIPE5047", windowsArm.Stdout);
        Assert.Equal(2, malformed.ExitCode);
        Assert.Contains("PIPE5033", malformed.Stdout);
        Assert.False(File.Exists(mark));
    }

    [Fact]
    public void Without_cli_version_the_download_step_does_nothing()
    {
        var result = ActionHarness.ForThisRepository().Run(
            new Dictionary<string, string> { ["command"] = "fingerprint", ["lineage"] = "lineage.json" }, repo);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("Download the Pipeline CLI", result.Stdout);
        Assert.False(File.Exists(mark));
    }

    public void Dispose()
    {
        Directory.Delete(repo, recursive: true);
        Directory.Delete(release, recursive: true);
    }

    private ActionRunResult Run(string version, string? releaseUrl = null, string arch = "X64", string os = "Linux") =>
        ActionHarness.ForThisRepository().Run(
            new Dictionary<string, string> { ["command"] = "fingerprint", ["lineage"] = "lineage.json", ["cli-version"] = version },
            repo,
            environment: new Dictionary<string, string>
            {
                ["PIPELINE_RELEASE_URL"] = releaseUrl ?? "file://" + release,
                ["RUNNER_ARCH"] = arch,
                ["RUNNER_OS"] = os,
                // Only the download may supply the CLI: the harness's own prebuilt one is taken away.
                ["PIPELINE_CLI_DLL"] = "",
            });

    private void WriteSums(string sha256, string name) =>
        File.WriteAllText(Path.Combine(release, "SHA256SUMS"), $"{new string('1', 64)}  pipeline-other\n{sha256}  {name}\n");

    private string Sha256(string name) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(release, name))));
}
