using System.Globalization;

namespace Pipeline.Cli.Tests.Hostile;

/// <summary>
/// Issue 15 point 19: a full disk and a read-only registry/ are the environment's failures, each with its documented
/// code and exit 3 — never PIPE0099 "this is a bug" — and nothing half-written is left behind.
/// </summary>
public sealed class FileSystemFaultTests
{
    private static readonly string Lineage = """{"data_version": "v", "code_commit": "a1b2c3d", "config": {}, "base_model": "m", "seed": 1}""";

    [MountFact]
    public void A_full_disk_during_ingest_is_pipe1136_and_leaves_no_temp_file()
    {
        using var scratch = new TempFolder();
        using var disk = SmallMount.At(scratch.Path("disk"), "size=1m");
        var repo = Path.Combine(disk.Path, "repo");
        GitProcess.Run(disk.Path, "init", "-q", "-b", "main", repo);
        GitProcess.Run(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "init");
        // Random doubles do not compress (the compact series spends ~9 bytes on each): 200,000 of them cannot fit on a
        // 1 MB disk, whichever format the ledger writes. A smooth curve of the same length would.
        var random = new Random(7);
        var log = scratch.Write("big.jsonl", string.Concat(Enumerable.Range(0, 200_000)
            .Select(i => $"{{\"step\": {i}, \"loss\": {random.NextDouble().ToString("R", CultureInfo.InvariantCulture)}}}\n")));

        var r = CliRunner.Run("runs", "ingest", log, "--repo", repo);

        Assert.True(r.ExitCode == 3, r.ToString());
        Assert.Contains("error PIPE1136", r.Stderr);
        Assert.DoesNotContain("PIPE0099", r.Stderr);
        Assert.Empty(Directory.GetFiles(Path.Combine(repo, "registry", "runs")));
    }

    [MountFact]
    public void A_read_only_registry_folder_is_pipe1135_for_register_and_ingest_and_nothing_is_committed()
    {
        using var repo = new TempGitRepo();
        repo.Commit("init", ("README.md", "demo\n"));
        var head = repo.Head;
        var lineage = repo.Write("lineage.json", Lineage);
        using var registry = SmallMount.At(Path.Combine(repo.Root, "registry"), "ro,size=64k");

        var register = CliRunner.Run("register", "demo", "--lineage", lineage, "--repo", repo.Root);
        var ingest = CliRunner.Run("runs", "ingest", RepoPaths.Fixture("tracking", "jsonl", "grpo-run.jsonl"), "--repo", repo.Root);

        foreach (var r in new[] { register, ingest })
        {
            Assert.True(r.ExitCode == 3, r.ToString());
            Assert.Contains("error PIPE1135", r.Stderr);
            Assert.Contains("Read-only file system", r.Stderr);
            Assert.DoesNotContain("PIPE0099", r.Stderr);
        }

        Assert.Equal(head, repo.Head);
        Assert.Equal("", repo.Git("tag", "-l"));
    }
}
