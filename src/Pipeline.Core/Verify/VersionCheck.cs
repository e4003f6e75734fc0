using Pipeline.Core.Diagnostics;

namespace Pipeline.Core.Verify;

/// <summary>The verdict on one version record: what was checked and every finding against it.</summary>
public sealed record VersionCheck(string Model, string Version, string Path, string? Fingerprint, IReadOnlyList<Diagnostic> Findings)
{
    public bool Ok => Findings.All(f => f.Severity != Severity.Error);
}
