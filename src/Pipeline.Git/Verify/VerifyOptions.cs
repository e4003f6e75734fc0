namespace Pipeline.Git.Verify;

/// <summary>What <c>pipeline verify</c> compares and where the registry lives.</summary>
public sealed record VerifyOptions
{
    public string? Base { get; init; }

    public string Head { get; init; } = "HEAD";

    /// <summary>Verify every record in head, not only those the change adds.</summary>
    public bool All { get; init; }

    /// <summary>
    /// <c>MODEL@vX.Y.Z</c> specs: verify exactly these records in head, with no base and no diff. Empty: the change
    /// (or, with <see cref="All"/>, every record).
    /// </summary>
    public IReadOnlyList<string> Versions { get; init; } = [];

    public string RegistryDir { get; init; } = "registry";

    public string GateFile { get; init; } = "gate.yaml";

    public string Remote { get; init; } = "origin";

    /// <summary>Fetch missing commits with the git CLI (shallow clones in CI); off in tests that prove the hint.</summary>
    public bool AllowFetch { get; init; } = true;

    /// <summary>The pull request's base sha from the Actions event payload, when there is one.</summary>
    public string? PullRequestBaseSha { get; init; }
}
