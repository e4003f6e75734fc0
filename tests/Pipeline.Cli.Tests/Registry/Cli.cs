namespace Pipeline.Cli.Tests.Registry;

/// <summary>The registry verbs' test repositories: a repository with one code commit, and lineage files by seed.</summary>
internal static class Cli
{
    public static string NewRepo(string? parent = null)
    {
        var dir = parent ?? Directory.CreateTempSubdirectory("pipeline-cli-reg-").FullName;
        GitProcess.Run(dir, "init", "-q", "-b", "main");
        Identity(dir, "Test User", "test@example.com");
        File.WriteAllText(Path.Combine(dir, "train.py"), "print(1)\n");
        GitProcess.Run(dir, "add", "train.py");
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
        File.WriteAllText(path, $$"""{"data_version": "dvc:abc", "code_commit": "{{commit}}", "config": {"lr": 2e-5}, "base_model": "qwen", "seed": {{seed}}}""");
        return path;
    }
}
