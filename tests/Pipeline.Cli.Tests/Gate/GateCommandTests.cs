using System.Text.Json;
using Pipeline.Core.Tracking;

namespace Pipeline.Cli.Tests.Gate;

public sealed class GateCommandTests : IDisposable
{
    private const string GateYaml = """
        suite: {name: mmlu, fingerprint: "mmlu@abcd"}
        metric: mmlu
        direction: maximize
        threshold: 0.60
        """;

    private readonly TempGitRepo _repo = new();

    public GateCommandTests()
    {
        _repo.Write("gate.yaml", GateYaml);
        _repo.Commit("protected gate");
        _repo.Register("demo", "v1.0.0", "fp-1", 0.65);
        _repo.Assign("demo", "v1.0.0", "production", 1);
    }

    public void Dispose() => _repo.Dispose();

    private Task<CliResult> Gate(params string[] extra) =>
        CliRunner.RunAsync(["gate", "demo", "--repo", _repo.Root, "--alias", "production", .. extra]);

    [Fact]
    public async Task The_real_winner_is_promoted_with_its_evidence_in_the_json()
    {
        _repo.Register("demo", "v1.1.0", "fp-2", 0.71);
        var r = await Gate("--version", "v1.1.0", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var d = doc.RootElement.GetProperty("decision");
        Assert.Equal("promote", d.GetProperty("decision").GetString());
        Assert.Equal(0.71, d.GetProperty("candidate").GetProperty("score").GetDouble());
        Assert.Equal("v1.0.0", d.GetProperty("champion").GetProperty("version").GetString());
        Assert.Equal(0.65, d.GetProperty("champion").GetProperty("score").GetDouble());
        Assert.Equal("beats", d.GetProperty("comparison").GetProperty("result").GetString());
        Assert.Equal("main:gate.yaml", d.GetProperty("gate").GetProperty("source").GetString());
        Assert.Equal(40, d.GetProperty("gate").GetProperty("commit").GetString()!.Length);
    }

    [Fact]
    public async Task A_fake_self_reported_score_is_judged_on_its_evaluated_score_and_held_with_exit_one()
    {
        _repo.Register("demo", "v1.2.0", "fp-3", 0.62, metrics: """{"mmlu": 0.99}""");
        var r = await Gate("--version", "v1.2.0");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("error PIPE4060: demo@v1.2.0 does not take 'production'", r.Stderr);
        Assert.Contains("0.62 does not beat champion v1.0.0 0.65", r.Stdout);
        Assert.Contains("ignored self-reported mmlu = 0.99", r.Stdout);
        Assert.Contains("decision: HOLD", r.Stdout);
    }

    [Fact]
    public async Task A_candidate_branch_that_loosens_gate_yaml_is_still_judged_by_the_protected_one()
    {
        _repo.Git("checkout", "-q", "-b", "candidate");
        _repo.Write("gate.yaml", GateYaml.Replace("0.60", "0.10"));
        _repo.Commit("loosen my own gate");
        _repo.Register("demo", "v1.3.0", "fp-4", 0.55);
        _repo.Git("tag", "-d", "demo#production#1");
        var r = await Gate("--version", "v1.3.0", "--json");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("warning PIPE4043", r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal(0.6, doc.RootElement.GetProperty("decision").GetProperty("gate").GetProperty("threshold").GetDouble());
        Assert.Equal("PIPE4043", doc.RootElement.GetProperty("warnings")[0].GetProperty("code").GetString());

        // Naming the candidate branch as the gate ref explicitly is the only way to use its gate.
        var own = await Gate("--version", "v1.3.0", "--gate-ref", "candidate");
        Assert.Equal(0, own.ExitCode);
    }

    [Fact]
    public async Task Pipeline_yaml_gate_settings_count_only_as_committed_at_the_protected_ref()
    {
        _repo.Write("pipeline.yaml", "gate: {file: gates/prod.yaml}\n");
        _repo.Write("gates/prod.yaml", GateYaml.Replace("0.60", "0.70"));
        _repo.Commit("gate moved to gates/prod.yaml");
        _repo.Git("checkout", "-q", "-b", "candidate");
        _repo.Write("lax.yaml", GateYaml.Replace("0.60", "0.10"));
        _repo.Write("pipeline.yaml", "gate: {file: lax.yaml, protected_ref: candidate}\n");
        _repo.Commit("point the gate at my own lax file");
        _repo.Register("demo", "v1.3.0", "fp-4", 0.66);
        _repo.Git("tag", "-d", "demo#production#1");

        var r = await Gate("--version", "v1.3.0", "--json");
        Assert.True(r.ExitCode == 1, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var gate = doc.RootElement.GetProperty("decision").GetProperty("gate");
        Assert.Equal("main:gates/prod.yaml", gate.GetProperty("source").GetString());
        Assert.Equal(0.7, gate.GetProperty("threshold").GetDouble());
    }

    [Fact]
    public void Github_base_ref_is_the_protected_ref_on_pull_requests()
    {
        using var git = Pipeline.Git.Reading.GitRepository.Discover(_repo.Root);
        var ex = Assert.Throws<Pipeline.Core.Diagnostics.PipelineException>(() =>
            Pipeline.Git.Gate.ProtectedGate.Resolve(git, null, k => k == "GITHUB_BASE_REF" ? "release" : null));
        Assert.Equal("PIPE4042", ex.Code.Id);
        Assert.Contains("origin/release", ex.Message);

        _repo.Git("update-ref", "refs/remotes/origin/release", "HEAD");
        using var again = Pipeline.Git.Reading.GitRepository.Discover(_repo.Root);
        var (refName, commit) = Pipeline.Git.Gate.ProtectedGate.Resolve(again, null, k => k == "GITHUB_BASE_REF" ? "release" : null);
        Assert.Equal("origin/release", refName);
        Assert.Equal(_repo.Git("rev-parse", "HEAD").Trim(), commit);
        Assert.Equal("main", Pipeline.Git.Gate.ProtectedGate.Resolve(again, null, _ => null).Ref);
    }

    [Fact]
    public async Task An_extra_eval_file_for_another_model_is_ignored()
    {
        _repo.Register("demo", "v1.1.0", "fp-2", null);
        var eval = Path.Combine(_repo.Root, "borrowed.json");
        File.WriteAllText(
            eval,
            "{\"suite\": {\"name\": \"mmlu\", \"fingerprint\": \"mmlu@abcd\"}, \"evaluated\": \"" + _repo.FingerprintOf("fp-1") + "\", \"scores\": " +
                "{\"mmlu\": 0.9}}");
        var r = await Gate("--version", "v1.1.0", "--eval", eval, "--json");
        Assert.Equal(1, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var d = doc.RootElement.GetProperty("decision");
        Assert.Equal(JsonValueKind.Null, d.GetProperty("candidate").GetProperty("score").ValueKind);
        Assert.Contains("not this model", d.GetProperty("ignored_evidence")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Health_rules_read_the_linked_runs_series_from_the_ledger()
    {
        _repo.Write("gate.yaml", GateYaml + "\nhealth:\n  - {series: loss, nan: forbid}\n  - {series: kl, stat: last, max: 0.2}\n");
        _repo.Commit("gate with health");
        _repo.Register("demo", "v1.1.0", "fp-2", 0.71);
        var runs = Path.Combine(_repo.Root, "registry", "runs");
        Directory.CreateDirectory(runs);
        var run = new RunRecord
        {
            Id = "run-7",
            Name = "run-7",
            Status = RunStatus.Finished,
            Start = DateTimeOffset.UnixEpoch,
            Fingerprint = _repo.FingerprintOf("fp-2")
        };
        File.WriteAllBytes(Path.Combine(runs, "run-7.json"), RunRecordWriter.ToUtf8(run));
        using (var w = new SeriesWriter(Path.Combine(runs, "run-7" + RunLedger.SeriesSuffix)))
        {
            w.Write("loss", 0, 0, 2.0);
            w.Write("loss", 1, 0, double.NaN);
            w.Write("kl", 0, 0, 0.1);
        }

        var r = await Gate("--version", "v1.1.0", "--json");
        Assert.True(r.ExitCode == 1, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var d = doc.RootElement.GetProperty("decision");
        Assert.Equal("run-7", d.GetProperty("run").GetString());
        var rules = d.GetProperty("rules")
            .EnumerateArray()
            .ToDictionary(e => e.GetProperty("rule").GetString()!, e => e.GetProperty("verdict").GetString());
        Assert.Equal("fail", rules["no NaN in loss"]);
        Assert.Equal("pass", rules["last(kl) <= 0.2"]);
        Assert.Equal("beats", d.GetProperty("comparison").GetProperty("result").GetString());
    }

    [Fact]
    public async Task Run_naming_another_models_healthy_run_cannot_lend_its_series_to_a_diverged_candidate()
    {
        _repo.Write("gate.yaml", GateYaml + "\nhealth:\n  - {series: loss, nan: forbid}\n");
        _repo.Commit("gate with health");
        _repo.Register("demo", "v1.1.0", "fp-2", 0.71);
        var runs = Path.Combine(_repo.Root, "registry", "runs");
        Directory.CreateDirectory(runs);
        void Run(string id, string? fingerprint, double loss)
        {
            var run = new RunRecord { Id = id, Name = id, Status = RunStatus.Finished, Start = DateTimeOffset.UnixEpoch, Fingerprint = fingerprint };
            File.WriteAllBytes(Path.Combine(runs, id + ".json"), RunRecordWriter.ToUtf8(run));
            using var w = new SeriesWriter(Path.Combine(runs, id + RunLedger.SeriesSuffix));
            w.Write("loss", 0, 0, loss);
        }

        Run("diverged", _repo.FingerprintOf("fp-2"), double.NaN);  // what produced v1.1.0
        Run("healthy", "fp-other", 0.5);      // another model's run
        Run("unlinked", null, 0.5);           // a run that records no subject: --run is the only way to link it

        var borrowed = await Gate("--version", "v1.1.0", "--run", "healthy", "--json");
        Assert.True(borrowed.ExitCode == 2, borrowed.Stdout + borrowed.Stderr);
        Assert.Contains("PIPE4062", borrowed.Stderr);
        Assert.Contains("'healthy'", borrowed.Stderr);

        Assert.Equal(1, (await Gate("--version", "v1.1.0", "--run", "diverged")).ExitCode);
        Assert.Equal(0, (await Gate("--version", "v1.1.0", "--run", "unlinked")).ExitCode);
    }

    [Fact]
    public async Task Gate_does_not_say_promote_for_a_version_promote_would_refuse()
    {
        _repo.Register("demo", "v1.1.0", "fp-2", 0.71);
        _repo.Git("tag", "-a", "demo@v1.1.0!", "demo@v1.1.0^{}", "-m", "deregister"); // deprecated
        var deprecated = await Gate("--version", "v1.1.0", "--json");
        Assert.True(deprecated.ExitCode == 2, deprecated.Stdout + deprecated.Stderr);
        Assert.Contains("PIPE3009", deprecated.Stderr);
        Assert.Equal(
            2,
            (await CliRunner.RunAsync(["promote", "demo", "--repo", _repo.Root, "--alias", "production", "--version", "v1.1.0"])).ExitCode);

        _repo.Register("demo", "v1.2.0", "fp-3", 0.75);
        _repo.Git("tag", "-d", "demo@v1.2.0"); // a record on the branch, never tagged: not registered
        var untagged = await Gate("--version", "v1.2.0");
        Assert.Equal(2, untagged.ExitCode);
        Assert.Contains("PIPE4061", untagged.Stderr);
    }

    [Fact]
    public async Task A_missing_gate_at_the_protected_ref_is_bad_input_and_an_unknown_version_too()
    {
        var missing = await Gate("--version", "v1.0.0", "--gate-file", "nope.yaml");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("PIPE4041", missing.Stderr);
        var unknown = await Gate("--version", "v9.9.9");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("PIPE4061", unknown.Stderr);
        var badRef = await Gate("--version", "v1.0.0", "--gate-ref", "origin/nothing");
        Assert.Equal(3, badRef.ExitCode);
        Assert.Contains("PIPE4042", badRef.Stderr);
    }
}
