using Pipeline.Core.Diagnostics;

namespace Pipeline.GitHub.Checks;

/// <summary>Where the verdict was published. Annotations (+ step summary + exit code) is the channel that always works.</summary>
public enum ReportChannel
{
    CheckRun,
    CommitStatus,
    Annotations,
}

/// <summary>
/// What <see cref="IChecksReporter.ReportAsync"/> did. <see cref="Notes"/> are warnings for the log (a 403 that made
/// us fall back, a comment we could not write): none of them changes the check's own verdict or exit code.
/// </summary>
public sealed record ReportResult(
    ReportChannel Channel,
    long? CheckRunId,
    string? CheckRunUrl,
    long? CommentId,
    int AnnotationsSent,
    IReadOnlyList<Diagnostic> Notes)
{
    /// <summary>The wire name used in JSON output: check-run, commit-status or annotations.</summary>
    public string ChannelName => Channel switch
    {
        ReportChannel.CheckRun => "check-run",
        ReportChannel.CommitStatus => "commit-status",
        _ => "annotations",
    };
}
