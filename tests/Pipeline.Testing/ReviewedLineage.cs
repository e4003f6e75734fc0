using System.Collections.Concurrent;
using System.Numerics;
using Pipeline.Core.Canonical;
using Pipeline.Core.Lineage;
using Pipeline.Git.Reading;

namespace Pipeline.Testing;

/// <summary>
/// A lineage that re-verifies: computed from the repository's own sources (params.yaml#train, dvc.lock) at HEAD, the
/// way register computes it, so a record built on it passes verify and may be promoted (promotion refuses any other).
/// Tests name versions by a label ("fp-1"); the seed is derived from the label, so each label has its own real
/// fingerprint, which <see cref="FingerprintOf"/> gives back for eval results that must evaluate it.
/// </summary>
public static class ReviewedLineage
{
    private static readonly ConcurrentDictionary<(string Root, string Label), string> Fingerprints = new();

    /// <summary>The lineage and lineage_sources (canonical JSON) and fingerprint for <paramref name="label"/> at HEAD.</summary>
    public static (string Fingerprint, string Lineage, string Sources) For(TempGitRepo repo, string label, bool dirty = false, string? rev = null)
    {
        EnsureSources(repo);
        using var git = GitRepository.Discover(repo.Root);
        var head = git.ResolveCommit(rev ?? "HEAD");
        var options = new LineageSourceOptions
        {
            ConfigPath = "params.yaml",
            ConfigKey = "train",
            DvcLock = "dvc.lock",
            BaseModel = "Qwen/Qwen3-8B",
            Seed = Seed(label),
        };
        var built = LineageBuilder.Build(git.Snapshot(head), options);
        var lineage = built.Lineage;
        if (dirty)
        {
            // What --allow-dirty records: the flag is part of the lineage, so of the fingerprint (verify refuses it).
            lineage = new ObjectValue([.. lineage.Members, new Member("dirty", new BoolValue(true), 0)]);
        }

        var fingerprint = Fingerprint.Compute(lineage);
        Fingerprints[(repo.Root, label)] = fingerprint;
        return (fingerprint, CanonicalJson.Write(lineage), CanonicalJson.Write(built.Sources));
    }

    /// <summary>
    /// The options with which <c>pipeline register</c> builds the same lineage as <see cref="For"/> (at <paramref name="rev"/>,
    /// so the fingerprint computed before registering stays right after other records moved HEAD).
    /// </summary>
    public static string[] RegisterArgs(string label, string rev) =>
    [
        "--rev", rev, "--config", "params.yaml#train", "--dvc-lock", "dvc.lock", "--base-model", "Qwen/Qwen3-8B",
        "--seed", Seed(label).ToString(System.Globalization.CultureInfo.InvariantCulture),
    ];

    /// <summary>The fingerprint a label was registered with in this repository (the label itself when it never was).</summary>
    public static string FingerprintOf(this TempGitRepo repo, string label) =>
        Fingerprints.TryGetValue((repo.Root, label), out var fp) ? fp : label;

    /// <summary>Commits params.yaml, dvc.lock and the training script when the repository has none yet.</summary>
    public static void EnsureSources(TempGitRepo repo)
    {
        if (File.Exists(Path.Combine(repo.Root, "params.yaml")) && File.Exists(Path.Combine(repo.Root, "dvc.lock")))
        {
            return;
        }

        repo.Write("params.yaml", "train:\n  lr: 2.0e-5\n  lora_r: 16\n");
        repo.Write("dvc.lock", TrainingRepository.DvcLock);
        repo.Write("src/train.py", "print('train')\n");
        repo.Git("add", "params.yaml", "dvc.lock", "src/train.py");
        repo.Git("commit", "-q", "-m", "training code");
    }

    private static BigInteger Seed(string label) =>
        new(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(label)).AsSpan(0, 4), isUnsigned: true);
}
