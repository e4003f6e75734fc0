namespace Pipeline.Cli.Output.Results;

/// <summary>
/// The gate's decision (schema <c>gate-decision-v1</c>): printed by <c>gate</c> and <c>promote</c> under
/// <c>decision</c>, and the same document the assignment tag carries as evidence (a test holds the two equal).
/// <c>decision</c> is <c>promote</c> or <c>hold</c>; <c>promote</c> says the same as a boolean. Non-finite numbers
/// are null, with the reason in the text.
/// </summary>
internal sealed record GateDecisionDocument(
    string Schema,
    string Decision,
    bool Promote,
    string Model,
    string Alias,
    string Version,
    GateFileDocument Gate,
    ScoredVersionDocument Candidate,
    ScoredVersionDocument? Champion,
    ComparisonDocument Comparison,
    IReadOnlyList<RuleVerdictDocument> Rules,
    string? Run,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<IgnoredEvidenceDocument> IgnoredEvidence,
    IReadOnlyDictionary<string, JsonNumber?> IgnoredSelfReported);

/// <summary>
/// Which gate decided: where it was read (the protected ref), its digest, suite, metric, the threshold and margin that
/// applied, the alias section laid over the top-level rules (null: none) and what the gate's <c>require:</c> block asks.
/// </summary>
internal sealed record GateFileDocument(
    string Source,
    string? Commit,
    string Digest,
    SuiteDocument Suite,
    string Metric,
    string Direction,
    JsonNumber? Threshold,
    string? MinImprovement = null,
    string? Section = null,
    RequireDocument? Require = null);

/// <summary>gate.yaml's <c>require:</c>: eval results produced by CI, alias tags signed by an allowed signer.</summary>
internal sealed record RequireDocument(bool CiEvidence, bool SignedTags);

internal sealed record SuiteDocument(string Name, string Fingerprint);

internal sealed record ScoredVersionDocument(string Version, JsonNumber? Score, EvidenceDocument? Evidence, string Note);

internal sealed record EvidenceDocument(SuiteDocument Suite, string Evaluated, string? Source, ProducerDocument? Producer = null);

/// <summary>The CI job that attached an eval result (null: attached outside CI); see docs/trust-model.md.</summary>
internal sealed record ProducerDocument(string Ci, string? Actor, string? RunId, string? RunUrl, string? Commit);

internal sealed record ComparisonDocument(string Result, string Detail);

/// <summary>One gate rule's outcome: <c>verdict</c> is <c>pass</c> or <c>fail</c>; <c>value</c> what was measured.</summary>
internal sealed record RuleVerdictDocument(string Rule, JsonNumber? Value, string Verdict, string Detail);

internal sealed record IgnoredEvidenceDocument(SuiteDocument Suite, string Evaluated, string? Source, string Reason);
