using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Tracking;

namespace Pipeline.Cli.Tests.Runs;

/// <summary>runs.series: lfs|dvc moves large compact series out of git objects; the record keeps digest and size.</summary>
public sealed class SeriesStorageTests
{
    [Fact]
    public async Task Lfs_commits_a_spec_pointer_tracks_it_in_gitattributes_and_keeps_the_bytes_in_the_lfs_store()
    {
        using var repo = new RunsTestRepo();
        Configure(repo, "lfs");
        var (id, record) = await Ingest(repo);

        var series = record.GetProperty("series");
        Assert.Equal("lfs", series.GetProperty("storage").GetString());
        var sha = series.GetProperty("sha256").GetString()!;
        var size = series.GetProperty("size").GetInt64();
        var pointer = repo.Git("show", $"HEAD:registry/runs/{id}.series.bin");
        Assert.Matches(new Regex("^version https://git-lfs\\.github\\.com/spec/v1\noid sha256:[0-9a-f]{64}\nsize [0-9]+\n$"), pointer);
        Assert.Equal($"version https://git-lfs.github.com/spec/v1\noid sha256:{sha}\nsize {size}\n", pointer);
        Assert.Contains($"/registry/runs/{id}.series.bin filter=lfs diff=lfs merge=lfs -text", repo.Git("show", "HEAD:.gitattributes"));

        var stored = Path.Combine(repo.Root, ".git", "lfs", "objects", sha[..2], sha[2..4], sha);
        Assert.Equal(size, new FileInfo(stored).Length);
        Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(stored))));
        Assert.Equal("", repo.Git("status", "--porcelain"));

        // Readers follow the pointer to the local LFS store: the points are all there.
        var ledger = RunLedger.ForRepository(repo.Root);
        Assert.Equal(Points, ledger.Series(id).Read().Count());
        var report = await repo.Run("report", "--out", Path.Combine(repo.Root, "site"));
        Assert.True(report.ExitCode == 0, report.Stderr);

        // A clone without the object (no git-lfs, or before git lfs pull) is told what to run.
        File.Delete(stored);
        var ex = Assert.Throws<PipelineException>(() => ledger.Series(id).Read().ToArray());
        Assert.Equal(PipeCodes.SeriesNotFetched, ex.Code);
        Assert.Contains("git lfs pull", ex.Message, StringComparison.Ordinal);
        var failed = await repo.Run("report", "--out", Path.Combine(repo.Root, "site"));
        Assert.Equal(2, failed.ExitCode);
        Assert.Contains("PIPE3514", failed.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dvc_commits_a_dvc_pointer_with_the_file_md5_and_ignores_the_file()
    {
        using var repo = new RunsTestRepo();
        Configure(repo, "dvc");
        // What `dvc init` commits: .dvc/ with its config and a .gitignore that keeps the cache out of git.
        Directory.CreateDirectory(Path.Combine(repo.Root, ".dvc"));
        File.WriteAllText(Path.Combine(repo.Root, ".dvc", ".gitignore"), "/config.local\n/tmp\n/cache\n");
        File.WriteAllText(Path.Combine(repo.Root, ".dvc", "config"), "");
        repo.Git("add", ".dvc");
        repo.Git("commit", "-q", "-m", "dvc init");
        var (id, record) = await Ingest(repo);

        var series = Path.Combine(repo.Root, "registry", "runs", id + ".series.bin");
        var md5 = Convert.ToHexStringLower(MD5.HashData(File.ReadAllBytes(series)));
        var size = new FileInfo(series).Length;
        Assert.Equal("dvc", record.GetProperty("series").GetProperty("storage").GetString());
        Assert.Equal(
            Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(series))),
            record.GetProperty("series").GetProperty("sha256").GetString());
        var files = repo.Git("show", "--name-only", "--format=", "HEAD")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(["registry/runs/.gitignore", $"registry/runs/{id}.json", $"registry/runs/{id}.series.bin.dvc"], files);
        Assert.Equal(
            $"outs:\n- md5: {md5}\n  size: {size}\n  hash: md5\n  path: {id}.series.bin\n",
            repo.Git("show", $"HEAD:registry/runs/{id}.series.bin.dvc"));
        Assert.True(File.Exists(Path.Combine(repo.Root, ".dvc", "cache", "files", "md5", md5[..2], md5[2..])));
        Assert.Equal("", repo.Git("status", "--porcelain"));
        Assert.Equal(Points, RunLedger.ForRepository(repo.Root).Series(id).Read().Count());

        File.Delete(series); // a fresh clone before `dvc pull`
        var ex = Assert.Throws<PipelineException>(() => RunLedger.ForRepository(repo.Root).Series(id).Read().ToArray());
        Assert.Equal(PipeCodes.SeriesNotFetched, ex.Code);
        Assert.Contains("dvc pull", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_series_under_the_size_stays_in_git()
    {
        using var repo = new RunsTestRepo();
        Configure(repo, "lfs", maxBytes: 100_000_000);
        var (id, record) = await Ingest(repo);

        Assert.False(record.GetProperty("series").TryGetProperty("storage", out _));
        Assert.StartsWith("PLSERIE1", repo.Git("show", $"HEAD:registry/runs/{id}.series.bin"), StringComparison.Ordinal);
        Assert.DoesNotContain(".gitattributes", repo.Git("ls-tree", "--name-only", "HEAD"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_store_is_refused_naming_the_key()
    {
        using var repo = new RunsTestRepo();
        File.WriteAllText(Path.Combine(repo.Root, "pipeline.yaml"), "runs:\n  series: s3\n");
        var result = await repo.Run("runs", "ingest", Log(repo), "--commit");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("PIPE0011", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("runs.series", result.Stderr, StringComparison.Ordinal);
    }

    private const int Points = 8_000;

    private static void Configure(RunsTestRepo repo, string store, long maxBytes = 1_000)
    {
        File.WriteAllText(Path.Combine(repo.Root, "pipeline.yaml"), $"runs:\n  series: {store}\n  series_max_bytes: {maxBytes}\n");
        repo.Git("add", "pipeline.yaml");
        repo.Git("commit", "-q", "-m", "config");
    }

    private static async Task<(string Id, JsonElement Record)> Ingest(RunsTestRepo repo)
    {
        var result = await repo.Run("runs", "ingest", Log(repo), "--commit", "--json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        var record = JsonDocument.Parse(result.Stdout).RootElement.Clone();
        return (record.GetProperty("id").GetString()!, record);
    }

    /// <summary>A log outside the repository whose compact series is well above 1,000 bytes (random 17-digit values).</summary>
    private static string Log(RunsTestRepo repo)
    {
        var path = Path.Combine(Path.GetTempPath(), $"pipeline-series-{Guid.NewGuid():N}.jsonl");
        var random = new Random(7);
        var text = new StringBuilder();
        for (var step = 0; step < Points; step++)
        {
            text.Append(
                CultureInfo.InvariantCulture,
                $"{{\"step\": {step}, \"loss\": {random.NextDouble().ToString("R", CultureInfo.InvariantCulture)}}}\n");
        }

        File.WriteAllText(path, text.ToString());
        return path;
    }
}
