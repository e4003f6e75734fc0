using System.Text.Json;

namespace Pipeline.Cli.Tests.Gate;

/// <summary>A gate with several rules through the real CLI and real git: sections, stage order, margins; a hold moves nothing.</summary>
public sealed class GateRulesCliTests : IDisposable
{
    private const string GateYaml = """
        suite: {name: mmlu, fingerprint: "mmlu@abcd"}
        metric: mmlu
        direction: maximize
        threshold: 0.60
        min_improvement: 0.02
        staging:
          threshold: 0.50
        production:
          requires_alias: staging
          min_held: 24h

        """;

    private readonly TempGitRepo _repo = new();

    public GateRulesCliTests()
    {
        _repo.Write("gate.yaml", GateYaml);
        _repo.Commit("protected gate");
        _repo.Register("demo", "v1.0.0", "fp-1", 0.65);
        _repo.Assign("demo", "v1.0.0", "production", 1);
        _repo.Register("demo", "v1.1.0", "fp-2", 0.71);
    }

    public void Dispose() => _repo.Dispose();

    private Task<CliResult> Run(string verb, string version, string alias) =>
        CliRunner.RunAsync([verb, "demo", "--version", version, "--alias", alias, "--repo", _repo.Root, "--json"]);

    private string[] AliasTags() => _repo.Git("tag", "-l", "demo#*").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>An assignment tag made by git with a tagger date in the past (git mktag), as if staging had held it that long.</summary>
    private void AssignAt(string version, string alias, int counter, DateTimeOffset when)
    {
        var commit = _repo.Git("rev-parse", $"demo@{version}^{{}}").Trim();
        var (code, tag, err) = GitProcess.TryRun(
            _repo.Root,
            $"object {commit}\ntype commit\ntag demo#{alias}#{counter}\ntagger T <t@example.com> {when.ToUnixTimeSeconds()} +0000\n\nassign " +
            $"{alias}\n",
            "mktag");
        Assert.True(code == 0, err);
        _repo.Git("update-ref", $"refs/tags/demo#{alias}#{counter}", tag.Trim());
    }

    private static JsonElement Rule(JsonElement decision, string prefix) =>
        decision.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("rule").GetString()!.StartsWith(prefix, StringComparison.Ordinal));

    [Fact]
    public async Task Promote_refuses_production_before_staging_and_moves_nothing()
    {
        var before = AliasTags();
        var r = await Run("promote", "v1.1.0", "production");
        Assert.True(r.ExitCode == 1, r.Stdout + r.Stderr);
        Assert.Equal(before, AliasTags());
        using var doc = JsonDocument.Parse(r.Stdout);
        var d = doc.RootElement.GetProperty("decision");
        Assert.Equal("production", d.GetProperty("gate").GetProperty("section").GetString());
        Assert.Equal("0.02", d.GetProperty("gate").GetProperty("min_improvement").GetString());
        var stage = Rule(d, "requires_alias staging");
        Assert.Equal("fail", stage.GetProperty("verdict").GetString());
        Assert.Contains("'staging' points at nothing", stage.GetProperty("detail").GetString());
        Assert.Equal("pass", Rule(d, "min_improvement 0.02").GetProperty("verdict").GetString());
        Assert.Contains("requires_alias staging", r.Stderr);
    }

    [Fact]
    public async Task Staging_first_then_production_once_it_has_held_staging_long_enough()
    {
        var staged = await Run("promote", "v1.1.0", "staging");
        Assert.True(staged.ExitCode == 0, staged.Stdout + staged.Stderr);

        // Just assigned: less than 24h held.
        var early = await Run("gate", "v1.1.0", "production");
        Assert.True(early.ExitCode == 1, early.Stdout + early.Stderr);
        using (var doc = JsonDocument.Parse(early.Stdout))
        {
            Assert.Contains("less than 1d", Rule(doc.RootElement.GetProperty("decision"), "requires_alias").GetProperty("detail").GetString());
        }

        // Staging re-assigned to the same version two days ago (an older unbroken hold): the clock starts there.
        AssignAt("v1.1.0", "staging", 1, DateTimeOffset.UtcNow.AddDays(-2));
        var r = await Run("promote", "v1.1.0", "production");
        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        using var promoted = JsonDocument.Parse(r.Stdout);
        var tag = promoted.RootElement.GetProperty("assignment").GetProperty("tag").GetString()!;
        var payload = _repo.Git("tag", "-l", "--format=%(contents)", tag).Split('\n').Single(l => l.StartsWith('{'));
        Assert.Contains("requires_alias staging (held >= 1d)", payload);
        Assert.Contains("min_improvement 0.02 over champion", payload);
    }

    [Fact]
    public async Task A_gain_inside_the_margin_holds_and_the_text_output_says_so()
    {
        _repo.Register("demo", "v1.2.0", "fp-3", 0.66);
        AssignAt("v1.2.0", "staging", 2, DateTimeOffset.UtcNow.AddDays(-3));
        var r = await CliRunner.RunAsync(["gate", "demo", "--version", "v1.2.0", "--alias", "production", "--repo", _repo.Root]);
        Assert.True(r.ExitCode == 1, r.Stdout + r.Stderr);
        Assert.Contains("FAIL  min_improvement 0.02 over champion: 0.66 vs champion v1.0.0 0.65: improvement 0.01 < 0.02", r.Stdout);
        Assert.Contains("pass  requires_alias staging (held >= 1d)", r.Stdout);
        Assert.Contains("(section 'production')", r.Stdout);
    }
}
