namespace Pipeline.Core.Diagnostics;

// 0900-0949: the MSBuild tasks (src/Pipeline.Tasks). The tasks raise these themselves; they repeat the numbers in
// Pipeline.Tasks.Diagnostics.TaskCodes because they reference no other project (a test keeps the two in step).
public static partial class PipeCodes
{
    public static readonly PipeCode MSBuildCliNotFound = new(901, "MSBuild: the Pipeline CLI was not found", ExitCodes.Environment,
        "Restore the Pipeline.Tasks package again (its tools/cli/ folder holds the CLI), or set PipelineCliPath to pipeline.dll or a pipeline " +
        "executable.");

    public static readonly PipeCode MSBuildCliStartFailed = new(902, "MSBuild: the Pipeline CLI could not be started", ExitCodes.Environment,
        "Build with the .NET SDK (it sets DOTNET_HOST_PATH), or set PipelineDotnetHostPath to a dotnet host.");

    public static readonly PipeCode MSBuildCliTimedOut = new(903, "MSBuild: the Pipeline CLI timed out", ExitCodes.Environment,
        "Raise PipelineTimeoutSeconds, or find what the CLI waits for (a network fetch, a lock) by running the logged command by hand.");

    public static readonly PipeCode MSBuildCliFailed = new(904, "MSBuild: the Pipeline CLI failed without a diagnostic", ExitCodes.Environment,
        "Run the command the build logged (verbosity detailed shows it) by hand and report the crash with its output.");

    public static readonly PipeCode MSBuildCliOutputInvalid = new(905, "MSBuild: the Pipeline CLI printed no JSON document", ExitCodes.Environment,
        "Use the CLI that ships with the package; a custom PipelineCliPath must print one JSON document when given --json.");

    public static readonly PipeCode MSBuildCliOutputIncomplete = new(
        906,
        "MSBuild: the Pipeline CLI's JSON lacks a field the task needs",
        ExitCodes.Environment,
        "Use a Pipeline.Tasks package and a CLI of the same version (leave PipelineCliPath unset to use the packaged one).");

    public static readonly PipeCode MSBuildTaskInputInvalid = new(
        910,
        "MSBuild: task inputs are missing or contradict each other",
        ExitCodes.BadInput,
        "Set the properties the target names (e.g. PipelineModel, PipelineVersion, PipelineAlias); give a lineage file or lineage sources, not " +
        "both.");

    public static readonly PipeCode MSBuildNotReproducible = new(911, "MSBuild: the model version did not verify", ExitCodes.No,
        "Run `pipeline verify` for that version to see its findings, or build without PipelineRequireReproducible.");

    public static readonly PipeCode MSBuildGeneratedFileFailed = new(
        912,
        "MSBuild: the ModelLineage class could not be written",
        ExitCodes.Environment,
        "Check that the intermediate output folder (obj/) is writable.");

    public static readonly PipeCode MSBuildPromotionHeld = new(913, "MSBuild: the gate held the promotion", ExitCodes.No,
        "Read the rules the build logged; the candidate must pass every rule and beat the champion. Unset PipelineFailOnHold to report a hold " +
        "without failing.");

    public static readonly PipeCode MSBuildHostUnsupported = new(914, "MSBuild: this MSBuild cannot run .NET tasks", ExitCodes.Environment,
        "Build with `dotnet build`, or with Visual Studio / msbuild.exe 18 or later; set PipelineSkip=true to silence the warning.");

    public static readonly PipeCode MSBuildRegistryUnreachable = new(
        915,
        "MSBuild: the serving build cannot reach the registry",
        ExitCodes.Environment,
        "Set PipelineRepo to the clone that holds registry/ and the model's tags (a clone with its .git folder, not an export), or build without " +
        "the registry with PipelineSkip=true (dotnet build -p:PipelineSkip=true).");
}
