namespace Pipeline.Cli.Tests.Gate;

/// <summary>
/// Registry content written with plain git, the way the registry lays it out: the gate reads the format, not our writer.
/// The lineage is real (<see cref="ReviewedLineage"/>), so the version re-verifies and may be promoted; the
/// <c>fingerprint</c> argument of <see cref="Register"/> is a label standing for the real fingerprint
/// (<see cref="ReviewedLineage.FingerprintOf"/>), also where it is named as <c>evaluated</c>.
/// </summary>
internal static class GateRegistry
{
    /// <summary>Writes a version record the way the registry lays it out, commits it and tags <c>model@version</c>.</summary>
    public static void Register(
        this TempGitRepo repo, string model, string version, string fingerprint, double? score, string suite = "mmlu@abcd", string? evaluated = null,
        string metrics = "null", bool dirty = false, string? run = null)
    {
        var (real, lineage, sources) = ReviewedLineage.For(repo, fingerprint, dirty);
        var evals = score is { } s
            ? "[{\"suite\": {\"name\": \"mmlu\", \"fingerprint\": \"" + suite + "\"}, \"evaluated\": \"" + (
                evaluated is null ? real : repo.FingerprintOf(evaluated))
              + "\", \"scores\": {\"mmlu\": " + s.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "}}]"
            : "[]";
        repo.Write($"registry/{model}/{version}.json", $$"""
            {
              "model": "{{model}}",
              "version": "{{version}}",
              "scheme": "lineage-v1",
              "fingerprint": "{{real}}",
              "lineage": {{lineage}},
              "lineage_sources": {{sources}},
              "artifact": {"uri": "s3://bucket/{{fingerprint}}.safetensors", "sha256": "{{Sha256Of(fingerprint)}}"},
              "evals": {{evals}},
              "metrics": {{metrics}},
              "run": {{(run is null ? "null" : $"\"{run}\"")}},
              "description": null,
              "created_at": "2026-11-01T09:00:00Z",
              "created_by": "test"
            }
            """);
        repo.Commit($"register {model}@{version}");
        repo.Git("tag", "-a", $"{model}@{version}", "-m", $"register {model}@{version}");
    }

    private static string Sha256Of(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    public static void Assign(this TempGitRepo repo, string model, string version, string alias, int counter) =>
        repo.Git("tag", "-a", $"{model}#{alias}#{counter}", $"{model}@{version}^{{}}", "-m", $"assign {alias}");
}
