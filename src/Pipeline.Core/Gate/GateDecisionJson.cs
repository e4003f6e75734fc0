using Pipeline.Core.Canonical;
using Pipeline.Core.Evals;
using Pipeline.Core.Sweep;

namespace Pipeline.Core.Gate;

/// <summary>
/// The decision as a JSON value (schema <c>gate-decision-v1</c>): printed by <c>pipeline gate --json</c> under
/// <c>decision</c> and embedded under <c>gate</c> in the assignment tag's JSON. Non-finite numbers are written as null
/// (with the reason in the text) because canonical JSON has no NaN.
/// </summary>
public static class GateDecisionJson
{
    public const string Schema = "gate-decision-v1";

    public static ObjectValue ToValue(this GateDecision d) => Obj(
        ("schema", S(Schema)),
        ("decision", S(d.Verdict)),
        ("promote", new BoolValue(d.Promote)),
        ("model", S(d.Model)),
        ("alias", S(d.Alias)),
        ("version", S(d.Candidate.Version)),
        ("gate", Obj(
            ("source", S(d.Gate.Origin)),
            ("commit", d.Gate.Commit is null ? Value.Null : S(d.Gate.Commit)),
            ("digest", S(d.Gate.Digest)),
            ("suite", SuiteValue(d.Gate.Suite)),
            ("metric", S(d.Gate.Metric)),
            ("direction", S(d.Gate.Direction.Name())),
            ("threshold", N(d.Gate.Threshold)),
            ("min_improvement", d.Gate.MinImprovement is { } m ? S(m.ToString()) : Value.Null),
            ("section", d.Gate.Section is null ? Value.Null : S(d.Gate.Section)),
            ("require", Obj(
                ("ci_evidence", new BoolValue(d.Gate.Require.CiEvidence)),
                ("signed_tags", new BoolValue(d.Gate.Require.SignedTags)))))),
        ("candidate", Scored(d.Candidate)),
        ("champion", d.Champion is null ? Value.Null : Scored(d.Champion)),
        ("comparison", Obj(("result", S(Snake(d.Comparison))), ("detail", S(d.ComparisonDetail)))),
        ("rules", new ArrayValue(d.Rules.Select(r => (Value)Obj(
            ("rule", S(r.Rule)),
            ("value", r.Value is { } v ? N(v) : Value.Null),
            ("verdict", S(r.Verdict)),
            ("detail", S(r.Detail)))).ToArray())),
        ("run", d.RunId is null ? Value.Null : S(d.RunId)),
        ("reasons", new ArrayValue(d.Reasons.Select(S).ToArray())),
        ("ignored_evidence", new ArrayValue(d.IgnoredEvidence.Select(i => (Value)Obj(
            ("suite", SuiteValue(i.Result.Suite)),
            ("evaluated", S(i.Result.Evaluated)),
            ("source", i.Result.Source is null ? Value.Null : S(i.Result.Source)),
            ("reason", S(i.Reason)))).ToArray())),
        ("ignored_self_reported", d.IgnoredSelfReported is null
            ? new ObjectValue(Array.Empty<Member>())
            : Obj(
                d.IgnoredSelfReported.OrderBy(p => p.Key, StringComparer.Ordinal)
                    .Select(p => (p.Key, p.Value is var x && double.IsFinite(x) ? N(x) : Value.Null))
                    .ToArray())));

    public static string Snake(Comparison c) => c switch
    {
        Comparison.Beats => "beats",
        Comparison.Ties => "ties",
        Comparison.Loses => "loses",
        Comparison.NoChampion => "no_champion",
        Comparison.NoComparableChampion => "no_comparable_champion",
        Comparison.CandidateUnscored => "candidate_unscored",
        _ => "already_champion",
    };

    private static ObjectValue Scored(ScoredVersion s) => Obj(
        ("version", S(s.Version)),
        ("score", s.Score is { } v ? N(v) : Value.Null),
        ("evidence", s.Evidence is null ? Value.Null : Obj(
            ("suite", SuiteValue(s.Evidence.Suite)),
            ("evaluated", S(s.Evidence.Evaluated)),
            ("source", s.Evidence.Source is null ? Value.Null : S(s.Evidence.Source)),
            ("producer", s.Evidence.Producer is { } p ? p.ToValue() : Value.Null))),
        ("note", S(s.Note)));

    private static ObjectValue SuiteValue(Suite s) => Obj(("name", S(s.Name)), ("fingerprint", S(s.Fingerprint)));

    private static Value S(string s) => new StringValue(s);

    private static Value N(double d) => double.IsFinite(d) ? new FloatValue(d) : Value.Null;

    private static ObjectValue Obj(params (string Key, Value Value)[] members) =>
        new(members.Select(m => new Member(m.Key, m.Value, 0)).ToArray());
}
