using FsCheck;
using FsCheck.Fluent;
using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Evals;
using Pipeline.Core.Gate;

namespace Pipeline.Core.Tests.Gate;

/// <summary>Evidence that says where it came from (producer) and the gate's <c>require: {ci_evidence: true}</c>.</summary>
public sealed class CiEvidenceTests
{
    private const string Head = """
        suite: {name: mmlu, fingerprint: mmlu@abcd}
        metric: mmlu
        direction: maximize
        threshold: 0.5

        """;

    private static readonly EvalProducer Ci = new(EvalProducer.GitHubActions, "alice", "4242", "https://github.com/o/r/actions/runs/4242", "abc123");

    private static readonly Dictionary<string, string?> ActionsEnvironment = new()
    {
        ["GITHUB_ACTIONS"] = "true",
        ["GITHUB_ACTOR"] = "alice",
        ["GITHUB_RUN_ID"] = "4242",
        ["GITHUB_SERVER_URL"] = "https://github.example",
        ["GITHUB_REPOSITORY"] = "org/repo",
        ["GITHUB_SHA"] = "0123456789abcdef0123456789abcdef01234567",
    };

    private static GateFile Yaml(string text) => GateFile.Parse(Head + text, "gate.yaml");

    private static Contender Candidate(EvalProducer? producer, double score = 0.9, string version = "v2.0.0") =>
        new(version, ["fp-" + version], [Ev.On(Ev.Mmlu, "fp-" + version, "mmlu", score) with { Producer = producer }]);

    [Fact]
    public void Require_block_parses_and_defaults_to_nothing_required()
    {
        var none = Yaml("");
        Assert.False(none.Require.CiEvidence);
        Assert.False(none.Require.SignedTags);
        Assert.Equal(".pipeline/allowed_signers", none.Require.AllowedSigners);

        var all = Yaml("require: {ci_evidence: true, signed_tags: true, allowed_signers: keys/signers}\n");
        Assert.True(all.Require.CiEvidence);
        Assert.True(all.Require.SignedTags);
        Assert.Equal("keys/signers", all.Require.AllowedSigners);
        Assert.NotEqual(none.Digest, all.Digest);
    }

