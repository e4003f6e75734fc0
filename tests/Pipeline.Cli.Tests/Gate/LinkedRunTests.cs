using System.Text.Json;
using Pipeline.Core.Tracking;

namespace Pipeline.Cli.Tests.Gate;

/// <summary>
/// Issue 14 point 7: without --run, gate and promote read the run the record links (register --run ID); a health rule
/// naming a series the run never logged says which series it did log.
/// </summary>
public sealed class LinkedRunTests : IDisposable
{
    private readonly TempGitRepo _repo = new();

    public LinkedRunTests()
    {
        _repo.Write("gate.yaml", "suite: {name: mmlu, fingerprint: \"mmlu@abcd\"}\nmetric: mmlu\ndirection: maximize\nthreshold: 0.60\n"
            + "health:\n  - {series: loss, nan: forbid}\n");
        _repo.Commit("protected gate with a health rule");
        _repo.Register("demo", "v1.0.0", "fp-1", 0.65);
        _repo.Assign("demo", "v1.0.0", "production", 1);
    }

    public void Dispose() => _repo.Dispose();

    private Task<CliResult> Cli(params string[] args) => CliRunner.RunAsync([.. args, "--repo", _repo.Root]);

    /// <summary>A ledger run that produced <paramref name="fingerprint"/>, with one point per (series, value).</summary>
    private void Run(string id, string fingerprint, params (string Key, double Value)[] points)
    {
        var runs = Path.Combine(_repo.Root, "registry", "runs");
        Directory.CreateDirectory(runs);
        var run = new RunRecord { Id = id, Name = id, Status = RunStatus.Finished, Start = DateTimeOffset.UnixEpoch, Fingerprint = fingerprint };
        File.WriteAllBytes(Path.Combine(runs, id + ".json"), RunRecordWriter.ToUtf8(run));
        using var w = new SeriesWriter(Path.Combine(runs, id + RunLedger.SeriesSuffix));
        foreach (var (key, value) in points)
        {
            w.Write(key, 0, 0, value);
        }
    }

    [Fact]
    public async Task Gate_and_promote_read_the_run_linked_in_the_record_when_run_is_absent()
    {
        _repo.Register("demo", "v1.1.0", "fp-2", 0.71, run: "healthy");
        var fingerprint = _repo.FingerprintOf("fp-2");
        Run("healthy", fingerprint, ("loss", 0.5));
        Run("retry", fingerprint, ("loss", double.NaN)); // the same lineage trained twice: only the link says which run made v1.1.0

        var gate = await Cli("gate", "demo", "--version", "v1.1.0", "--alias", "production", "--json");
        Assert.True(gate.ExitCode == 0, gate.Stdout + gate.Stderr);
        Assert.Equal("healthy", JsonDocument.Parse(gate.Stdout).RootElement.GetProperty("decision").GetProperty("run").GetString());

        // --run still names another run explicitly, and that run's series decide.
        Assert.Equal(1, (await Cli("gate", "demo", "--version", "v1.1.0", "--alias", "production", "--run", "retry")).ExitCode);

        var promote = await Cli("promote", "demo", "--version", "v1.1.0", "--alias", "production", "--json");
        Assert.True(promote.ExitCode == 0, promote.Stdout + promote.Stderr);
        Assert.Equal("healthy", JsonDocument.Parse(promote.Stdout).RootElement.GetProperty("decision").GetProperty("run").GetString());
    }

    [Fact]
    public async Task A_health_rule_naming_a_series_the_run_lacks_lists_the_series_it_has()
    {
        _repo.Register("demo", "v1.1.0", "fp-2", 0.71, run: "renamed");
        Run("renamed", _repo.FingerprintOf("fp-2"), ("train/loss", 0.5), ("reward", 1.0));

        var gate = await Cli("gate", "demo", "--version", "v1.1.0", "--alias", "production", "--json");

        Assert.Equal(1, gate.ExitCode);
        var rule = JsonDocument.Parse(gate.Stdout).RootElement.GetProperty("decision").GetProperty("rules").EnumerateArray()
            .Single(r => r.GetProperty("rule").GetString() == "no NaN in loss");
        Assert.Equal("fail", rule.GetProperty("verdict").GetString());
        Assert.Contains("it logged: reward, train/loss", rule.GetProperty("detail").GetString());
    }
}
