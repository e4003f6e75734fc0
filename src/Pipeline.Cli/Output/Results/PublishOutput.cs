namespace Pipeline.Cli.Output.Results;

/// <summary>
/// <c>pipeline publish --json</c>: every version tag of the records on <c>branch</c>, created now (<c>created</c>) or
/// found already on a commit holding the record; <c>pushed</c> the remote the new tags went to (null: not pushed).
/// </summary>
internal sealed record PublishOutput(string Branch, IReadOnlyList<PublishTagOutput> Tags, int Created, string? Pushed);

/// <summary>One version tag: the commit it is on (the one that added the record to the branch) and the record's path.</summary>
internal sealed record PublishTagOutput(string Model, string Version, string Tag, string Commit, string Record, bool Created);
