using System.Diagnostics;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Core.Tracking;

/// <summary>
/// The run ledger folder, <c>&lt;repo&gt;/registry/runs/</c> (docs/design.md §3): one <c>&lt;id&gt;.json</c> record per run and its
/// <c>&lt;id&gt;.series.jsonl</c>. Reading is plain file access, so the ledger works on any checkout, tarball or rsync copy.
/// </summary>
public sealed class RunLedger
{
    public const string RunsFolderName = "runs";
    public const string RecordSuffix = ".json";
    public const string SeriesSuffix = ".series.jsonl";

    public RunLedger(string folder)
    {
        Folder = Path.GetFullPath(folder);
    }

    public string Folder { get; }

    /// <summary>How messages name the folder (repository-relative when known).</summary>
    public string DisplayFolder { get; init; } = "registry/" + RunsFolderName;

    /// <summary>The ledger of a repository (or any folder): <c>&lt;root&gt;/&lt;registry&gt;/runs</c>.</summary>
    public static RunLedger ForRepository(string root, string registryFolder = "registry") =>
        new(Path.Combine(root, registryFolder, RunsFolderName))
        {
            DisplayFolder = registryFolder.Replace('\\', '/').TrimEnd('/') + "/" + RunsFolderName
        };

    public string RecordPath(string id) => Path.Combine(Folder, id + RecordSuffix);

    /// <summary>The run's series file: the compact one when it exists, else the JSONL one (live runs, older ledgers).</summary>
    public string SeriesPath(string id) =>
        File.Exists(CompactSeriesPath(id)) || File.Exists(CompactSeriesPath(id) + ".dvc") ? CompactSeriesPath(id) : LiveSeriesPath(id);

    /// <summary>The JSONL series a live writer appends to.</summary>
    public string LiveSeriesPath(string id) => Path.Combine(Folder, id + SeriesSuffix);

    public string CompactSeriesPath(string id) => Path.Combine(Folder, id + CompactSeries.Suffix);

    /// <summary>Every run id, oldest first (ids sort by start time).</summary>
    public IReadOnlyList<string> Ids()
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }

        return Directory.EnumerateFiles(Folder, "*" + RecordSuffix)
            .Select(Path.GetFileName)
            .Where(n => n is not null && !n.EndsWith(SeriesSuffix, StringComparison.Ordinal))
            .Select(n => n![..^RecordSuffix.Length])
            .Where(RunId.IsValid)
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    public IEnumerable<RunRecord> List() => Ids().Select(Read);

    /// <summary>A full id or a unique prefix of one.</summary>
    public string Resolve(string idOrPrefix)
    {
        if (!RunId.IsValid(idOrPrefix))
        {
            throw new PipelineException(PipeCodes.RunNotFound, $"'{idOrPrefix}' is not a run id", hint: "Run ids use letters, digits, '_' and '-'.");
        }

        if (File.Exists(RecordPath(idOrPrefix)))
        {
            return idOrPrefix;
        }

        var matches = Ids().Where(id => id.StartsWith(idOrPrefix, StringComparison.Ordinal)).Take(6).ToArray();
        return matches.Length switch
        {
            1 => matches[0],
            0 => throw new PipelineException(PipeCodes.RunNotFound, $"no run '{idOrPrefix}' in {Folder}"),
            _ =>
                throw new PipelineException(
                    PipeCodes.RunIdAmbiguous,
                    $"'{idOrPrefix}' matches several runs: {string.Join(", ", matches.Take(5))}{(matches.Length > 5 ? ", …" : "")}"),
        };
    }

    /// <summary>
    /// The run ingested from a source with this digest, or null. Each record is first searched as bytes for the digest
    /// (a 64-hex string cannot appear by chance), so only a likely match is parsed.
    /// </summary>
    public RunRecord? FindByOriginDigest(string digest)
    {
        var needle = System.Text.Encoding.ASCII.GetBytes(digest);
        foreach (var id in Ids())
        {
            if (File.ReadAllBytes(RecordPath(id)).AsSpan().IndexOf(needle) >= 0 && Read(id) is { Origin.Digest: var d } run && d == digest)
            {
                return run;
            }
        }

        return null;
    }

    public RunRecord Read(string id) => RunRecordReader.ReadFile(RecordPath(id), DisplayFolder + "/" + id + RecordSuffix);

    public SeriesReader Series(string id)
    {
        var path = SeriesPath(id);
        return new(path, DisplayFolder + "/" + Path.GetFileName(path));
    }

    /// <summary>
    /// The status to show: a record still saying "running" is reported <see cref="RunStatus.Unfinished"/> unless its
    /// writer process is alive on this machine, so a killed trainer's run never looks live forever.
    /// </summary>
    public static RunStatus EffectiveStatus(RunRecord run)
    {
        if (run.Status != RunStatus.Running)
        {
            return run.Status;
        }

        return run.Writer is { } w && IsAlive(w) ? RunStatus.Running : RunStatus.Unfinished;
    }

    /// <summary>
    /// The record with its effective status; for a run whose writer died before writing summaries, the summaries are
    /// recomputed from the series (a torn last line is skipped and returned in <paramref name="tornLine"/>).
    /// </summary>
    public RunRecord ReadForDisplay(string id, out long? tornLine)
    {
        var run = Read(id);
        tornLine = null;
        var status = EffectiveStatus(run);
        if (status is RunStatus.Running or RunStatus.Unfinished)
        {
            var series = Series(id);
            var metrics = series.Summarise(out var points);
            tornLine = series.TornLine;
            return run with { Status = status, Metrics = metrics, SeriesPoints = points };
        }

        return run;
    }

    /// <summary>
    /// Writes a whole file through a temporary sibling and a rename: readers see the old or the new bytes, never half.
    /// No fsync: on ext4 (data=ordered) it would also force out the just-written 60 MB series and triple ingest time;
    /// a killed process is covered by the rename, and durability after power loss is git's job once committed.
    /// </summary>
    public static void WriteAtomic(string path, ReadOnlySpan<byte> bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp-" + Environment.ProcessId;
        using (var f = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            f.Write(bytes);
        }

        File.Move(temp, path, overwrite: true);
    }

    private static bool IsAlive(RunWriter writer)
    {
        if (!string.Equals(writer.Host, Environment.MachineName, StringComparison.OrdinalIgnoreCase))
        {
            // Another machine's writer cannot be probed; trust the record.
            return true;
        }

        try
        {
            using var p = Process.GetProcessById(writer.Pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
