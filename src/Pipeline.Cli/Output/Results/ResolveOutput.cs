namespace Pipeline.Cli.Output.Results;

/// <summary>
/// <c>pipeline resolve MODEL#ALIAS | MODEL@VERSION --json</c>: what a deploy (and the MSBuild serving build) loads. <c>tag</c>
/// is the version tag; <c>alias</c> and <c>event</c> are null for a version asked for by number.
/// </summary>
internal sealed record ResolveOutput(
    string Model,
    string? Alias,
    string Version,
    string? Fingerprint,
    string Commit,
    string Tag,
    AliasEventDocument? Event,
    ArtifactDocument? Artifact);

/// <summary>The alias event that made the version the alias's: its tag and counter, who, when (UTC, seconds) and why.</summary>
internal sealed record AliasEventDocument(
    string Tag,
    string Action,
    long Counter,
    string? Previous,
    string? Actor,
    string? Time,
    string? Reason);
