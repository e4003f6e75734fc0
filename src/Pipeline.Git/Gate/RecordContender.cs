using Pipeline.Core.Canonical;
using Pipeline.Core.Evals;
using Pipeline.Core.Gate;

namespace Pipeline.Git.Gate;

/// <summary>
/// A version record (<c>registry/&lt;model&gt;/&lt;version&gt;.json</c>) as the gate reads it: <c>fingerprint</c>,
/// <c>artifact.sha256</c>, <c>evals</c>, <c>metrics</c> (self-reported, shown as ignored) and the dirty flag
/// (<c>lineage.dirty</c> or <c>lineage_sources.dirty</c>).
/// </summary>
public static class RecordContender
{
    public static Contender From(Value document, string version, string file)
    {
        var o = document as ObjectValue ?? throw new Core.Diagnostics.PipelineException(Core.Diagnostics.PipeCodes.GateCandidateUnknown, "a version record must be a JSON object", file);
        var subjects = new List<string>();
        if (o["fingerprint"] is StringValue fp) subjects.Add(fp.Value);
        if (o["artifact"] is ObjectValue a && a["sha256"] is StringValue sha) subjects.Add(sha.Value);
        var evals = o["evals"] is ArrayValue items ? items.Items.Select(i => EvalResult.From(i, file)).ToArray() : [];
        var dirty = IsTrue(o["lineage"], "dirty") || IsTrue(o["lineage_sources"], "dirty");
        var self = o["metrics"] is ObjectValue m
            ? m.Members.Where(x => x.Value is FloatValue or IntegerValue)
                .ToDictionary(x => x.Key, x => x.Value is FloatValue f ? f.Value : (double)((IntegerValue)x.Value).Value, StringComparer.Ordinal)
            : null;
        return new Contender(version, subjects, evals, dirty, self);
    }

    private static bool IsTrue(Value? obj, string key) => obj is ObjectValue o && o[key] is BoolValue { Value: true };
}
