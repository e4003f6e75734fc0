using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Yaml;

namespace Pipeline.Core.Tracking.Ingest;

/// <summary>What the user asked for on top of the source: overrides and extra params.</summary>
public sealed record IngestOptions(
    string Format = "auto",
    string? Name = null,
    string? Experiment = null,
    string? Method = null,
    string? ParamsFile = null)
{
    /// <summary>Lineage, artifacts and evals to bind to the run (<c>--rev</c>/<c>--lineage</c>, <c>--artifact</c>, <c>--eval</c>).</summary>
    public RunBinding Binding { get; init; } = RunBinding.None;
}

/// <summary>The run a source gave; <paramref name="AlreadyIngested"/> when the same bytes were ingested before (nothing written).</summary>
public sealed record IngestOutcome(RunRecord Run, bool AlreadyIngested);

/// <summary>
/// Ingests one source into the ledger: the series streams to a temporary file beside the ledger while summaries
/// accumulate, then the series is renamed into place and the record written atomically last. A crash therefore leaves
/// at most an orphan temp file, never a record pointing at a half-written series.
/// </summary>
public static class RunIngestor
{
    public static IReadOnlyList<string> Formats { get; } = ["auto", "jsonl", "dvclive", "mlflow"];

    /// <summary>
    /// Ingests unless the ledger already holds a run from the same bytes (<see cref="SourceDigest"/>); then that run is
    /// returned and nothing is written, so re-running an import script never makes a second copy of a run.
    /// </summary>
    public static IngestOutcome IngestOnce(string source, RunLedger ledger, IngestOptions options, Action<long, long>? progress = null) =>
        Ingest(source, ledger, options, progress, once: true);

    /// <summary>Ingests the source as a new run, even when the same bytes were ingested before.</summary>
    public static RunRecord Ingest(string source, RunLedger ledger, IngestOptions options, Action<long, long>? progress = null) =>
        Ingest(source, ledger, options, progress, once: false).Run;

    private static IngestOutcome Ingest(string source, RunLedger ledger, IngestOptions options, Action<long, long>? progress, bool once)
    {
        var full = Path.GetFullPath(source);
        var reader = Open(full, source, options.Format);
        // The digest is a second read of the source: hash it on the other core while this one parses, so ingest pays
        // max(parse, hash) rather than their sum. A re-ingest is recognised before anything is moved into place.
        var digest = Task.Run(() => SourceDigest.Of(full));
        return Ingest(source, full, reader, digest, ledger, options, progress, once);
    }

    private static IngestOutcome Ingest(
        string display, string full, IRunSource reader, Task<string> digestTask, RunLedger ledger, IngestOptions options,
        Action<long, long>? progress, bool once)
    {
        RunNames.RequireOptional(options.Method, "method");
        RunNames.RequireOptional(options.Experiment, "experiment");

        Directory.CreateDirectory(ledger.Folder);
        // The id depends on the run's start, known only after reading; stream into a temp name until then.
        var temp = Path.Combine(ledger.Folder, $".ingest-{Environment.ProcessId}-{Guid.NewGuid():N}.series.tmp");
        RunRecord record;
        try
        {
            using (var series = new CompactSeriesWriter(temp))
            {
                var draft = new RunDraft(series, display);
                var total = reader.Length;
                reader.ReadInto(draft, progress is null ? null : done => progress(done, total));
                if (options.ParamsFile is { } paramsFile)
                {
                    foreach (var m in ReadParamsFile(paramsFile).Members)
                    {
                        draft.AddParam(m.Key, m.Value, paramsFile, m.Line);
                    }
                }

                draft.Name = options.Name ?? draft.Name ?? DefaultName(full);
                draft.Experiment = options.Experiment ?? draft.Experiment;
                draft.Method = options.Method ?? draft.Method;
                RunNames.RequireOptional(draft.Method, "method", display);
                RunNames.RequireOptional(draft.Experiment, "experiment", display);
                record = draft.Build(RunId.New, reader.Format, display.Replace('\\', '/'));
                var digest = digestTask.GetAwaiter().GetResult();
                record = RunCuration.Bind(record with { Origin = record.Origin! with { Digest = digest }, CompactSeries = true }, options.Binding);
            }

            if (once && ledger.FindByOriginDigest(record.Origin!.Digest!) is { } existing)
            {
                File.Delete(temp);
                return new IngestOutcome(existing, AlreadyIngested: true);
            }

            File.Move(temp, ledger.CompactSeriesPath(record.Id), overwrite: false);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }

        RunLedger.WriteAtomic(ledger.RecordPath(record.Id), RunRecordWriter.ToUtf8(record));
        return new IngestOutcome(record, AlreadyIngested: false);
    }

    internal static IRunSource Open(string full, string display, string format)
    {
        var isDir = Directory.Exists(full);
        if (!isDir && !File.Exists(full))
        {
            throw new PipelineException(PipeCodes.FileNotFound, $"run source not found: {display}", display);
        }

        if (!isDir)
        {
            // A FIFO or device would block or never end; series are streamed, so there is no size cap here.
            Inputs.InputLimits.Check(full, display, cap: null);
        }

        var chosen = format switch
        {
            "auto" => isDir
                ? MlflowRunSource.Looks(full) ? "mlflow" : DvcLiveRunSource.Looks(full) ? "dvclive" : null
                : "jsonl",
            "jsonl" or "dvclive" or "mlflow" => format,
            _ => throw new PipelineException(PipeCodes.UsageError, $"unknown --format '{format}' (auto, jsonl, dvclive, mlflow)"),
        };

        return chosen switch
        {
            "jsonl" when !isDir => new JsonlRunSource(full, display),
            "dvclive" when isDir => new DvcLiveRunSource(full, display),
            "mlflow" when isDir && File.Exists(Path.Combine(full, "meta.yaml")) => new MlflowRunSource(full, display),
            _ => throw new PipelineException(PipeCodes.RunSourceUnknown,
                chosen is null
                    ? $"'{display}' is a folder but neither an MLflow run folder (meta.yaml + metrics/ params/ tags/) nor a DVCLive folder " +
                        "(metrics.json or plots/metrics/)"
                    : $"'{display}' is not a {chosen} source " +
                        $"({(chosen == "jsonl" ? "a .jsonl file"
                            : chosen == "dvclive" ? "a DVCLive output folder"
                            : "an MLflow run folder with meta.yaml")})",
                display),
        };
    }

    private static ObjectValue ReadParamsFile(string path)
    {
        var value = path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
            ? YamlReader.ParseFile(path, path)
            : JsonReader.ParseFile(path);
        return value as ObjectValue
            ?? throw new PipelineException(PipeCodes.RunSourceMalformed, "a params file must hold one object (key → value)", path, 1);
    }

    private static string DefaultName(string full) =>
        Path.GetFileNameWithoutExtension(full.TrimEnd(Path.DirectorySeparatorChar)) is { Length: > 0 } n ? n : "run";
}
