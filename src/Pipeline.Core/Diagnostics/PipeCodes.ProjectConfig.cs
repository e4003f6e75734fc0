namespace Pipeline.Core.Diagnostics;

// 0011-0019: pipeline.yaml values (0010, unknown or misplaced keys, is declared with the usage codes).
public static partial class PipeCodes
{
    public static readonly PipeCode ProjectConfigValue = new(11, "pipeline.yaml value has the wrong type", ExitCodes.BadInput,
        "Give the named key the type the pipeline.yaml schema in docs/lineage-sources.md lists (a string, an integer, a list of strings…).");
}
