using System.Text.Json.Nodes;
using Pipeline.Cli.Tests.Support;
using Pipeline.Core.Canonical;

namespace Pipeline.Cli.Tests.Verify;

/// <summary>
/// A training repository with one training commit on main (params.yaml, dvc.lock, code) and a branch that adds a
/// version record: the shape of the pull request <c>pipeline verify</c> guards. Honest records are built from the
/// real `pipeline fingerprint --json` output, as `register` does.
/// </summary>
internal sealed class VerifyScenario : IDisposable
{
    public const string Lock = """
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

    public VerifyScenario()
    {
        Repo.Write("params.yaml", "train:\n  lr: 2.0e-5\n  lora_r: 16\n");
        Repo.Write("dvc.lock", Lock);
        Repo.Write("src/train.py", "print('train')\n");
        Repo.Write("model.bin", "weights");
        TrainingCommit = Repo.Commit("training code");
        Repo.Git("checkout", "-q", "-b", "register");
    }

    public TempGitRepo Repo { get; } = new();

    public string TrainingCommit { get; }

    public string ArtifactSha => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("weights"u8.ToArray()));

    /// <summary>`pipeline fingerprint --json` from the repository's sources at <paramref name="rev"/>.</summary>
    public JsonObject Fingerprint(string? rev = null, string seed = "0", string[]? data = null)
    {
        var result = CliRun.Run([
            "fingerprint", "--repo", Repo.Root, "--rev", rev ?? TrainingCommit, "--config", "params.yaml#train",
            .. data ?? ["--dvc-lock", "dvc.lock"], "--base-model", "Qwen/Qwen3-8B", "--seed", seed, "--json"]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return JsonNode.Parse(result.Stdout)!.AsObject();
    }

    /// <summary>A record as `register` writes it (indented, one field per line so findings can point at lines).</summary>
    public string HonestRecord(JsonObject? fingerprint = null, string? artifactSha = "default") =>
        Record(fingerprint ?? Fingerprint(), artifactSha == "default" ? ArtifactSha : artifactSha);

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

        return record.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    public CliResult Verify(params string[] extra) => VerifyAgainst("main", extra);

    public CliResult VerifyAgainst(string baseRef, params string[] extra) =>
        CliRun.Run(["verify", "--repo", Repo.Root, "--base", baseRef, "--no-fetch", "--json", .. extra]);

    public void Dispose() => Repo.Dispose();
}
