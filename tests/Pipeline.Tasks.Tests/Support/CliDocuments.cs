using System.Text.Json;
using Pipeline.Cli.Output.Results;

namespace Pipeline.Tasks.Tests.Support;

/// <summary>
/// Documents in the shapes the CLI prints, serialised from the same result records and context it prints with (linked
/// into Pipeline.Tasks): a fake CLI answering with these cannot answer in a shape the real one never would.
/// </summary>
internal static class CliDocuments
{
    public static string Gate(string verdict, params RuleVerdictDocument[] rules) =>
        JsonSerializer.Serialize(new GateOutput(true, Decision(verdict, rules), []), CliJsonContext.Default.GateOutput);

    public static string Promote(string verdict, string? tag, params RuleVerdictDocument[] rules) =>
        JsonSerializer.Serialize(new PromoteOutput(
            true,
            Decision(verdict, rules),
            [],
            new AssignmentDocument(verdict == "promote" ? "v2.0.0" : null, "v1.0.0", tag, tag is null ? null : 3, tag is not null,
                verdict == "promote", verdict == "promote" ? "gate passed" : "held", 1, null),
            verdict == "promote" ? null : new HoldDocument("registry/m/decisions.jsonl", 1, new string('a', 40), null)),
            CliJsonContext.Default.PromoteOutput);

    /// <summary><c>resolve m#production --json</c>: the alias's version, assigned by its first alias tag.</summary>
    public static string Resolve(string version, string? fingerprint, ArtifactDocument? artifact, string model = "m") =>
        JsonSerializer.Serialize(new ResolveOutput(
            model, "production", version, fingerprint, new string('c', 40), $"{model}@{version}",
            new AliasEventDocument($"{model}#production#1", "assign", 1, null, "ci", "2026-01-01T00:00:00Z", null), artifact),
            CliJsonContext.Default.ResolveOutput);

    public static RuleVerdictDocument Rule(string rule, string verdict, string? value = "0.65") =>
        new(rule, value is null ? null : new JsonNumber(value), verdict, $"{rule} detail");

    public static GateDecisionDocument Decision(string verdict, params RuleVerdictDocument[] rules) => new(
        "gate-decision-v1",
        verdict,
        verdict == "promote",
        "m",
        "production",
        "v2.0.0",
        new GateFileDocument(
            "origin/main:gate.yaml",
            new string('c', 40),
            "sha256:00",
            new SuiteDocument("mmlu", "mmlu@abcd"),
            "mmlu",
            "maximize",
            new JsonNumber("0.6")),
        new ScoredVersionDocument("v2.0.0", new JsonNumber("0.65"), null, "candidate"),
        null,
        new ComparisonDocument("no_champion", "no champion"),
        rules,
        null,
        rules.Where(r => r.Verdict == "fail").Select(r => $"{r.Rule}: {r.Detail}").ToArray(),
        [],
        new Dictionary<string, JsonNumber?>());
}
