namespace Pipeline.Cli.Tests.Verify;

/// <summary>Each single tampering of an added record fails with its own finding, pointing at the field's line.</summary>
public sealed class VerifyRecordTests
{
    private const string RecordPath = "registry/demo/v0.0.1.json";

    [Fact]
    public void Edited_fingerprint_points_at_the_fingerprint_line()
    {
        using var s = new VerifyScenario();
        var text = VerifyScenario.Record(s.Fingerprint(), s.ArtifactSha, r => r["fingerprint"] = new string('a', 64));
        s.Repo.Write(RecordPath, text);
        s.Repo.Commit("register");

        var result = s.Verify();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(VerifyChangeTests.Findings(result), f => f.Code == "PIPE2502" && f.Line == LineOf(text, "\"fingerprint\""));
    }

    [Fact]
    public void Edited_seed_breaks_the_fingerprint()
    {
        using var s = new VerifyScenario();
        var honest = s.HonestRecord();
        var tampered = honest.Replace("\"seed\": 0", "\"seed\": 1", StringComparison.Ordinal);
        Assert.NotEqual(honest, tampered);
        s.Repo.Write(RecordPath, tampered);
        s.Repo.Commit("register");

        var result = s.Verify();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(VerifyChangeTests.Findings(result), f => f.Code == "PIPE2502");
    }

    [Fact]
    public void Commit_that_does_not_exist_fails()
    {
        using var s = new VerifyScenario();
        var text = VerifyScenario.Record(s.Fingerprint(), s.ArtifactSha,
            r => r["lineage"]!["code_commit"] = "0123456789abcdef0123456789abcdef01234567", refingerprint: true);
        s.Repo.Write(RecordPath, text);
        s.Repo.Commit("register");

        var result = s.Verify();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(VerifyChangeTests.Findings(result), f => f.Code == "PIPE2503" && f.Line == LineOf(text, "\"code_commit\""));
    }

    [Fact]
    public void Commit_off_the_branch_is_unreachable()
    {
        using var s = new VerifyScenario();
        s.Repo.Git("checkout", "-q", "-b", "side", "main");
        s.Repo.Write("src/train.py", "print('other')\n");
        var side = s.Repo.Commit("side experiment");
        s.Repo.Git("checkout", "-q", "register");
        s.Repo.Write(RecordPath, VerifyScenario.Record(s.Fingerprint(side), s.ArtifactSha));
        s.Repo.Commit("register");

        var result = s.Verify();

        Assert.Contains(VerifyChangeTests.Findings(result), f => f.Code == "PIPE2504");
    }

    [Fact]
    public void Dirty_lineage_fails()
    {
        using var s = new VerifyScenario();
        var text = VerifyScenario.Record(s.Fingerprint(), s.ArtifactSha, r => r["lineage_sources"]!["dirty"] = true);
        s.Repo.Write(RecordPath, text);
        s.Repo.Commit("register");

        var result = s.Verify();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(VerifyChangeTests.Findings(result), f => f.Code == "PIPE2508" && f.Line == LineOf(text, "\"dirty\""));
    }

    [Fact]
    public void Label_data_version_is_unverifiable()
    {
        using var s = new VerifyScenario();
        var text = VerifyScenario.Record(s.Fingerprint(data: ["--data-version", "sft-mix-v3"]), s.ArtifactSha);
        s.Repo.Write(RecordPath, text);
        s.Repo.Commit("register");

        var result = s.Verify();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(VerifyChangeTests.Findings(result), f => f.Code == "PIPE2506" && f.Line == LineOf(text, "\"data_version\""));
    }

    [Fact]
    public void Missing_artifact_digest_fails()
    {
        using var s = new VerifyScenario();
        s.Repo.Write(RecordPath, s.HonestRecord(artifactSha: null));
        s.Repo.Commit("register");

        var result = s.Verify();

        Assert.Contains(VerifyChangeTests.Findings(result), f => f.Code == "PIPE2509");
    }

    [Fact]
    public void Local_artifact_with_other_bytes_fails()
    {
        using var s = new VerifyScenario();
        s.Repo.Write(RecordPath, s.HonestRecord(artifactSha: new string('b', 64)));
        s.Repo.Commit("register");

        var result = s.Verify();

        Assert.Contains(VerifyChangeTests.Findings(result), f => f.Code == "PIPE2510");
    }

