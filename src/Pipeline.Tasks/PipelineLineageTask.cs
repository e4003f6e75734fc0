using Microsoft.Build.Framework;
using Pipeline.Tasks.Cli;

namespace Pipeline.Tasks;

/// <summary>
/// The lineage inputs shared by <see cref="PipelineFingerprint"/> and <see cref="PipelineRegister"/>: either a lineage
/// file, or the sources the CLI builds the lineage from (docs/design.md §2). Unset inputs fall back to pipeline.yaml.
/// </summary>
public abstract class PipelineLineageTask : PipelineCliTask
{
    /// <summary>A JSON file holding the lineage; excludes the source inputs below.</summary>
    public string? Lineage { get; set; }

    /// <summary>The repository (<c>--repo</c>).</summary>
    public string? Repo { get; set; }

    public string? Rev { get; set; }

    /// <summary>A YAML/JSON config file, optionally <c>PATH#key</c>.</summary>
    public string? Config { get; set; }

    public bool ConfigFromDvcParams { get; set; }

    public string? DvcLock { get; set; }

    public ITaskItem[]? DvcStages { get; set; }

    public ITaskItem[]? DvcFiles { get; set; }

    /// <summary>An explicit data-version label (recorded as unverifiable) instead of a dvc.lock.</summary>
    public string? DataVersion { get; set; }

    public string? BaseModel { get; set; }

    /// <summary>An integer; passed as given so the CLI reports a malformed one with its own code.</summary>
    public string? Seed { get; set; }

    public bool AllowDirty { get; set; }

    private protected bool HasSources =>
        !string.IsNullOrEmpty(Rev) || !string.IsNullOrEmpty(Config) || ConfigFromDvcParams || !string.IsNullOrEmpty(DvcLock)
        || DvcStages is { Length: > 0 } || DvcFiles is { Length: > 0 } || !string.IsNullOrEmpty(DataVersion)
        || !string.IsNullOrEmpty(BaseModel) || !string.IsNullOrEmpty(Seed) || AllowDirty;

    private protected void AddLineage(CliCommand command)
    {
        if (!string.IsNullOrEmpty(Lineage))
        {
            if (HasSources)
            {
                throw new TaskInputException(
                    "give either Lineage (a lineage file) or the lineage sources (Config, DvcLock, DataVersion, BaseModel, Seed, …), not both");
            }

            command.Option("--lineage", Lineage);
            return;
        }

        command.Option("--rev", Rev)
            .Option("--config", Config)
            .Flag("--config-from-dvc-params", ConfigFromDvcParams)
            .Option("--dvc-lock", DvcLock)
            .Repeat("--dvc-stage", DvcStages?.Select(i => i.ItemSpec))
            .Repeat("--dvc-file", DvcFiles?.Select(i => i.ItemSpec))
            .Option("--data-version", DataVersion)
            .Option("--base-model", BaseModel)
            .Option("--seed", Seed)
            .Flag("--allow-dirty", AllowDirty);
    }
}
