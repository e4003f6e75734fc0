namespace Pipeline.Cli.Tests.Verify;

/// <summary>
/// Where verify looks: the registry folder and gate file of pipeline.yaml (as register uses them), and option values
/// that are not repository-relative paths refused as usage errors instead of crashing or checking nothing.
/// </summary>
public sealed class VerifyLayoutTests
{
    [Fact]
    public void Records_in_the_folder_pipeline_yaml_names_are_verified()
    {
        using var s = new VerifyScenario();
        s.Repo.Git("checkout", "-q", "main");
        s.Repo.Write("pipeline.yaml", "registry:\n  folder: models\ngate:\n  file: ci/gate.yaml\n");
        s.Repo.Commit("project config");
        s.Repo.Git("checkout", "-q", "-B", "register");
        var text = VerifyScenario.Record(s.Fingerprint(), s.ArtifactSha, r => r["lineage"]!["seed"] = 7);
        s.Repo.Write("models/demo/v0.0.1.json", text);
        s.Repo.Write("ci/gate.yaml", "metric: mmlu\n");
        s.Repo.Commit("register a tampered record");

        var result = s.Verify();

        Assert.Equal(1, result.ExitCode);
        var findings = VerifyChangeTests.Findings(result);
        Assert.Contains(findings, f => f.Code == "PIPE2502" && f.Path == "models/demo/v0.0.1.json");
        Assert.Contains(findings, f => f.Code == "PIPE2590" && f.Path == "ci/gate.yaml");
    }

    [Fact]
    public void A_change_that_moves_the_registry_folder_still_has_its_records_verified()
    {
        using var s = new VerifyScenario();
        // The change itself points pipeline.yaml elsewhere and adds a record there: the base's folder alone would miss it.
        s.Repo.Write("pipeline.yaml", "registry:\n  folder: elsewhere\n");
        var text = VerifyScenario.Record(s.Fingerprint(), s.ArtifactSha, r => r["lineage"]!["seed"] = 7);
        s.Repo.Write("elsewhere/demo/v0.0.1.json", text);
        s.Repo.Commit("move the registry and register");

        var result = s.Verify();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(VerifyChangeTests.Findings(result), f => f.Code == "PIPE2502" && f.Path == "elsewhere/demo/v0.0.1.json");
    }

    [Theory]
    [InlineData("--registry-dir", "/abs")]
    [InlineData("--registry-dir", "../up")]
    [InlineData("--registry-dir", ".")]
    [InlineData("--registry-dir", "")]
    [InlineData("--gate-file", "")]
    [InlineData("--gate-file", "/etc/gate.yaml")]
    public void A_path_outside_the_repository_is_a_usage_error(string option, string value)
    {
        using var s = new VerifyScenario();
        s.Repo.Write("README.md", "docs\n");
        s.Repo.Commit("docs");

        var result = s.Verify(option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("PIPE0001", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }
}
