namespace Pipeline.Cli.Tests.Registry;

/// <summary>
/// The registry verbs' test repositories: a repository with one code commit (with the training sources params.yaml and
/// dvc.lock), lineage files by seed, and the source options that register a version that re-verifies (<see cref="Sources"/>):
/// only such a version may take an alias.
/// </summary>
internal static class Cli
{
    public static string NewRepo(string? parent = null)
    {
        var dir = parent ?? Directory.CreateTempSubdirectory("pipeline-cli-reg-").FullName;
        GitProcess.Run(dir, "init", "-q", "-b", "main");
        Identity(dir, "Test User", "test@example.com");
        File.WriteAllText(Path.Combine(dir, "train.py"), "print(1)\n");
        File.WriteAllText(Path.Combine(dir, "params.yaml"), "train:\n  lr: 2.0e-5\n");
        File.WriteAllText(Path.Combine(dir, "dvc.lock"), TrainingRepository.DvcLock);
        GitProcess.Run(dir, "add", "train.py", "params.yaml", "dvc.lock");
        GitProcess.Run(dir, "commit", "-q", "-m", "code");
        return dir;
    }

    /// <summary>The identity LibGit2Sharp writes the registry with: each writer of a race test has its own.</summary>
    public static void Identity(string dir, string name, string email)
    {
        GitProcess.Run(dir, "config", "user.name", name);
        GitProcess.Run(dir, "config", "user.email", email);
        GitProcess.Run(dir, "config", "commit.gpgsign", "false");
        GitProcess.Run(dir, "config", "tag.gpgsign", "false");
    }

    public static string Lineage(string dir, int seed, string commit = "0123456789abcdef0123456789abcdef01234567")
    {
        var path = Path.Combine(dir, $"lineage-{seed}.json");
        File.WriteAllText(
            path,
            $$"""{"data_version": "dvc:abc", "code_commit": "{{commit}}", "config": {"lr": 2e-5}, "base_model": "qwen", "seed": {{seed}}}""");
        return path;
    }

    /// <summary>
    /// register's options for a lineage built from the repository's first (code) commit, one version per seed: the record
    /// names its sources, so verify recomputes it and promote, assign and rollback accept it (a --lineage file cannot be
    /// re-verified). The commit is pinned with --rev so the same seed is the same lineage however many records followed.
    /// </summary>
    /// <param name="artifact">Also name a remote artifact with its digest (verify requires one); false when the test gives its own.</param>
    public static string[] Sources(string repo, int seed, bool artifact = true) =>
    [
        "--rev", GitProcess.Run(repo, "rev-list", "--max-parents=0", "HEAD").Trim().Split('\n')[0],
        "--config", "params.yaml#train", "--dvc-lock", "dvc.lock", "--base-model", "qwen",
        "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        .. artifact
            ? new[] { "--artifact", $"s3://bucket/adapter-{seed}.safetensors", "--artifact-sha256", Sha256Of($"weights-{seed}") }
            : [],
    ];

    private static string Sha256Of(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
