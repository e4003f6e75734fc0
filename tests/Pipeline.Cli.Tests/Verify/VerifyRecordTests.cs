namespace Pipeline.Cli.Tests.Verify;

/// <summary>Each single tampering of an added record fails with its own finding, pointing at the field's line.</summary>
public sealed class VerifyRecordTests
{
    private const string RecordPath = "registry/demo/v0.0.1.json";

    [Fact]
    public void EditedFingerprintPointsAtTheFingerprintLine()
    {
        using var s = new VerifyScenario();
        var text = VerifyScenario.Record(s.Lineage(), fingerprint: new string('a', 64), artifactSha: s.ArtifactSha);
        s.Repo.Write(RecordPath, text);
        s.Repo.Commit("register");

        var result = s.Verify();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(VerifyChangeTests.Findings(result), f => f.Code == "PIPE2502" && f.Line == LineOf(text, "\"fingerprint\""));
    }

    [Fact]
    public void EditedSeedBreaksTheFingerprint()
    {
        using var s = new VerifyScenario();
        var honest = VerifyScenario.Record(s.Lineage(), artifactSha: s.ArtifactSha);
        var tampered = honest.Replace("\"seed\": 0", "\"seed\": 1", StringComparison.Ordinal);
        Assert.NotEqual(honest, tampered);
        s.Repo.Write(RecordPath, tampered);
        s.Repo.Commit("register");

        var result = s.Verify();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(VerifyChangeTests.Findings(result), f => f.Code == "PIPE2502");
    }

    [Fact]
    public void CommitThatDoesNotExistFails()
    {
        using var s = new VerifyScenario();
        var lineage = s.Lineage();
        lineage["code_commit"] = "0123456789abcdef0123456789abcdef01234567";
        var text = VerifyScenario.Record(lineage, artifactSha: s.ArtifactSha);
        s.Repo.Write(RecordPath, text);
        s.Repo.Commit("register");

        var result = s.Verify();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(VerifyChangeTests.Findings(result), f => f.Code == "PIPE2503" && f.Line == LineOf(text, "\"code_commit\""));
    }

    [Fact]
    public void CommitOffTheBranchIsUnreachable()
    {
        using var s = new VerifyScenario();
        s.Repo.Git("checkout", "-q", "-b", "side", "main");
        s.Repo.Write("src/train.py", "print('other')\n");
        var side = s.Repo.Commit("side experiment");
        s.Repo.Git("checkout", "-q", "register");
        var lineage = s.Lineage();
        lineage["code_commit"] = side;
        s.Repo.Write(RecordPath, VerifyScenario.Record(lineage, artifactSha: s.ArtifactSha));
        s.Repo.Commit("register");

        var result = s.Verify();

        Assert.Contains(VerifyChangeTests.Findings(result), f => f.Code == "PIPE2504");
    }

    [Fact]
    public void DirtyLineageFails()
    {
        using var s = new VerifyScenario();
        var text = VerifyScenario.Record(s.Lineage(), artifactSha: s.ArtifactSha, dirty: true);
        s.Repo.Write(RecordPath, text);
        s.Repo.Commit("register");

        var result = s.Verify();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(VerifyChangeTests.Findings(result), f => f.Code == "PIPE2508" && f.Line == LineOf(text, "\"dirty\""));
    }

    [Fact]
    public void LabelDataVersionIsUnverifiable()
    {
        using var s = new VerifyScenario();
        var text = VerifyScenario.Record(s.Lineage("sft-mix-v3"), artifactSha: s.ArtifactSha);
        s.Repo.Write(RecordPath, text);
        s.Repo.Commit("register");

        var result = s.Verify();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(VerifyChangeTests.Findings(result), f => f.Code == "PIPE2506" && f.Line == LineOf(text, "\"data_version\""));
    }

    [Fact]
    public void MissingArtifactDigestFails()
    {
        using var s = new VerifyScenario();
        s.Repo.Write(RecordPath, VerifyScenario.Record(s.Lineage(), artifactSha: null));
        s.Repo.Commit("register");

        var result = s.Verify();

        Assert.Contains(VerifyChangeTests.Findings(result), f => f.Code == "PIPE2509");
    }

    [Fact]
    public void LocalArtifactWithOtherBytesFails()
    {
        using var s = new VerifyScenario();
        s.Repo.Write(RecordPath, VerifyScenario.Record(s.Lineage(), artifactSha: new string('b', 64)));
        s.Repo.Commit("register");

        var result = s.Verify();

        Assert.Contains(VerifyChangeTests.Findings(result), f => f.Code == "PIPE2510");
    }

    [Fact]
    public void MalformedRecordIsAFindingNotACrash()
    {
        using var s = new VerifyScenario();
        s.Repo.Write(RecordPath, "{\n  \"model\": \"demo\",\n  \"model\": \"again\"\n}\n");
        s.Repo.Commit("register");

        var result = s.Verify();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(VerifyChangeTests.Findings(result), f => f.Code == "PIPE2511" && f.Line == 3);
    }

    internal static int LineOf(string text, string needle)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Contains(needle, StringComparison.Ordinal)) return i + 1;
        }

        throw new InvalidOperationException($"'{needle}' not in record");
    }
}
