using Pipeline.Core.Artifacts;
using Pipeline.Core.Canonical;
using Pipeline.Core.Evals;

namespace Pipeline.Core.Tracking;

/// <summary>
/// What binds a run to the model it produced, given after the fact (an imported DVCLive or MLflow run knows its curves,
/// rarely its lineage): the lineage (from <c>--rev</c> or <c>--lineage FILE</c>), artifacts and eval results. With a
/// complete lineage or an artifact digest, <c>select</c> and the gate can match eval results to the run.
/// </summary>
/// <param name="LineageSource">How messages name where the lineage came from (a file, or "--rev REV").</param>
public sealed record RunBinding(ObjectValue? Lineage, string? LineageSource, IReadOnlyList<Artifact> Artifacts, IReadOnlyList<EvalResult> Evals)
{
    public static RunBinding None { get; } = new(null, null, [], []);

    public bool IsEmpty => Lineage is null && Artifacts.Count == 0 && Evals.Count == 0;
}
