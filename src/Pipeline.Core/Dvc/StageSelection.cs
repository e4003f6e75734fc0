using Pipeline.Core.Diagnostics;

namespace Pipeline.Core.Dvc;

/// <summary>
/// Which stages of a lock the lineage covers. No names: every stage. Names: those stages plus, transitively, every
/// stage of the same lock that produces something they depend on (an out equal to a dep, containing it, or inside
/// it), so restricting to <c>train</c> still counts the raw data that <c>prepare</c> turned into train's input.
/// </summary>
public static class StageSelection
{
    public static IReadOnlyList<DvcStage> Select(DvcLock dvcLock, IReadOnlyCollection<string> names)
    {
        if (names.Count == 0)
        {
            return dvcLock.Stages;
        }

        var chosen = new HashSet<string>(StringComparer.Ordinal);
        var work = new Queue<DvcStage>();
        foreach (var name in names)
        {
            var stage = dvcLock.Find(name) ?? throw new PipelineException(
                PipeCodes.DvcStageUnknown,
                $"no stage '{name}' in {dvcLock.Path}; stages: {string.Join(", ", dvcLock.Stages.Select(s => s.Name))}",
                dvcLock.Path);
            if (chosen.Add(stage.Name))
            {
                work.Enqueue(stage);
            }
        }

        while (work.TryDequeue(out var stage))
        {
            foreach (var producer in dvcLock.Stages)
            {
                if (!chosen.Contains(producer.Name) && Produces(producer, stage))
                {
                    chosen.Add(producer.Name);
                    work.Enqueue(producer);
                }
            }
        }

        // Lock order, so the recorded list and any error are stable whatever order the names were given in.
        return dvcLock.Stages.Where(s => chosen.Contains(s.Name)).ToArray();
    }

    private static bool Produces(DvcStage producer, DvcStage consumer) =>
        consumer.Deps.Any(d => producer.Outs.Any(o => DvcPath.IsSameOrUnder(d.Path, o.Path) || DvcPath.IsSameOrUnder(o.Path, d.Path)));
}
