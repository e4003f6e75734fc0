namespace Pipeline.Cli.Output.Results;

/// <summary>
/// <c>pipeline register MODEL --propose --json</c>: the version proposed on <c>branch</c> (a commit based on
/// <c>base_commit</c>, the tip of <c>base</c>), and the pull request opened or updated — or, without a token, the
/// compare URL to open it. <c>outcome</c>: proposed, updated, unchanged, or already_registered (nothing proposed:
/// the lineage is on the base branch as <c>version</c>). No tag is written: <c>publish</c> tags merged versions.
/// </summary>
internal sealed record ProposeOutput(
    string Model,
    string Version,
    string Fingerprint,
    string Outcome,
    string Branch,
    string Base,
    string BaseCommit,
    string? Commit,
    string Record,
    string? Run,
    string? Remote,
    ProposePullRequestOutput? PullRequest,
    string? CompareUrl);

/// <summary>The pull request of a proposal: its number and page, and whether this run opened it (false: updated).</summary>
internal sealed record ProposePullRequestOutput(int Number, string Url, bool Created);
