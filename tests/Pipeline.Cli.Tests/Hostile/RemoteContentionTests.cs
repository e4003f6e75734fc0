using System.Text.RegularExpressions;
using static Pipeline.Cli.Tests.Hostile.HostileCli;
using static Pipeline.Cli.Tests.Registry.Cli;

namespace Pipeline.Cli.Tests.Hostile;

/// <summary>
/// Issue 15 points 12, 14 and 21 (short versions; bench/stress runs 32 writers): every writer from its own clone
/// succeeds, versions are unique, counters are unique and gapless per model across aliases, the remote is fsck-clean.
/// </summary>
public sealed class RemoteContentionTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pipeline-remote-race-").FullName;

    public void Dispose() => Delete(_root);

    private (string Remote, string[] Clones) Setup(int writers)
    {
        var remote = Path.Combine(_root, "remote.git");
        Directory.CreateDirectory(remote);
        RunGit(remote, "init", "-q", "--bare", "-b", "main");
        var seed = NewRepo(Directory.CreateDirectory(Path.Combine(_root, "seed")).FullName);
        RunGit(seed, "push", "-q", remote, "main");
        var clones = Enumerable.Range(1, writers).Select(i =>
        {
            var dir = Path.Combine(_root, $"w{i}");
            RunGit(_root, "clone", "-q", remote, dir);
            Identity(dir, $"Writer {i}", $"w{i}@example.com");
            return dir;
        }).ToArray();
        return (remote, clones);
    }

    [Fact]
    public async Task Eight_clones_register_then_assign_different_aliases_and_all_succeed()
    {
        const int writers = 8;
        var (remote, clones) = Setup(writers);
        var start = new Barrier(writers);
        var results = await Task.WhenAll(clones.Select((dir, i) => Task.Run(() =>
        {
            start.SignalAndWait();
            var reg = Run(["register", "m", .. Sources(dir, i + 1), "--repo", dir, "--push", "--json"]);
            if (reg.Code != 0)
            {
                return (reg, reg);
            }

            var version = HostileCli.Json(reg.Out).GetProperty("version").GetString()!;
            return (reg, Run("assign", "m", "--version", version, "--alias", $"a{i % 3}", "--repo", dir, "--push", "--json"));
        })));

        Assert.All(
            results,
            r => Assert.True(r.Item1.Code == 0 && r.Item2.Code == 0, $"register {r.Item1.Code} {r.Item1.Err} / assign {r.Item2.Code} {r.Item2.Err}"));
        var versions = results.Select(r => HostileCli.Json(r.Item1.Out).GetProperty("version").GetString()).ToArray();
        Assert.Equal(writers, versions.Distinct().Count());
        var tags = RunGit(remote, "tag", "-l").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(writers, tags.Count(t => t.StartsWith("m@v", StringComparison.Ordinal)));
        var counters = tags.Select(t => Regex.Match(t, @"^m#a\d#(\d+)$"))
            .Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value))
            .Order()
            .ToArray();
        Assert.Equal(Enumerable.Range(1, writers), counters); // one event each, unique across aliases, no gap
        RunGit(remote, "fsck", "--no-dangling");
    }

    [Fact]
    public void A_run_killed_after_its_local_commit_completes_on_rerun_after_another_clone_published_that_version()
    {
        var (remote, clones) = Setup(2);
        // Clone 1 "was killed" after its local commit and tag: the same state a register without --push leaves.
        Assert.Equal(0, Run(["register", "m", .. Sources(clones[0], 1), "--repo", clones[0]]).Code);
        Assert.Equal(0, Run(["register", "m", .. Sources(clones[1], 2), "--repo", clones[1], "--push"]).Code);

        var rerun = Run(["register", "m", .. Sources(clones[0], 1), "--repo", clones[0], "--push", "--json"]);

        Assert.True(rerun.Code == 0, rerun.Err);
        Assert.Equal("v0.0.2", HostileCli.Json(rerun.Out).GetProperty("version").GetString());
        Assert.Equal(RunGit(remote, "rev-parse", "main").Trim(), RunGit(clones[0], "rev-parse", "main").Trim());
        Assert.Equal(RunGit(remote, "rev-parse", "m@v0.0.1").Trim(), RunGit(clones[0], "rev-parse", "m@v0.0.1").Trim());
        Assert.Equal(0, Run("doctor", "--repo", clones[0]).Code);
    }

    [Fact]
    public void A_push_after_a_local_only_register_publishes_that_record_with_its_tag()
    {
        var (remote, clones) = Setup(1);
        Assert.Equal(0, Run(["register", "m", .. Sources(clones[0], 1), "--repo", clones[0]]).Code);
        var pushed = Run(["register", "m", .. Sources(clones[0], 2), "--repo", clones[0], "--push"]);
        Assert.True(pushed.Code == 0, pushed.Err);
        var tags = RunGit(remote, "tag", "-l", "m@*").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["m@v0.0.1", "m@v0.0.2"], tags.Order().ToArray());
    }
}
