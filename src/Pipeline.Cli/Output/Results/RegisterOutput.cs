namespace Pipeline.Cli.Output.Results;

/// <summary>
/// <c>pipeline register MODEL --json</c>: the version written (<c>created</c>), or the one already registered with this
/// lineage (<c>existing</c>). <c>record</c> is the record's path; <c>pushed</c> the remote, when published.
/// </summary>
internal sealed record RegisterOutput(
    string Model,
    string Version,
    string Fingerprint,
    string Commit,
    string Tag,
    string Record,
    bool Created,
    bool Existing,
    string? Pushed);
