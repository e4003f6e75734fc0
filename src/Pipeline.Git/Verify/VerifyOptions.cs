namespace Pipeline.Git.Verify;

/// <summary>What <c>pipeline verify</c> compares and where the registry lives.</summary>
public sealed record VerifyOptions
{
    public string? Base { get; init; }

    public string Head { get; init; } = "HEAD";

    /// <summary>Verify every record in head, not only those the change adds.</summary>
    public bool All { get; init; }

    public string RegistryDir { get; init; } = "registry";

    public string GateFile { get; init; } = "gate.yaml";

    public string Remote { get; init; } = "origin";

    /// <summary>Fetch missing commits with the git CLI (shallow clones in CI); off in tests that prove the hint.</summary>
    public bool AllowFetch { get; init; } = true;

    /// <summary>The pull request's base sha from the Actions event payload, when there is one.</summary>
    public string? PullRequestBaseSha { get; init; }
}
