using Pipeline.Core.Evals;
using Pipeline.Core.Sweep;

namespace Pipeline.Core.Gate;

/// <summary>
/// Another suite must not get worse: the candidate's <see cref="Metric"/> on <see cref="Suite"/> may fall below the
/// champion's by at most <see cref="Tolerance"/> (IFEval, GSM8K while the primary score is MT-Bench).
/// </summary>
public sealed record NoRegressionRule(Suite Suite, string Metric, Direction Direction, Margin Tolerance, int Line)
{
    public string Name => $"no_regression {Metric} on {Suite.Fingerprint} (tolerance {Tolerance})";
}

/// <summary>
/// An absolute bound on the candidate's <see cref="Metric"/> on <see cref="Suite"/>, whatever the champion scored
/// (a safety refusal rate of at least 0.95). Inclusive, like the threshold.
/// </summary>
public sealed record BoundRule(Suite Suite, string Metric, double? Min, double? Max, int Line)
{
    public string Name => (Min, Max) switch
    {
        ({ } lo, { } hi) => $"bound {Metric} on {Suite.Fingerprint} in [{Evidence.Format(lo)}, {Evidence.Format(hi)}]",
        ({ } lo, null) => $"bound {Metric} on {Suite.Fingerprint} >= {Evidence.Format(lo)}",
        _ => $"bound {Metric} on {Suite.Fingerprint} <= {Evidence.Format(Max!.Value)}",
    };

    public bool Holds(double score) => double.IsFinite(score) && !(score < Min) && !(score > Max);
}

/// <summary>
/// Stage order: the candidate must hold <see cref="Alias"/> (e.g. staging) now, and have held it for at least
/// <see cref="MinHeld"/>, before this alias may move to it.
/// </summary>
public sealed record StageRule(string Alias, TimeSpan? MinHeld, int Line)
{
    public string Name => $"requires_alias {Alias}" + (MinHeld is { } t ? $" (held >= {Durations.Format(t)})" : "");
}

/// <summary>Which version an alias points at now, and since when it has pointed there without interruption.</summary>
public sealed record AliasHolding(string Version, DateTimeOffset? Since);

/// <summary>
/// What the gate knows about the registry beyond the two contenders: which version holds each alias and since when,
/// and the time of the decision. Pure values, so the judge stays pure.
/// </summary>
public sealed record GateContext(IReadOnlyDictionary<string, AliasHolding> Holdings, DateTimeOffset Now)
{
    public static GateContext None { get; } = new(new Dictionary<string, AliasHolding>(), DateTimeOffset.UnixEpoch);
}
