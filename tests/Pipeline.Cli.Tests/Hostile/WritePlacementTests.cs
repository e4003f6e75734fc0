using static Pipeline.Cli.Tests.Hostile.HostileCli;
using static Pipeline.Cli.Tests.Registry.Cli;

namespace Pipeline.Cli.Tests.Hostile;

/// <summary>
/// Issue 15 points 6, 8 and 9: records land where every verb looks (registry.branch), never under another worktree's
/// feet, and never through a symbolic link.
/// </summary>
public sealed class WritePlacementTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pipeline-placement-").FullName;

    public void Dispose() => Delete(_root);

    [Fact]
    public void Register_from_sources_commits_to_the_configured_registry_branch()
    {
        var repo = NewRepo(Directory.CreateDirectory(Path.Combine(_root, "repo")).FullName);
        File.WriteAllText(Path.Combine(repo, "pipeline.yaml"), "registry:\n  branch: models\n");
        File.WriteAllText(Path.Combine(repo, "params.yaml"), "train:\n  lr: 2e-5\n");
        RunGit(repo, "add", "-A");
        RunGit(repo, "commit", "-q", "-m", "project");
        RunGit(repo, "branch", "models");
        var mainBefore = RunGit(repo, "rev-parse", "main").Trim();

        var reg = Run(
            "register", "demo", "--repo", repo, "--config", "params.yaml#train", "--data-version", "d1", "--base-model", "b", "--seed", "1",
            "--json");

        Assert.True(reg.Code == 0, reg.Err);
        Assert.Equal(mainBefore, RunGit(repo, "rev-parse", "main").Trim());
        Assert.Contains("registry/demo/v0.0.1.json", RunGit(repo, "ls-tree", "-r", "--name-only", "models"));
        var show = Run("show", "demo@v0.0.1", "--repo", repo, "--json");
        Assert.True(show.Code == 0, show.Err);
        Assert.Equal(HostileCli.Json(reg.Out).GetProperty("commit").GetString(), RunGit(repo, "rev-parse", "models").Trim());
    }

    [Fact]
    public void A_branch_checked_out_in_another_worktree_is_refused_and_that_worktree_keeps_its_records()
    {
        var repo = NewRepo(Directory.CreateDirectory(Path.Combine(_root, "repo")).FullName);
        RunGit(repo, "branch", "models");
        var other = Path.Combine(_root, "other");
        RunGit(repo, "worktree", "add", "-q", other, "models");
        var before = RunGit(repo, "rev-parse", "models").Trim();

        var reg = Run("register", "demo", "--lineage", Lineage(_root, 1), "--repo", repo, "--branch", "models");

        Assert.Equal(2, reg.Code);
        Assert.Contains("PIPE1132", reg.Err);
        Assert.Contains(other, reg.Err);
        Assert.Equal(before, RunGit(repo, "rev-parse", "models").Trim());
        Assert.Equal("", RunGit(other, "status", "--porcelain"));

        // From inside that worktree the same write is fine and leaves it clean.
        var there = Run("register", "demo", "--lineage", Lineage(_root, 1), "--repo", other);
        Assert.True(there.Code == 0, there.Err);
        Assert.Equal("", RunGit(other, "status", "--porcelain"));
    }

    [Theory]
    [InlineData(false, "registry")]
    [InlineData(true, "registry")]
    [InlineData(false, "registry/m")]
    [InlineData(true, "registry/m")]
    public void A_symlink_in_the_written_path_is_refused_and_nothing_lands_outside(bool committed, string link)
    {
        var repo = NewRepo(Directory.CreateDirectory(Path.Combine(_root, "repo")).FullName);
        var outside = Directory.CreateDirectory(Path.Combine(_root, "outside")).FullName;
        Directory.CreateDirectory(Path.Combine(repo, Path.GetDirectoryName(link) ?? ""));
        File.CreateSymbolicLink(Path.Combine(repo, link), outside);
        if (committed)
        {
            RunGit(repo, "add", "-A");
            RunGit(repo, "commit", "-q", "-m", "link");
        }

        var head = RunGit(repo, "rev-parse", "HEAD").Trim();
        var reg = Run("register", "m", "--lineage", Lineage(_root, 3), "--repo", repo);

        Assert.Equal(2, reg.Code);
        Assert.Contains("PIPE1131", reg.Err);
        Assert.Contains(link, reg.Err);
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside, "*", SearchOption.AllDirectories));
        Assert.Equal(head, RunGit(repo, "rev-parse", "HEAD").Trim());
        Assert.Equal("", RunGit(repo, "tag", "-l"));
    }
}
