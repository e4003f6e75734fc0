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

    /// <summary>The registry folder; null: <c>registry.folder</c> of pipeline.yaml (as register uses it), else <c>registry</c>.</summary>
    public string? RegistryDir { get; init; }

    /// <summary>The gate file whose edits are flagged; null: <c>gate.file</c> of pipeline.yaml, else <c>gate.yaml</c>.</summary>
    public string? GateFile { get; init; }

    public string Remote { get; init; } = "origin";

    /// <summary>Fetch missing commits with the git CLI (shallow clones in CI); off in tests that prove the hint.</summary>
    public bool AllowFetch { get; init; } = true;

    /// <summary>The pull request's base sha from the Actions event payload, when there is one.</summary>
    public string? PullRequestBaseSha { get; init; }
}
