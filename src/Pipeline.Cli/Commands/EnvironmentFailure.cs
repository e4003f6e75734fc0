using Pipeline.Core.Diagnostics;

namespace Pipeline.Cli.Commands;

/// <summary>
/// File-system failures that are the environment's, not a bug: a folder Pipeline may not write (a read-only
/// <c>registry/</c>) and a full disk. They get their own codes (exit 3) instead of PIPE0099 "this is a bug".
/// </summary>
internal static class EnvironmentFailure
{
    private const int NoSpace = 28; // ENOSPC
    private const int DiskFullWindows = unchecked((int)0x80070070);
    private const int ReadOnlyFileSystem = 30; // EROFS: a read-only mount refuses even root, whatever the permissions say

    public static PipelineException? Map(Exception ex) => ex switch
    {
        UnauthorizedAccessException => new PipelineException(PipeCodes.WriteDenied, ex.Message),
        IOException io when io.HResult is NoSpace or DiskFullWindows || io.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase)
            => new PipelineException(PipeCodes.DiskFull, io.Message),
        IOException io when io.HResult is ReadOnlyFileSystem || io.Message.Contains("Read-only file system", StringComparison.OrdinalIgnoreCase)
            => new PipelineException(PipeCodes.WriteDenied, io.Message),
        _ => null,
    };
}