    [Fact]
    public void Malformed_record_is_a_finding_not_a_crash()
    {
        using var s = new VerifyScenario();
        s.Repo.Write(RecordPath, "{\n  \"model\": \"demo\",\n  \"model\": \"again\"\n}\n");
        s.Repo.Commit("register");

        var result = s.Verify();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(VerifyChangeTests.Findings(result), f => f.Code == "PIPE2511" && f.Line == 3);
    }

    [Fact]
    public void An_honest_record_passes()
    {
        using var s = new VerifyScenario();
        s.Repo.Write(RecordPath, s.HonestRecord());
        s.Repo.Commit("register");

        var result = s.Verify();

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Empty(VerifyChangeTests.Findings(result));
        var version = Assert.Single(result.Json.GetProperty("versions").EnumerateArray());
        Assert.True(version.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public void Config_value_edited_in_the_record_fails_at_the_config_line()
    {
        using var s = new VerifyScenario();
        var text = VerifyScenario.Record(s.Fingerprint(), s.ArtifactSha, r => r["lineage"]!["config"]!["lr"] = 3e-4, refingerprint: true);
        s.Repo.Write(RecordPath, text);
        s.Repo.Commit("register");

        var result = s.Verify();

        Assert.Equal(1, result.ExitCode);
        var findings = VerifyChangeTests.Findings(result);
        Assert.DoesNotContain(findings, f => f.Code == "PIPE2502"); // self-consistent forgery...
        Assert.Contains(findings, f => f.Code == "PIPE2507" && f.Line == LineOf(text, "\"config\": {")); // ...caught by recomputation
    }

    [Fact]
    public void Data_hash_edited_in_the_lock_at_the_commit_fails()
    {
        using var s = new VerifyScenario();
        var honest = s.Fingerprint();
        s.Repo.Git("checkout", "-q", "main");
        s.Repo.Write(
            "dvc.lock",
            TrainingRepository.DvcLock.Replace("5c1b5e3d2f0a4b8c9d7e6f5a4b3c2d1e", "00000000000000000000000000000000", StringComparison.Ordinal));
        var edited = s.Repo.Commit("edit data hash");
        s.Repo.Git("checkout", "-q", "register");
        s.Repo.Git("merge", "-q", "main");
        var text = VerifyScenario.Record(honest, s.ArtifactSha, r => r["lineage"]!["code_commit"] = edited, refingerprint: true);
        s.Repo.Write(RecordPath, text);
        s.Repo.Commit("register");

        var result = s.Verify();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(VerifyChangeTests.Findings(result), f => f.Code == "PIPE2505" && f.Line == LineOf(text, "\"data_version\""));
    }

    [Fact]
    public void Sources_missing_at_the_commit_are_a_finding()
    {
        using var s = new VerifyScenario();
        var text = VerifyScenario.Record(s.Fingerprint(), s.ArtifactSha, r => r["lineage_sources"]!["config"]!["path"] = "missing.yaml");
        s.Repo.Write(RecordPath, text);
        s.Repo.Commit("register");

        var result = s.Verify();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(VerifyChangeTests.Findings(result), f => f.Code == "PIPE2512");
    }

    [Theory]
    [InlineData("model", "other")]
    [InlineData("version", "v0.0.2")]
    public void A_record_that_names_another_version_than_its_path_fails(string field, string value)
    {
        // A copy of an honest record under a new path recomputes fine; what it claims to be must match where it is.
        using var s = new VerifyScenario();
        var text = VerifyScenario.Record(s.Fingerprint(), s.ArtifactSha, r => r[field] = value);
        s.Repo.Write(RecordPath, text);
        s.Repo.Commit("register");

        var result = s.Verify();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(VerifyChangeTests.Findings(result), f => f.Code == "PIPE2511" && f.Line == LineOf(text, $"\"{field}\""));
    }

    internal static int LineOf(string text, string needle)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Contains(needle, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        throw new InvalidOperationException($"'{needle}' not in record");
    }
}
