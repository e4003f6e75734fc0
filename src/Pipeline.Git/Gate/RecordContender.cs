using Pipeline.Core.Canonical;
using Pipeline.Core.Gate;
using Pipeline.Core.Registry;

namespace Pipeline.Git.Gate;

/// <summary>
/// A version record as the gate reads it: <c>fingerprint</c> and <c>artifact.sha256</c> (what the version IS),
/// <c>evals</c>, the dirty flag (<c>lineage.dirty</c> or <c>lineage_sources.dirty</c>) and <c>metrics</c>
/// (self-reported: shown as ignored, never scored).
/// </summary>
public static class RecordContender
{
    public static Contender From(VersionRecord record)
    {
        var subjects = new[] { record.Fingerprint, record.Artifact?.Sha256 }.OfType<string>().Where(s => s.Length > 0).Distinct().ToArray();
        var dirty = Pipeline.Core.Lineage.DirtyLineage.Of(record.Lineage, record.LineageSources);
        var self = record.Metrics is ObjectValue m
            ? m.Members.Where(x => x.Value is FloatValue or IntegerValue)
                .ToDictionary(x => x.Key, x => x.Value is FloatValue f ? f.Value : (double)((IntegerValue)x.Value).Value, StringComparer.Ordinal)
            : null;
        return new Contender(record.Version.ToString(), subjects, record.Evals, dirty, self);
    }
}
