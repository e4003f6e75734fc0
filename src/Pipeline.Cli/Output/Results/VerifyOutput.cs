using System.Text.Json.Serialization;

namespace Pipeline.Cli.Output.Results;

/// <summary>
/// <c>pipeline verify --json</c>: <c>ok</c> only when every checked record recomputes; one entry per checked version;
/// every finding with its file (<c>path</c>, relative to the repository) and line; <c>github</c> when it reported there.
/// </summary>
internal sealed record VerifyOutput(
    bool Ok,
    string Title,
    string Base,
    string Head,
    IReadOnlyList<VerifiedVersionDocument> Versions,
    IReadOnlyList<FindingDocument> Findings,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] GitHubReportDocument? Github);

internal sealed record VerifiedVersionDocument(string Model, string Version, string Path, string? Fingerprint, bool Ok);

/// <summary>One finding: <c>severity</c> error, warning or notice; <c>hint</c> what to do.</summary>
internal sealed record FindingDocument(string? Path, int? Line, string Code, string Severity, string Message, string? Hint);

internal sealed record GitHubReportDocument(
    string Channel,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CheckRunUrl,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? CommentId,
    int Annotations);
