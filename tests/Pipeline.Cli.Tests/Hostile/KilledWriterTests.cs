using static Pipeline.Cli.Tests.Hostile.HostileCli;
using static Pipeline.Cli.Tests.Registry.Cli;

namespace Pipeline.Cli.Tests.Hostile;

/// <summary>
/// Issue 15 point 11: a register killed with SIGKILL at any moment never wedges later writes: the next write finishes or
/// discards the half-written record, and the registry ends consistent (bench/stress runs the long loop).
/// </summary>
public sealed class KilledWriterTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pipeline-kill-").FullName;

    public void Dispose() => Delete(_root);

    [Fact]
    public void Registers_killed_at_random_moments_never_wedge_the_next_one()
    {
        var repo = NewRepo(Directory.CreateDirectory(Path.Combine(_root, "repo")).FullName);
        var random = new Random(15);
        var completed = 0;
        for (var i = 0; i < 6; i++)
        {
            using var p = PipelineProcess.Start("register", "m", "--lineage", Lineage(_root, i), "--repo", repo);
            Thread.Sleep(random.Next(150, 900));
            if (!p.HasExited)
            {
                p.Kill();
            }

            p.WaitForExit();
            if (p.ExitCode == 0)
            {
                completed++;
            }

            var next = Run("register", "m", "--lineage", Lineage(_root, 1000 + i), "--repo", repo, "--json");
            Assert.True(next.Code == 0, $"round {i}: the write after a kill failed: {next.Err}");
        }

        var versions = RunGit(repo, "tag", "-l", "m@v*").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        Assert.True(versions >= 6, $"{versions} versions");
        LocalContentionTests.AssertConsistent(repo, versions);
    }

    // The random kills above land between the record commit and the tag only when the machine is slow (a full CI
    // run): pin that moment down. The next register, whatever its lineage, tags the orphan where publish would.
    [Fact]
    public void A_register_killed_between_commit_and_tag_is_finished_by_the_next_register()
    {
        var repo = NewRepo(Directory.CreateDirectory(Path.Combine(_root, "orphan")).FullName);
        Assert.Equal(0, Run("register", "m", "--lineage", Lineage(_root, 1), "--repo", repo).Code);
        var added = RunGit(repo, "rev-parse", "HEAD").Trim();
        RunGit(repo, "tag", "-d", "m@v0.0.1"); // as if killed right after the commit

        var next = Run("register", "m", "--lineage", Lineage(_root, 2), "--repo", repo, "--json");

        Assert.True(next.Code == 0, next.Err);
        Assert.Equal("v0.0.2", HostileCli.Json(next.Out).GetProperty("version").GetString());
        Assert.Equal(added, RunGit(repo, "rev-parse", "m@v0.0.1^{commit}").Trim());
        LocalContentionTests.AssertConsistent(repo, 2);
    }

    [Fact]
    public void A_held_index_lock_is_refused_before_the_working_tree_is_touched()
    {
        var repo = NewRepo(Directory.CreateDirectory(Path.Combine(_root, "repo")).FullName);
        File.WriteAllText(Path.Combine(repo, ".git", "index.lock"), "");
        var reg = Run("register", "m", "--lineage", Lineage(_root, 1), "--repo", repo);
        Assert.Equal(3, reg.Code);
        Assert.Contains("PIPE1101", reg.Err);
        Assert.Contains("index.lock", reg.Err);
        Assert.False(Directory.Exists(Path.Combine(repo, "registry")));

        File.Delete(Path.Combine(repo, ".git", "index.lock"));
        var again = Run("register", "m", "--lineage", Lineage(_root, 1), "--repo", repo);
        Assert.True(again.Code == 0, again.Err);
        Assert.Equal("", RunGit(repo, "status", "--porcelain"));
    }
}
