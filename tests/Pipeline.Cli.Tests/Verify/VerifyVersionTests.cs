using System.Text.Json;

namespace Pipeline.Cli.Tests.Verify;

/// <summary>
/// <c>pipeline verify --version MODEL@vX.Y.Z</c>: exactly the named records in head are recomputed, whatever the
/// change around them, and no base is needed (a serving build asks about the one version it embeds).
/// </summary>
public sealed class VerifyVersionTests : IDisposable
{
    private readonly VerifyScenario s = new();

    public VerifyVersionTests()
    {
        // On main: an honest v0.0.1 and a v0.0.2 whose seed was edited after registration (fingerprint no longer matches).
        s.Repo.Git("checkout", "-q", "main");
        s.Repo.Write("registry/demo/v0.0.1.json", s.HonestRecord());
        s.Repo.Write("registry/demo/v0.0.2.json", VerifyScenario.Record(s.Fingerprint(), s.ArtifactSha, r =>
        {
            r["version"] = "v0.0.2";
            r["lineage"]!["seed"] = 1;
        }));
        s.Repo.Commit("register v0.0.1 and v0.0.2");
    }

    public void Dispose() => s.Dispose();

    private CliResult Verify(params string[] args) => CliRunner.Run(["verify", "--repo", s.Repo.Root, "--no-fetch", "--json", .. args]);

    private static string[] Versions(CliResult r) =>
        r.Json.GetProperty("versions")
            .EnumerateArray()
            .Select(v => v.GetProperty("model").GetString() + "@" + v.GetProperty("version").GetString())
            .ToArray();

    [Fact]
    public void An_honest_version_passes_alone_even_beside_a_tampered_one()
    {
        var result = Verify("--version", "demo@v0.0.1");

        Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
        Assert.Equal(["demo@v0.0.1"], Versions(result));
        Assert.Equal("(selected)", result.Json.GetProperty("base").GetString());
        Assert.Empty(result.Json.GetProperty("findings").EnumerateArray());
    }

    [Fact]
    public void A_tampered_version_fails_with_its_finding_and_line()
    {
        var result = Verify("--version", "demo@v0.0.2");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["demo@v0.0.2"], Versions(result));
        var finding = Assert.Single(VerifyChangeTests.Findings(result), f => f.Code == "PIPE2502");
        Assert.Equal("registry/demo/v0.0.2.json", finding.Path);
        Assert.NotNull(finding.Line);
    }

    [Fact]
    public void Repeated_versions_are_each_verified_once_in_the_order_given()
    {
        var result = Verify("--version", "demo@v0.0.2", "--version", "demo@v0.0.1", "--version", "demo@v0.0.2");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["demo@v0.0.2", "demo@v0.0.1"], Versions(result));
        Assert.Equal([false, true], result.Json.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("ok").GetBoolean()));
    }

    [Fact]
    public void No_base_is_needed()
    {
        // A clone with no main, master or remote: the diff mode cannot find a base, --version does not look for one.
        s.Repo.Git("checkout", "-q", "-b", "release");
        s.Repo.Git("branch", "-D", "main", "register");

        var diff = Verify();
        Assert.True(diff.ExitCode == 3, diff.Stderr);
        Assert.Contains("PIPE3903", diff.Stderr);

        var named = Verify("--version", "demo@v0.0.1");
        Assert.True(named.ExitCode == 0, named.Stderr);
    }

    [Fact]
    public void Only_the_named_record_counts_when_the_change_adds_a_broken_one()
    {
        s.Repo.Git("checkout", "-q", "-b", "next");
        s.Repo.Write("registry/demo/v0.0.3.json", VerifyScenario.Record(s.Fingerprint(), s.ArtifactSha, r =>
        {
            r["version"] = "v0.0.3";
            r["fingerprint"] = new string('b', 64);
        }));
        s.Repo.Commit("register v0.0.3");

        Assert.Equal(1, CliRunner.Run(["verify", "--repo", s.Repo.Root, "--base", "main", "--no-fetch", "--json"]).ExitCode);
        Assert.Equal(0, Verify("--version", "demo@v0.0.1").ExitCode);
    }

    [Fact]
    public void Head_selects_the_commit_the_record_is_read_from()
    {
        var before = s.Repo.Git("rev-parse", "HEAD~1").Trim();
        var result = Verify("--version", "demo@v0.0.1", "--head", before);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error PIPE3910", result.Stderr);
        Assert.Contains("registry/demo/v0.0.1.json", result.Stderr);
    }

    [Fact]
    public void A_version_without_a_record_is_an_input_error_naming_the_path()
    {
        var result = Verify("--version", "demo@v9.9.9");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("registry/demo/v9.9.9.json", result.Stderr);
        using var doc = JsonDocument.Parse(result.Stdout);
        Assert.False(doc.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal("PIPE3910", doc.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("demo")]
    [InlineData("demo@")]
    [InlineData("Demo@v0.0.1")] // ("@v0.0.1" never arrives: System.CommandLine reads @file as a response file)
    [InlineData("demo@0.0.1")]
    [InlineData("demo@v0.0")]
    [InlineData("../demo@v0.0.1")]
    [InlineData("runs@v0.0.1")]
    [InlineData("demo@v0.0.1@v0.0.1")]
    public void A_spec_that_is_not_model_at_version_is_refused(string spec)
    {
        var result = Verify("--version", spec);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error PIPE3911", result.Stderr);
        Assert.Contains(spec, result.Stderr);
    }

    [Theory]
    [InlineData("--all")]
    [InlineData("--base", "main")]
    public void Version_takes_no_base_or_all(params string[] other)
    {
        var result = Verify(["--version", "demo@v0.0.1", .. other]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error PIPE0001", result.Stderr);
    }

    [Fact]
    public void A_model_name_with_slashes_is_found()
    {
        s.Repo.Write("registry/team/demo/v0.0.1.json", VerifyScenario.Record(s.Fingerprint(), s.ArtifactSha, r => r["model"] = "team/demo"));
        s.Repo.Commit("register team/demo");

        var result = Verify("--version", "team/demo@v0.0.1");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(["team/demo@v0.0.1"], Versions(result));
    }
}
