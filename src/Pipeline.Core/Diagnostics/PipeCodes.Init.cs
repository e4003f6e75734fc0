namespace Pipeline.Core.Diagnostics;

// 0040-0049: pipeline init.
public static partial class PipeCodes
{
    public static readonly PipeCode InitWouldOverwrite = new(40, "pipeline init would replace existing files", ExitCodes.BadInput,
        "Nothing was written. Compare the named files with 'pipeline init --dry-run', then move them aside or pass --force to replace them.");
}
