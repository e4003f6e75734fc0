using Pipeline.Core.Canonical;
using Pipeline.Core.Evals;
using Pipeline.Core.Lineage;
using Pipeline.Core.Sweep;
using Pipeline.Core.Yaml;

namespace Pipeline.Core.Gate;

/// <summary>
/// The frozen gate (<c>gate.yaml</c>, docs/design.md §5): the suite the candidate must be evaluated on, the metric and its
/// direction, the threshold it must reach, and health rules over the candidate run's series.
/// <see cref="Digest"/> is the sha256 of the file's canonical JSON, so the decision records which gate judged it,
/// independent of YAML formatting.
/// </summary>
public sealed record GateFile(
    Suite Suite,
    string Metric,
    Direction Direction,
    double Threshold,
    IReadOnlyList<HealthRule> Health,
    string Origin,
    string Digest)
{
    /// <summary>The commit the gate was read from (the protected ref's commit), when it came from git.</summary>
    public string? Commit { get; init; }

    /// <summary>How much the candidate must beat the champion by (null: strictly better is enough).</summary>
    public Margin? MinImprovement { get; init; }

    /// <summary>Other suites that must not fall below the champion's scores beyond a tolerance.</summary>
    public IReadOnlyList<NoRegressionRule> NoRegression { get; init; } = [];

    /// <summary>Absolute bounds on the candidate's scores.</summary>
    public IReadOnlyList<BoundRule> Bounds { get; init; } = [];

    /// <summary>The alias the candidate must hold first (only in an alias section).</summary>
    public StageRule? Stage { get; init; }

    /// <summary>Per-alias sections (<c>staging:</c>, <c>production:</c>, or under <c>aliases:</c>); their keys replace the top-level ones.</summary>
    public IReadOnlyDictionary<string, AliasSection> Sections { get; init; } = new Dictionary<string, AliasSection>();

    /// <summary>The <c>require:</c> block (CI evidence, signed alias tags); none by default.</summary>
    public GateRequirements Require { get; init; } = GateRequirements.None;

    /// <summary>The alias section applied (set by <see cref="ForAlias"/>), null when the top-level rules apply as written.</summary>
    public string? Section { get; init; }

    /// <summary>
    /// The rules that judge a move of <paramref name="alias"/>: the top-level rules with that alias's section laid over
    /// them key by key (a list in a section replaces the top-level list whole, so staging can be looser than production).
    /// </summary>
    public GateFile ForAlias(string alias) => Sections.TryGetValue(alias, out var s)
        ? this with
        {
            Threshold = s.Threshold ?? Threshold,
            MinImprovement = s.MinImprovement ?? MinImprovement,
            NoRegression = s.NoRegression ?? NoRegression,
            Bounds = s.Bounds ?? Bounds,
            Health = s.Health ?? Health,
            Stage = s.Stage,
            Require = s.CiEvidence is { } ci ? Require with { CiEvidence = ci } : Require,
            Section = alias,
        }
        : this;

    /// <summary>
    /// The one parse seam: every syntax (YAML from the protected ref, JSON in tests) is read into a <see cref="Value"/>
    /// first, then validated here, so errors carry the same codes and lines whatever the syntax.
    /// </summary>
    public static GateFile From(Value document, string file) => GateFileReader.Read(document, file);

    /// <summary>Reads gate.yaml text (YAML 1.2 core schema; JSON is valid YAML too).</summary>
    public static GateFile Parse(ReadOnlySpan<byte> utf8, string file) => From(YamlReader.Parse(utf8, file), file);

    public static GateFile Parse(string text, string file) => From(YamlReader.Parse(text, file), file);

    internal static string DigestOf(Value document) => "sha256:" + Fingerprint.Sha256Hex(CanonicalJson.Write(document));
}
