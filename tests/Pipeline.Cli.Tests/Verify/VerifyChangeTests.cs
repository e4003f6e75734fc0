using System.Text.Json;

namespace Pipeline.Cli.Tests.Verify;

/// <summary>The change-level rules: the registry is append-only; the gate file is flagged.</summary>
public sealed class VerifyChangeTests
{
    [Fact]
    public void Modifying_a_registered_record_fails()
    {
        using var s = new VerifyScenario();
        s.Repo.Git("checkout", "-q", "main");
        s.Repo.Write("registry/demo/v0.0.1.json", s.HonestRecord());
        s.Repo.Commit("register");
        s.Repo.Git("checkout", "-q", "-B", "edit");
        s.Repo.Write("registry/demo/v0.0.1.json", s.HonestRecord(artifactSha: new string('0', 64)));
        s.Repo.Commit("edit record");

        var result = s.Verify();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(Findings(result), f => f.Code == "PIPE3901" && f.Path == "registry/demo/v0.0.1.json");
    }

    [Fact]
    public void A_modified_record_is_reported_at_its_first_changed_line()
    {
        using var s = new VerifyScenario();
        s.Repo.Git("checkout", "-q", "main");
        var honest = s.HonestRecord();
        s.Repo.Write("registry/demo/v0.0.1.json", honest);
        s.Repo.Commit("register");
        s.Repo.Git("checkout", "-q", "-B", "edit");
        // Only white space, and deep in the file: the annotation must land on the edited line, not on line 1.
        var edited = honest.Replace("\"seed\": 0", "\"seed\":   0", StringComparison.Ordinal);
        Assert.NotEqual(honest, edited);
        s.Repo.Write("registry/demo/v0.0.1.json", edited);
        s.Repo.Commit("edit record");

        var result = s.Verify();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(Findings(result), f => f.Code == "PIPE3901" && f.Line == VerifyRecordTests.LineOf(edited, "\"seed\""));
    }

    [Fact]
    public void Deleting_a_registered_record_fails()
    {
        using var s = new VerifyScenario();
        s.Repo.Git("checkout", "-q", "main");
        s.Repo.Write("registry/demo/v0.0.1.json", s.HonestRecord());
        s.Repo.Commit("register");
        s.Repo.Git("checkout", "-q", "-B", "delete");
        s.Repo.Delete("registry/demo/v0.0.1.json");
        s.Repo.Commit("delete record");

        var result = s.Verify();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(Findings(result), f => f.Code == "PIPE3902" && f.Path == "registry/demo/v0.0.1.json");
    }

    [Fact]
    public void Editing_the_gate_file_is_a_warning_not_a_failure()
    {
        using var s = new VerifyScenario();
        s.Repo.Write("gate.yaml", "metric: mmlu\n");
        s.Repo.Commit("loosen gate");

        var result = s.Verify();

        Assert.Equal(0, result.ExitCode);
        var gate = Assert.Single(Findings(result), f => f.Code == "PIPE2590");
        Assert.Equal("warning", gate.Severity);
    }

    [Fact]
    public void A_change_without_records_passes()
    {
        using var s = new VerifyScenario();
        s.Repo.Write("README.md", "docs\n");
        s.Repo.Commit("docs");

        var result = s.Verify();

        Assert.Equal(0, result.ExitCode);
        Assert.True(result.Json.GetProperty("ok").GetBoolean());
        Assert.Equal(0, result.Json.GetProperty("versions").GetArrayLength());
    }

    [Fact]
    public void An_unknown_base_is_an_environment_error_with_a_hint()
    {
        using var s = new VerifyScenario();

        var result = s.VerifyAgainst("no-such-branch");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("PIPE3903", result.Stderr);
        Assert.Contains("fetch-depth", result.Stderr);
    }

    internal static List<(string Code, string? Path, int? Line, string Severity)> Findings(CliResult result) =>
        result.Json.GetProperty("findings").EnumerateArray().Select(f => (
            f.GetProperty("code").GetString()!,
            f.GetProperty("path").GetString(),
            f.GetProperty("line").ValueKind == JsonValueKind.Number ? f.GetProperty("line").GetInt32() : (int?)null,
            f.GetProperty("severity").GetString()!)).ToList();
}
