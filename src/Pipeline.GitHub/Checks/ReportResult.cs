using System.Text.Json;
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

    /// <summary>
    /// The "github" member of a verb's --json document:
    /// <c>{"channel": "check-run", "check_run_id": 1, "check_run_url": "…", "comment_id": 2, "annotations": 3,
    /// "notes": [{"code": "PIPE5010", "message": "…"}]}</c> (ids and urls omitted when absent).
    /// </summary>
    public void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("channel", ChannelName);
        if (CheckRunId is long run)
        {
            w.WriteNumber("check_run_id", run);
        }

        if (CheckRunUrl is not null)
        {
            w.WriteString("check_run_url", CheckRunUrl);
        }

        if (CommentId is long comment)
        {
            w.WriteNumber("comment_id", comment);
        }

        w.WriteNumber("annotations", AnnotationsSent);
        w.WriteStartArray("notes");
        foreach (var note in Notes)
        {
            w.WriteStartObject();
            w.WriteString("code", note.Code.Id);
            w.WriteString("message", note.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