    [Theory]
    [InlineData("require: {ci_evidence: yes please}\n", "'require.ci_evidence' must be true or false")]
    [InlineData("require: {ci_evidense: true}\n", "unknown key 'require.ci_evidense'")]
    [InlineData("require: true\n", "'require' must be a mapping")]
    [InlineData("require: {allowed_signers: ../outside}\n", "must be a path inside the repository")]
    [InlineData("staging: {require: {signed_tags: true}}\n", "whole-registry rule")]
    public void Require_block_refuses_what_it_cannot_honour(string text, string message)
    {
        var ex = Assert.Throws<PipelineException>(() => Yaml(text));
        Assert.Equal(PipeCodes.GateFileInvalid, ex.Code);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.Line);
    }

    [Fact]
    public void Alias_section_can_require_ci_evidence_for_production_only()
    {
        var gate = Yaml("production: {require: {ci_evidence: true}}\n");
        Assert.DoesNotContain(GateJudge.Decide(gate, "m", "staging", Candidate(null), null, null).Rules, r => r.Rule == ProvenanceRule.Name);
        var production = GateJudge.Decide(gate, "m", "production", Candidate(null), null, null);
        Assert.False(production.Promote);
        Assert.Contains(production.Rules, r => r.Rule == "ci evidence" && !r.Passed);
    }

    [Fact]
    public void Ci_evidence_passes_with_a_ci_producer_and_names_the_run()
    {
        var d = GateJudge.Decide(Yaml("require: {ci_evidence: true}\n"), "m", "production", Candidate(Ci), null, null);
        Assert.True(d.Promote, string.Join("; ", d.Reasons));
        var rule = Assert.Single(d.Rules, r => r.Rule == "ci evidence");
        Assert.Contains("github-actions run 4242", rule.Detail, StringComparison.Ordinal);
        Assert.Contains("by alice", rule.Detail, StringComparison.Ordinal);
        var json = CanonicalJson.Write(d.ToValue());
        Assert.Contains("\"producer\":{\"actor\":\"alice\"", json, StringComparison.Ordinal);
        Assert.Contains("\"require\":{\"ci_evidence\":true", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Ci_evidence_holds_a_winner_whose_eval_was_attached_by_hand()
    {
        var d = GateJudge.Decide(
            Yaml("require: {ci_evidence: true}\n"),
            "m",
            "production",
            Candidate(null, 0.99),
            Candidate(Ci, 0.6, "v1.0.0"),
            null);
        Assert.False(d.Promote);
        Assert.Contains(
            d.Reasons,
            r => r.StartsWith("ci evidence:", StringComparison.Ordinal) && r.Contains("has no CI producer", StringComparison.Ordinal));
        Assert.Contains(GateDecisionText.Lines(d), l => l.Contains("FAIL  ci evidence", StringComparison.Ordinal));
        Assert.Contains("| ci evidence |", GateDecisionMarkdown.Render(d), StringComparison.Ordinal);
    }

    [Fact]
    public void Ci_evidence_checks_the_results_other_rules_count_too()
    {
        var safety = new Suite("safety", "safety@1");
        var gate = Yaml("require: {ci_evidence: true}\nbounds: [{suite: {name: safety, fingerprint: safety@1}, metric: refusal, min: 0.9}]\n");
        var candidate = Candidate(Ci) is var c ? c with { Evals = [.. c.Evals, Ev.On(safety, "fp-v2.0.0", "refusal", 0.95)] } : null!;
        var d = GateJudge.Decide(gate, "m", "production", candidate, null, null);
        Assert.False(d.Promote);
        Assert.Contains("safety", Assert.Single(d.Rules, r => r.Rule == "ci evidence").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_producer_without_a_run_id_or_from_another_system_is_not_ci()
    {
        var gate = Yaml("require: {ci_evidence: true}\n");
        Assert.False(GateJudge.Decide(gate, "m", "production", Candidate(Ci with { RunId = null }), null, null).Promote);
        Assert.False(GateJudge.Decide(gate, "m", "production", Candidate(Ci with { Ci = "my-laptop" }), null, null).Promote);
    }

    [Fact]
    public void Producer_comes_from_the_actions_environment_only()
    {
        var p = EvalProducer.FromEnvironment(k => ActionsEnvironment.GetValueOrDefault(k));
        Assert.Equal(
            new EvalProducer(
                "github-actions",
                "alice",
                "4242",
                "https://github.example/org/repo/actions/runs/4242",
                "0123456789abcdef0123456789abcdef01234567"),
            p);
        Assert.Null(EvalProducer.FromEnvironment(k => k == "GITHUB_ACTIONS" ? "false" : ActionsEnvironment.GetValueOrDefault(k)));
        Assert.Null(EvalProducer.FromEnvironment(_ => null));
    }

    [Fact]
    public void Stamp_never_keeps_the_producer_a_file_claims()
    {
        var claimed = Ev.On(Ev.Mmlu, "fp", "mmlu", 0.9) with { Producer = Ci with { Actor = "mallory", RunId = "1" } };
        var outside = EvalProducer.Stamp(claimed, _ => null, out var dropped);
        Assert.Null(outside.Producer);
        Assert.Equal("mallory", dropped?.Actor);

        var inside = EvalProducer.Stamp(claimed, k => ActionsEnvironment.GetValueOrDefault(k), out var replaced);
        Assert.Equal("alice", inside.Producer?.Actor);
        Assert.Equal("4242", inside.Producer?.RunId);
        Assert.Equal("mallory", replaced?.Actor);
    }

    [Fact]
    public void Producer_survives_the_json_round_trip_and_refuses_unknown_keys()
    {
        using var buffer = new MemoryStream();
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            EvalResultJson.Write(w, Ev.On(Ev.Mmlu, "fp", "mmlu", 0.9) with { Producer = Ci });
        }

        var text = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        Assert.Equal(Ci, EvalResult.From(JsonReader.Parse(text, "e.json"), "e.json").Producer);
        var bad = text.Replace("\"run_id\"", "\"trusted\"", StringComparison.Ordinal);
        Assert.Equal(
            PipeCodes.EvalResultInvalid,
            Assert.Throws<PipelineException>(() => EvalResult.From(JsonReader.Parse(bad, "e.json"), "e.json")).Code);
    }

    [Fact]
    public void A_candidate_whose_evidence_fails_ci_evidence_never_moves_the_alias()
    {
        var producers = new EvalProducer?[] { null, Ci, Ci with { RunId = null }, Ci with { Ci = "jenkins" } };
        var contests =
            from producer in Gen.Elements(producers)
            from score in Gen.Elements(0.1, 0.5, 0.7, 0.99)
            from championScore in Gen.Elements<double?>(null, 0.2, 0.7, 0.99)
            from alias in Gen.Elements("staging", "production")
            select (producer, score, championScore, alias);
        var property = Prop.ForAll(Arb.From(contests), x =>
        {
            var gate = Yaml("require: {ci_evidence: true}\nstaging: {threshold: 0.1}\n");
            var champion = x.championScore is { } k ? Candidate(Ci, k, "v1.0.0") : null;
            var d = GateJudge.Decide(gate, "m", x.alias, Candidate(x.producer, x.score), champion, null);
            return x.producer is { IsCi: true } || !d.Promote;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }
}
