using System.Text.Json.Serialization;

namespace Pipeline.Cli.Output.Results;

/// <summary>A diagnostic as every verb prints it: in an error document, and in the gate's <c>warnings</c>.</summary>
internal sealed record DiagnosticDocument(
    string Code,
    string Severity,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? File,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Line,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Hint,
    int ExitCode);

/// <summary>What any verb prints with <c>--json</c> when it fails: <c>{"ok": false, "error": {…}}</c>, exit code 2 or 3.</summary>
internal sealed record ErrorOutput(bool Ok, DiagnosticDocument Error);
