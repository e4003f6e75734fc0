using System.Globalization;
using System.Text.Json;
using Pipeline.Cli.Output.Results;
using Pipeline.Core.Artifacts;
using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Evals;
using Pipeline.Core.Gate;
using Pipeline.Core.Sweep;

namespace Pipeline.Cli.Output;

/// <summary>
/// The engine's answers as the documents the verbs print (Output/Results). Kept out of the result records, which are
/// linked into Pipeline.Tasks and so may name nothing of Core.
/// </summary>
internal static class Documents
{
    public static DiagnosticDocument Of(Diagnostic d) => new(
        d.Code.Id, d.Severity.ToString().ToLowerInvariant(), d.Message, d.File, d.Line, d.Hint, d.Code.ExitCode);

    /// <summary>The decision; equal, field by field and number by number, to <see cref="GateDecisionJson.ToValue"/> (the tag's evidence).</summary>
    public static GateDecisionDocument Of(GateDecision d) => new(
        GateDecisionJson.Schema,
        d.Verdict,
        d.Promote,
        d.Model,
        d.Alias,
        d.Candidate.Version,
        new GateFileDocument(
            d.Gate.Origin, d.Gate.Commit, d.Gate.Digest, Of(d.Gate.Suite), d.Gate.Metric, d.Gate.Direction.Name(), Number(d.Gate.Threshold),
            d.Gate.MinImprovement?.ToString(), d.Gate.Section, new RequireDocument(d.Gate.Require.CiEvidence, d.Gate.Require.SignedTags)),
        Of(d.Candidate),
        d.Champion is null ? null : Of(d.Champion),
        new ComparisonDocument(GateDecisionJson.Snake(d.Comparison), d.ComparisonDetail),
        d.Rules.Select(r => new RuleVerdictDocument(r.Rule, Number(r.Value), r.Verdict, r.Detail)).ToArray(),
        d.RunId,
        d.Reasons,
        d.IgnoredEvidence.Select(i => new IgnoredEvidenceDocument(Of(i.Result.Suite), i.Result.Evaluated, i.Result.Source, i.Reason)).ToArray(),
        (d.IgnoredSelfReported ?? new Dictionary<string, double>())
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(p => p.Key, p => Number(p.Value)));

    public static SuiteDocument Of(Suite s) => new(s.Name, s.Fingerprint);

    public static ArtifactDocument? Of(Artifact? a) => a is null ? null : new(
        a.Uri, a.Kind, a.Sha256, a.Size, a.Manifest?.Select(m => new ArtifactFileDocument(m.Path, m.Sha256, m.Size)).ToArray(),
        a.Dvc is { } d ? new DvcArtifactDocument(d.File, d.Path, d.Md5, d.HashName, d.Remote, d.RemoteUrl, d.Object) : null);

    public static SelectOutput Of(SweepResult r) => new(
        r.Winner.RunId,
        r.Winner.Score,
        r.Metric,
        r.Direction.Name(),
        Of(r.Suite),
        r.Ranking.Select(x => new RankedRunDocument(
            x.RunId, x.Score, x.Rank,
            x.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
            x.Evidence.Evaluated, x.Evidence.Source)).ToArray(),
        r.Unranked.Select(u => new UnrankedRunDocument(u.RunId, u.Reason)).ToArray());

    /// <summary>A JSON value (a lineage, a record) as printed: Python typing kept (<c>1e-05</c>, <c>100.0</c>).</summary>
    public static JsonElement Element(Value value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonOut.WriterOptions))
        {
            ValueJson.Write(writer, value);
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }

    private static ScoredVersionDocument Of(ScoredVersion s) => new(
        s.Version,
        Number(s.Score),
        s.Evidence is null ? null : Evidence(s.Evidence),
        s.Note);

    private static EvidenceDocument Evidence(EvalResult e) => new(Of(e.Suite), e.Evaluated, e.Source,
        e.Producer is { } p ? new ProducerDocument(p.Ci, p.Actor, p.RunId, p.RunUrl, p.Commit) : null);

    /// <summary>Python repr, as canonical JSON writes it; non-finite is null (canonical JSON has no NaN).</summary>
    private static JsonNumber? Number(double? d) => d is { } v && double.IsFinite(v) ? new JsonNumber(PythonFloat.Repr(v)) : null;
}
