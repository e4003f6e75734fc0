namespace Pipeline.Core.Diagnostics;

// 3500-3699: run tracking (run records, series, ingestion, the .NET tracking API, retention).
public static partial class PipeCodes
{
    public static readonly PipeCode MetricKeyInvalid = new(3501, "Param, metric or tag key refused", ExitCodes.BadInput,
        "Keys may use letters, digits, '_', '-', '.', ' ' and '/', at most 250 characters, and must be a normalised relative path (no '..', no " +
        "leading or doubled '/'), as in MLflow.");

    public static readonly PipeCode RunSourceUnknown = new(3502, "Run source format not recognised", ExitCodes.BadInput,
        "Pass a .jsonl file, a DVCLive output folder (metrics.json / plots/metrics), or an MLflow run folder (meta.yaml), or name it with --format.");

    public static readonly PipeCode RunSourceMalformed = new(3503, "Run source is malformed", ExitCodes.BadInput,
        "Fix the named line; see docs/tracking.md for the JSONL, DVCLive and MLflow layouts Pipeline reads.");

    public static readonly PipeCode RunNotFound = new(3504, "Run not found", ExitCodes.BadInput,
        "Run 'pipeline runs list' to see the run ids in registry/runs/; a unique prefix of an id is enough.");

    public static readonly PipeCode RunIdAmbiguous = new(3505, "Run id prefix is ambiguous", ExitCodes.BadInput,
        "Give more characters of the run id.");

    public static readonly PipeCode RunRecordInvalid = new(3506, "Run record is malformed", ExitCodes.BadInput,
        "Run records are written by Pipeline; restore the file from git history or re-ingest the run.");

    public static readonly PipeCode RunSeriesTorn = new(3507, "Run series has a torn last line", ExitCodes.BadInput,
        "The writer stopped mid-line (killed process); the torn line is ignored. Nothing to do unless the run should have finished.");

    public static readonly PipeCode ParamConflict = new(3508, "Param logged twice with different values", ExitCodes.BadInput,
        "Params are write-once per run (as in MLflow); log a new key or start a new run.");

    public static readonly PipeCode RunAlreadyFinished = new(3509, "Run already finished", ExitCodes.BadInput,
        "Log everything before Finish/Dispose; start a new run to log more.");

    public static readonly PipeCode DurationInvalid = new(3510, "Duration is malformed", ExitCodes.BadInput,
        "Write a duration as a number and a unit: 90d, 12h, 30m or 2w.");

    public static readonly PipeCode RunFieldInvalid = new(3511, "Run field has an invalid value", ExitCodes.BadInput,
        "Method and experiment names use letters, digits, '_', '-', '.', '/' (at most 100 characters); status is running, finished, failed or " +
        "killed.");

    public static readonly PipeCode RunStillRunning = new(3512, "Run is still being written", ExitCodes.BadInput,
        "Wait until the trainer calls Finish (or stops), then commit the run.");

    public static readonly PipeCode SeriesCorrupt = new(3513, "Compact series file is damaged", ExitCodes.BadInput,
        "A .series.bin file is written whole and renamed into place, so damage means the file was changed afterwards: restore it from git history " +
        "('git checkout -- FILE') or re-ingest the run.");

    public static readonly PipeCode SeriesNotFetched = new(3514, "Series is stored outside git and not fetched", ExitCodes.BadInput,
        "The run's series is kept in Git LFS or DVC (runs.series in pipeline.yaml): fetch it with 'git lfs pull' (lfs) or 'dvc pull' (dvc), then " +
        "run the command again.");

    // 3600-3649: run search and the report.
    public static readonly PipeCode RunFilterInvalid = new(3600, "Run filter or sort key is malformed", ExitCodes.BadInput,
        "Write comparisons such as params.lr < 3e-5 and metrics.loss.min < 0.5 (MLflow's search grammar), joined by 'and'.");

    public static readonly PipeCode ReportFolderNotReport = new(3601, "Report folder holds other files", ExitCodes.BadInput,
        "Give --out an empty or new folder; a folder an earlier 'pipeline report' wrote (it holds .pipeline-report) is replaced whole.");

    // 3610-3629: binding and curating runs after they ran (runs ingest --rev/--lineage/--eval, runs attach/tag/note/delete).
    public static readonly PipeCode RunLinkedByVersion = new(3610, "Run is linked by a registered version", ExitCodes.No,
        "A version record names this run as the one that trained it; deleting it would break that version's evidence. Deprecate the version first, " +
        "or keep the run.");

    public static readonly PipeCode RunLineageConflict = new(3611, "Given lineage contradicts the run's own record", ExitCodes.BadInput,
        "The run's source recorded a different code_commit; bind the lineage of the commit that trained it (--rev COMMIT), or check you named the " +
        "right run.");

    public static readonly PipeCode RunTagInvalid = new(3612, "Run tag argument is malformed", ExitCodes.BadInput,
        "Write tags as KEY=VALUE (e.g. method=sft); remove one with --remove KEY.");

    public static readonly PipeCode RunAlreadyIngested = new(3613, "Source already ingested", ExitCodes.Success,
        "Nothing to do: the same bytes were ingested before as the named run. Bind evals or artifacts to it with 'pipeline runs attach ID', or " +
        "delete it with 'pipeline runs delete ID' to ingest again.");
}
