namespace Pipeline.Core.Diagnostics;

/// <summary>The process exit codes every face shares (docs/design.md §6).</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A check decided no: gate held, verification failed, not reproducible.</summary>
    public const int No = 1;

    /// <summary>Bad input or usage.</summary>
    public const int BadInput = 2;

    /// <summary>The environment failed us: not a git repository, git missing, push failed after retries.</summary>
    public const int Environment = 3;
}
