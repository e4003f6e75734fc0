using System.Text.Json.Nodes;

namespace Pipeline.Cli.Tests.Verify;

/// <summary>
/// code_commit must name the training commit for good: a full SHA. Anything else (no string at all, a short SHA, a
/// tag or branch name) either skips every recomputation or names a commit that can move or become ambiguous later.
/// </summary>
public sealed class VerifyCodeCommitTests
{
    private const string RecordPath = "registry/demo/v0.0.1.json";

    public static TheoryData<string> NotAString => new() { "null", "12345", "{\"sha\": \"x\"}", "[]", "true" };

    [Theory]
    [MemberData(nameof(NotAString))]
    public void Code_commit_that_is_not_a_string_fails_even_with_every_other_field_forged(string json)
    {
        using var s = new VerifyScenario();
        // A careful forger: wrong config, made-up data hash, no sources, a fingerprint that matches all of it.
        var text = VerifyScenario.Record(s.Fingerprint(), s.ArtifactSha, r =>
        {
            r["lineage"]!["code_commit"] = JsonNode.Parse(json);
            r["lineage"]!["config"]!["lr"] = 1.0;
            r["lineage"]!["data_version"] = "dvc:" + new string('0', 64);
            r.Remove("lineage_sources");
        }, refingerprint: true);
        s.Repo.Write(RecordPath, text);
        s.Repo.Commit("register");

        var result = s.Verify();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(VerifyChangeTests.Findings(result), f => f.Code == "PIPE2511" && f.Line == VerifyRecordTests.LineOf(text, "\"code_commit\""));
    }

    [Theory]
    [InlineData("short")]
    [InlineData("tag")]
    [InlineData("branch")]
    [InlineData("upper")]
    public void Code_commit_that_is_not_a_full_sha_fails(string kind)
    {
        using var s = new VerifyScenario();
        s.Repo.Git("tag", "trained", s.TrainingCommit);
        s.Repo.Git("branch", "trained-branch", s.TrainingCommit);
        var name = kind switch
        {
            "short" => s.TrainingCommit[..7],
            "tag" => "trained",
            "branch" => "trained-branch",
            _ => s.TrainingCommit.ToUpperInvariant(),
        };
        var text = VerifyScenario.Record(s.Fingerprint(), s.ArtifactSha, r => r["lineage"]!["code_commit"] = name, refingerprint: true);
        s.Repo.Write(RecordPath, text);
        s.Repo.Commit("register");

        var result = s.Verify();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(VerifyChangeTests.Findings(result), f => f.Code == "PIPE2511" && f.Line == VerifyRecordTests.LineOf(text, "\"code_commit\""));
    }

    [Fact]
    public void Label_source_behind_a_dvc_looking_data_version_is_unverifiable()
    {
        using var s = new VerifyScenario();
        var fake = "dvc:" + new string('0', 64);
        var text = VerifyScenario.Record(s.Fingerprint(), s.ArtifactSha, r =>
        {
            r["lineage"]!["data_version"] = fake;
            r["lineage_sources"]!["data"] = new JsonObject { ["source"] = "label", ["label"] = fake };
        }, refingerprint: true);
        s.Repo.Write(RecordPath, text);
        s.Repo.Commit("register");

        var result = s.Verify();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(VerifyChangeTests.Findings(result), f => f.Code == "PIPE2506");
    }
}
