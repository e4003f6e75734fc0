namespace Pipeline.Cli.Tests.Gate;

/// <summary>Registry content written with plain git, the way the registry lays it out: the gate reads the format, not our writer.</summary>
internal static class GateRegistry
{
    /// <summary>Writes a version record the way the registry lays it out, commits it and tags <c>model@version</c>.</summary>
    public static void Register(this TempGitRepo repo, string model, string version, string fingerprint, double? score, string suite = "mmlu@abcd", string? evaluated = null,
        string metrics = "null", bool dirty = false)
    {
        var evals = score is { } s
            ? "[{\"suite\": {\"name\": \"mmlu\", \"fingerprint\": \"" + suite + "\"}, \"evaluated\": \"" + (evaluated ?? fingerprint)
              + "\", \"scores\": {\"mmlu\": " + s.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "}}]"
            : "[]";
        repo.Write($"registry/{model}/{version}.json", $$"""
            {
              "model": "{{model}}",
              "version": "{{version}}",
              "scheme": "lineage-v1",
              "fingerprint": "{{fingerprint}}",
              "lineage": {"data_version": "d", "code_commit": "c", "config": {}, "base_model": "b", "seed": 0{{(dirty ? ", \"dirty\": true" : "")}}},
              "lineage_sources": null,
              "artifact": null,
              "evals": {{evals}},
              "metrics": {{metrics}},
              "description": null,
              "created_at": "2026-11-01T09:00:00Z",
              "created_by": "test"
            }
            """);
        repo.Commit($"register {model}@{version}");
        repo.Git("tag", "-a", $"{model}@{version}", "-m", $"register {model}@{version}");
    }

    public static void Assign(this TempGitRepo repo, string model, string version, string alias, int counter) =>
        repo.Git("tag", "-a", $"{model}#{alias}#{counter}", $"{model}@{version}^{{}}", "-m", $"assign {alias}");
}
