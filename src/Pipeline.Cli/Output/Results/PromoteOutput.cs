using System.Text.Json.Serialization;

namespace Pipeline.Cli.Output.Results;

/// <summary>
/// <c>pipeline promote MODEL --version V --alias A --json</c>: the gate's decision (null when the alias already held the
/// version, so no gate ran), the assignment and, when held, where the refusal was recorded.
/// </summary>
internal sealed record PromoteOutput(
    bool Ok,
    GateDecisionDocument? Decision,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<DiagnosticDocument>? Warnings,
    AssignmentDocument Assignment,
    HoldDocument? Hold);

/// <summary>
/// The alias side of a promotion: <c>tag</c> is the alias tag written (or already there), <c>moved</c> whether the alias
/// now points somewhere new, <c>decisions</c> how many times the gate decided (more than one after a lost race).
/// </summary>
internal sealed record AssignmentDocument(
    string? Version,
    string? Previous,
    string? Tag,
    long? Counter,
    bool Created,
    bool Moved,
    string Reason,
    int Decisions,
    string? Pushed);

/// <summary>A hold, recorded as one line of the model's decision log in one commit.</summary>
internal sealed record HoldDocument(string Log, int Line, string Commit, string? Pushed);
