namespace Pipeline.Cli.Output.Results;

/// <summary>
/// <c>pipeline assign | unassign | rollback --json</c>: the alias event written (<c>created</c>), refused
/// (<c>decided</c> false, with the <c>reason</c>) or not needed; <c>tag</c> is the alias tag.
/// </summary>
internal sealed record AliasMoveOutput(
    string Model,
    string Alias,
    string? Version,
    string? Previous,
    string? Tag,
    long? Counter,
    bool Created,
    bool Decided,
    string Reason,
    string? Pushed);
