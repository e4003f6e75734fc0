using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Core.Canonical;

namespace Pipeline.Testing;

/// <summary>
/// A training repository with one training commit on main (params.yaml, dvc.lock, code, a 7-byte model.bin) and a
/// branch <c>register</c> checked out: the shape of the pull request <c>pipeline verify</c> guards. Records are built
/// from the real <c>pipeline fingerprint --json</c> output, as <c>register</c> does.
/// </summary>
public static class TrainingRepository
{
    public const string DvcLock = """
        schema: '2.0'
        stages:
          train:
            cmd: python src/train.py data/sft.jsonl models/adapter
            deps:
            - path: data/sft.jsonl
              hash: md5
              md5: 5c1b5e3d2f0a4b8c9d7e6f5a4b3c2d1e
              size: 1024
            - path: src/train.py
              hash: md5
              md5: 1a2b3c4d5e6f708192a3b4c5d6e7f809
              size: 15
            outs:
            - path: models/adapter
              hash: md5
              md5: 3c4d5e6f708192a3b4c5d6e7f8091a2b.dir
              size: 7
              nfiles: 1

        """;

    /// <summary>The sha256 of model.bin ("weights").</summary>
    public static string ArtifactSha { get; } = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("weights"u8.ToArray()));

    /// <summary>Writes the training files, commits them on main and checks out <c>register</c>; returns the training commit.</summary>
    public static string Create(TempGitRepo repo)
    {
        repo.Write("params.yaml", "train:\n  lr: 2.0e-5\n  lora_r: 16\n");
        repo.Write("dvc.lock", DvcLock);
        repo.Write("src/train.py", "print('train')\n");
        repo.Write("model.bin", "weights");
        var commit = repo.Commit("training code");
        repo.Git("checkout", "-q", "-b", "register");
        return commit;
    }

    /// <summary>The arguments of <c>pipeline fingerprint --json</c> over this repository's sources.</summary>
    public static string[] FingerprintArgs(string root, string? rev, string seed = "0", string[]? data = null) =>
    [
        "fingerprint", "--repo", root, .. rev is null ? Array.Empty<string>() : ["--rev", rev], "--config", "params.yaml#train",
        .. data ?? ["--dvc-lock", "dvc.lock"], "--base-model", "Qwen/Qwen3-8B", "--seed", seed, "--json",
    ];

    /// <summary>A record as <c>register</c> writes it (indented, one field per line so findings can point at lines).</summary>
    public static string Record(JsonObject fingerprint, string? artifactSha, Action<JsonObject>? tamper = null, bool refingerprint = false)
    {
        var record = new JsonObject
        {
            ["model"] = "demo",
            ["version"] = "v0.0.1",
            ["fingerprint"] = fingerprint["fingerprint"]!.GetValue<string>(),
            ["scheme"] = "lineage-v1",
            ["lineage"] = fingerprint["lineage"]!.DeepClone(),
            ["lineage_sources"] = fingerprint["lineage_sources"]!.DeepClone(),
            ["artifact"] = artifactSha is null
                ? new JsonObject { ["uri"] = "s3://bucket/model.bin" }
                : new JsonObject { ["uri"] = "model.bin", ["sha256"] = artifactSha, ["size"] = 7 },
        };
        tamper?.Invoke(record);
        if (refingerprint)
        {
            // A careful forger keeps the record self-consistent: only recomputation from the repository catches it.
            var lineage = (ObjectValue)JsonReader.Parse(record["lineage"]!.ToJsonString(), "lineage");
            record["fingerprint"] = Pipeline.Core.Lineage.Fingerprint.Compute(lineage);
        }

        return record.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}
