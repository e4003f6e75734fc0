using Pipeline.Core.Canonical;

namespace Pipeline.Core.Lineage;

/// <summary>Whether a recorded lineage was built from a dirty tree: <c>lineage.dirty</c> or <c>lineage_sources.dirty</c>.</summary>
public static class DirtyLineage
{
    public static bool Of(Value? lineage, Value? sources) => IsTrue(lineage) || IsTrue(sources);

    private static bool IsTrue(Value? obj) => obj is ObjectValue o && o["dirty"] is BoolValue { Value: true };
}
