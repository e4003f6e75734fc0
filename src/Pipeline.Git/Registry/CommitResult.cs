namespace Pipeline.Git.Registry;

/// <summary>What <see cref="TreeCommitter"/> did: the branch's new commit, its parent, and whether anything changed.</summary>
public sealed record CommitResult(string Commit, string? Parent, bool Changed);
