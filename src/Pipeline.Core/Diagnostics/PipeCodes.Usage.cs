namespace Pipeline.Core.Diagnostics;

// 0xxx: usage and project configuration.
public static partial class PipeCodes
{
    public static readonly PipeCode UsageError = new(1, "Invalid command-line usage", ExitCodes.BadInput,
        "Run the command with --help to see its options.");

    public static readonly PipeCode FileNotFound = new(2, "Input file not found", ExitCodes.BadInput,
        "Check the path; relative paths are resolved against the repository root or the current folder.");

    public static readonly PipeCode ProjectConfigInvalid = new(10, "pipeline.yaml is invalid", ExitCodes.BadInput,
        "Fix or remove the named key in pipeline.yaml; docs/lineage-sources.md lists the allowed keys.");

    public static readonly PipeCode InvalidName = new(20, "Invalid model or alias name", ExitCodes.BadInput,
        "Use lower-case letters, digits, '_', '-' and '/', starting and ending with a letter or digit, at most 100 characters.");

    public static readonly PipeCode InternalError = new(99, "Unexpected internal error", ExitCodes.Environment,
        "This is a bug in Pipeline; please report it with the command you ran and the output of the same command with PIPELINE_DEBUG=1.");
}
