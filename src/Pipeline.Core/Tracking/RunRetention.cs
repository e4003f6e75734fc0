using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Core.Tracking;

/// <summary>A run and what retention decided for it, with the reason a user can check.</summary>
public sealed record RetentionDecision(string Id, bool Prune, string Reason);

/// <summary>
/// Which runs <c>pipeline runs prune</c> removes. A run is pruned when it started before the cutoff, is not live, and
/// no registered version refers to it. A version record (<c>registry/&lt;model&gt;/v*.json</c>, any depth, outside
/// <c>registry/runs/</c>) refers to a run through a top-level <c>run_id</c> string, a <c>run</c> string or
/// <c>{"id": …}</c> object, or a <c>runs</c> array of those. With <c>keepRegisteredLineage</c> a run whose lineage
/// fingerprint equals a registered version's <c>fingerprint</c> is kept too (it reproduced a registered model).
/// </summary>
public static class RunRetention
{
    public static IReadOnlyList<RetentionDecision> Plan(
        RunLedger ledger, string registryRoot, TimeSpan olderThan, DateTimeOffset now, bool keepRegisteredLineage)
    {
        var (ids, fingerprints) = Registered(registryRoot);
        var cutoff = now - olderThan;
        var decisions = new List<RetentionDecision>();
        foreach (var id in ledger.Ids())
        {
            var run = ledger.Read(id);
            var status = RunLedger.EffectiveStatus(run);
            if (ids.Contains(id))
            {
                decisions.Add(new RetentionDecision(id, false, "referenced by a registered version"));
            }
            else if (keepRegisteredLineage && run.Fingerprint is { } fp && fingerprints.Contains(fp))
            {
                decisions.Add(new RetentionDecision(id, false, "lineage fingerprint of a registered version"));
            }
            else if (status == RunStatus.Running)
            {
                decisions.Add(new RetentionDecision(id, false, "still running"));
            }
            else if (run.Start >= cutoff)
            {
                decisions.Add(new RetentionDecision(id, false, "newer than the cutoff"));
            }
            else
            {
                decisions.Add(
                    new RetentionDecision(
                        id,
                        true,
                        $"started {RunRecordWriter.Time(run.Start)}, before {RunRecordWriter.Time(cutoff)}, not registered"));
            }
        }

        return decisions;
    }

    /// <summary>Run ids and fingerprints named by version records under <paramref name="registryRoot"/>.</summary>
    public static (HashSet<string> RunIds, HashSet<string> Fingerprints) Registered(string registryRoot)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var fingerprints = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, record) in VersionRecords(registryRoot))
        {
            if (record["fingerprint"] is StringValue fp)
            {
                fingerprints.Add(fp.Value);
            }

            ids.UnionWith(RunRefs(record));
        }

        return (ids, fingerprints);
    }

    /// <summary>
    /// The version record files (relative to <paramref name="registryRoot"/>, '/' separators) that reference
    /// <paramref name="runId"/> — the same references prune honours, so a run prune keeps is a run delete refuses.
    /// </summary>
    public static IReadOnlyList<string> Referencing(string registryRoot, string runId) =>
        VersionRecords(registryRoot)
            .Where(r => RunRefs(r.Record).Contains(runId))
            .Select(r => Path.GetRelativePath(registryRoot, r.File).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static IEnumerable<(string File, ObjectValue Record)> VersionRecords(string registryRoot)
    {
        if (!Directory.Exists(registryRoot))
        {
            yield break;
        }

        var runsFolder = Path.Combine(registryRoot, RunLedger.RunsFolderName) + Path.DirectorySeparatorChar;
        foreach (var file in Directory.EnumerateFiles(registryRoot, "v*.json", SearchOption.AllDirectories))
        {
            if (file.StartsWith(runsFolder, StringComparison.Ordinal))
            {
                continue;
            }

            Value doc;
            try
            {
                doc = JsonReader.ParseFile(file);
            }
            catch (PipelineException ex)
            {
                // Refuse to act when a version record cannot be read: it might reference any run.
                throw new PipelineException(
                    PipeCodes.RunRecordInvalid,
                    $"cannot read version record, so cannot tell which runs it references: {ex.Message}",
                    file,
                    ex.Line,
                    "Fix the version record (it is checked by the registry) before pruning or deleting runs.");
            }

            if (doc is ObjectValue o)
            {
                yield return (file, o);
            }
        }
    }

    private static HashSet<string> RunRefs(ObjectValue o)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        AddRef(ids, o["run_id"]);
        AddRef(ids, o["run"]);
        if (o["runs"] is ArrayValue runs)
        {
            foreach (var r in runs.Items)
            {
                AddRef(ids, r);
            }
        }

        return ids;
    }

    private static void AddRef(HashSet<string> ids, Value? v)
    {
        switch (v)
        {
            case StringValue s:
                ids.Add(s.Value);
                break;
            case ObjectValue o when o["id"] is StringValue id:
                ids.Add(id.Value);
                break;
        }
    }
}
