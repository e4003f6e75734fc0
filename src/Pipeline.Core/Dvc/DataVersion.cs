using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Lineage;

namespace Pipeline.Core.Dvc;

/// <summary>
/// How each dep of the selected stages was classified, and the resulting <c>data_version</c>
/// (<c>"dvc:" + sha256_hex(canonical JSON of Entries)</c>, docs/design.md §2).
/// </summary>
public sealed record DataInputs(
    string Version,
    IReadOnlyList<DvcEntry> Entries,
    IReadOnlyList<string> StageOutputs,
    IReadOnlyList<string> TrackedCode)
{
    public const string Prefix = "dvc:";

    /// <summary>The sorted entry list exactly as hashed.</summary>
    public ArrayValue EntriesValue() => new(Entries.Select(e => (Value)e.ToValue()).ToArray());
}

/// <summary>
/// Computes <c>data_version</c>: the data inputs are every dep of the selected stages that no stage of the same lock
/// produces (not equal to, nor inside, any out) and that git does not track at the lineage commit (code is covered by
/// <c>code_commit</c> already), plus the outs of the given .dvc files. Git stays outside Core:
/// the <c>isTrackedAtCommit</c> argument of <see cref="Compute"/> answers for a repository-relative file or folder.
/// </summary>
public static class DataVersion
{
    public static DataInputs Compute(
        DvcLock dvcLock,
        IReadOnlyCollection<string> stageNames,
        IReadOnlyList<DvcFile> dvcFiles,
        Func<string, bool> isTrackedAtCommit)
    {
        var selected = StageSelection.Select(dvcLock, stageNames);
        var allOuts = dvcLock.Stages.SelectMany(s => s.Outs).Select(o => o.Path).ToArray();
        var data = new Dictionary<string, DvcEntry>(StringComparer.Ordinal);
        var stageOutputs = new SortedSet<string>(CodePointComparer.Instance);
        var tracked = new SortedSet<string>(CodePointComparer.Instance);

        foreach (var dep in selected.SelectMany(s => s.Deps))
        {
            if (allOuts.Any(o => DvcPath.IsSameOrUnder(dep.Path, o)))
            {
                stageOutputs.Add(dep.Path);
            }
            else if (!DvcPath.IsUrl(dep.Path) && isTrackedAtCommit(dep.Path))
            {
                tracked.Add(dep.Path);
            }
            else
            {
                Add(data, dep);
            }
        }

        foreach (var file in dvcFiles)
        {
            foreach (var o in file.Outs)
            {
                Add(data, o);
            }
        }

        var entries = data.Values.OrderBy(e => e.Path, CodePointComparer.Instance).ToArray();
        var version = DataInputs.Prefix + Fingerprint.Sha256Hex(
            CanonicalJson.Write(new ArrayValue(entries.Select(e => (Value)e.ToValue()).ToArray())));
        return new DataInputs(version, entries, stageOutputs.ToArray(), tracked.ToArray());
    }

    private static void Add(Dictionary<string, DvcEntry> data, DvcEntry entry)
    {
        if (!entry.HasContentHash)
        {
            throw new PipelineException(
                PipeCodes.DvcEntryWithoutHash,
                $"data input '{entry.Path}' records no md5, etag, checksum or version_id",
                entry.File,
                entry.Line);
        }

        if (data.TryGetValue(entry.Path, out var seen))
        {
            if (!seen.SameData(entry))
            {
                throw new PipelineException(
                    PipeCodes.DvcConflictingHash,
                    $"'{entry.Path}' is recorded as {seen.Describe()} ({seen.File}:{seen.Line}) and as {entry.Describe()}",
                    entry.File,
                    entry.Line);
            }

            return;
        }

        data.Add(entry.Path, entry);
    }
}
