using System.Text.Json.Nodes;
using Pipeline.Cli.Tests.Support;
using Pipeline.Core.Canonical;
using Pipeline.Core.Lineage;

namespace Pipeline.Cli.Tests.Verify;

/// <summary>
/// A training repository with one training commit on main and a branch that adds a version record: the shape of
/// the pull request <c>pipeline verify</c> guards.
/// </summary>
internal sealed class VerifyScenario : IDisposable
{
    public VerifyScenario()
    {
        Repo.Write("params.yaml", "train:\n  lr: 2.0e-5\n  lora_r: 16\n");
        Repo.Write("src/train.py", "print('train')\n");
        Repo.Write("model.bin", "weights");
        TrainingCommit = Repo.Commit("training code");
        Repo.Git("checkout", "-q", "-b", "register");
    }

    public TempGitRepo Repo { get; } = new();

    public string TrainingCommit { get; }

    public string ArtifactSha => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("weights"u8.ToArray()));

    public JsonObject Lineage(string? dataVersion = null) => new()
    {
        ["data_version"] = dataVersion ?? "sft-mix-v3",
        ["code_commit"] = TrainingCommit,
        ["config"] = new JsonObject { ["lr"] = 2e-5, ["lora_r"] = 16 },
        ["base_model"] = "Qwen/Qwen3-8B",
        ["seed"] = 0,
    };

    /// <summary>A record as `register` writes it, one field per line so findings can point at lines.</summary>
    public static string Record(JsonObject lineage, string? fingerprint = null, string? artifactSha = null, bool dirty = false)
    {
        var fp = fingerprint ?? Fingerprint.Compute((ObjectValue)JsonReader.Parse(lineage.ToJsonString(), "lineage"));
        var record = new JsonObject
        {
            ["model"] = "demo",
            ["version"] = "v0.0.1",
            ["fingerprint"] = fp,
            ["scheme"] = "lineage-v1",
            ["lineage"] = JsonNode.Parse(lineage.ToJsonString()),
            ["lineage_sources"] = new JsonObject { ["dirty"] = dirty },
            ["artifact"] = artifactSha is null
                ? new JsonObject { ["uri"] = "s3://bucket/model.bin" }
                : new JsonObject { ["uri"] = "model.bin", ["sha256"] = artifactSha, ["size"] = 7 },
        };
        return record.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    public CliResult Verify(params string[] extra) => VerifyAgainst("main", extra);

    public CliResult VerifyAgainst(string baseRef, params string[] extra) =>
        CliRun.Run(["verify", "--repo", Repo.Root, "--base", baseRef, "--no-fetch", "--json", .. extra]);

    public void Dispose() => Repo.Dispose();
}
