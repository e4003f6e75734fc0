namespace Pipeline.Tasks.Diagnostics;

/// <summary>
/// The PIPE codes the tasks raise themselves (range 0900-0949). The same numbers, titles and fixes are in
/// <c>Pipeline.Core.Diagnostics.PipeCodes.MSBuild</c> for docs/diagnostics.md; this project references no other
/// project (it must stay loadable inside MSBuild), so the numbers are repeated here and a test keeps the two in step.
/// </summary>
internal static class TaskCodes
{
    public const string CliNotFound = "PIPE0901";
    public const string CliStartFailed = "PIPE0902";
    public const string CliTimedOut = "PIPE0903";
    public const string CliFailed = "PIPE0904";
    public const string CliOutputInvalid = "PIPE0905";
    public const string CliOutputIncomplete = "PIPE0906";
    public const string TaskInputInvalid = "PIPE0910";
    public const string NotReproducible = "PIPE0911";
    public const string GeneratedFileFailed = "PIPE0912";
    public const string PromotionHeld = "PIPE0913";
    public const string HostUnsupported = "PIPE0914";
    public const string RegistryUnreachable = "PIPE0915";
}
