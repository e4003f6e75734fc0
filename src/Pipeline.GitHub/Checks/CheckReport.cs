using Pipeline.Core.Diagnostics;

namespace Pipeline.GitHub.Checks;

public enum ReportConclusion
{
    Success,
    Failure,
}

/// <summary>One thing a check found, pointing at a line of a repository file (path is repo-relative, '/' separated).</summary>
public sealed record Finding(string? Path, int? Line, string Code, string Message, string? Hint = null, Severity Severity = Severity.Error)
{
    public static Finding From(Diagnostic d) => new(d.File?.Replace('\\', '/'), d.Line, d.Code.Id, d.Message, d.Hint, d.Severity);
}

/// <summary>
/// The neutral result of a check (verify, gate, …) that every channel renders: check run, commit status, sticky
/// comment, step summary, annotations. <paramref name="Key"/> names the check ("verify"): the check-run name is
/// <c>pipeline/{Key}</c> and the sticky comment's hidden marker is <c>&lt;!-- pipeline:{Key} --&gt;</c>, so each
/// check keeps its own comment.
/// </summary>
public sealed record CheckReport(string Key, string Title, string Summary, ReportConclusion Conclusion, IReadOnlyList<Finding> Findings)
{
    public string CheckName { get; init; } = $"pipeline/{Key}";

    public string Marker => $"<!-- pipeline:{Key} -->";

    /// <summary>Markdown blocks shown after the summary and before the findings (charts, tables), each kept whole.</summary>
    public IReadOnlyList<string> Extras { get; init; } = [];
}
