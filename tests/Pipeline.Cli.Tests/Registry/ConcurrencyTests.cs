using System.Text.RegularExpressions;
using static Pipeline.Cli.Tests.Registry.Cli;

namespace Pipeline.Cli.Tests.Registry;

/// <summary>
/// Eight writers, each in its own clone, register and assign at once against one bare file:// remote with --push.
/// Every command ends 0 or with the lost-race PIPE1110; versions and counters are unique; no published event is lost.
/// </summary>
public sealed class ConcurrencyTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pipeline-race-").FullName;

    public void Dispose() => Delete(_root);

    [Fact]
    public async Task Eight_writers_race_for_versions_and_counters_without_losing_an_event()
    {
        var remote = Path.Combine(_root, "remote.git");
        Directory.CreateDirectory(remote);
        RunGit(remote, "init", "-q", "--bare", "-b", "main");
        var seed = NewRepo(Directory.CreateDirectory(Path.Combine(_root, "seed")).FullName);
        RunGit(seed, "push", "-q", remote, "main");
        var url = new Uri(remote).AbsoluteUri; // file:///…

        const int writers = 8;
        var clones = Enumerable.Range(1, writers).Select(i =>
        {
            var dir = Path.Combine(_root, $"w{i}");
            RunGit(_root, "clone", "-q", url, dir);
            Identity(dir, $"Writer {i}", $"w{i}@example.com");
            return dir;
        }).ToArray();

        var start = new Barrier(writers);
        var results = await Task.WhenAll(clones.Select((dir, i) => Task.Run(() =>
        {
            start.SignalAndWait();
            var reg = Run("register", "demo", "--lineage", Lineage(_root, i + 1), "--repo", dir, "--push", "--json");
            if (reg.Code != 0) return (Reg: reg, Assign: ((int, string, string)?)null);
            var version = Json(reg.Out).GetProperty("version").GetString()!;
            return (Reg: reg, Assign: Run("assign", "demo", "--version", version, "--alias", "production", "--repo", dir, "--push", "--json"));
        })));

        foreach (var (reg, assign) in results)
        {
            Assert.True(reg.Code == 0 || (reg.Code == 3 && reg.Err.Contains("PIPE1110")), $"register: {reg.Code} {reg.Err}");
            if (assign is { } a) Assert.True(a.Item1 == 0 || (a.Item1 == 3 && a.Item3.Contains("PIPE1110")), $"assign: {a.Item1} {a.Item3}");
        }

        var registered = results.Where(r => r.Reg.Code == 0).Select(r => Json(r.Reg.Out).GetProperty("version").GetString()!).ToArray();
        Assert.True(registered.Length >= 2, "at least two writers get through");
        Assert.Equal(registered.Length, registered.Distinct().Count());

        var tags = RunGit(remote, "tag", "-l").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var versionTags = tags.Where(t => t.StartsWith("demo@v", StringComparison.Ordinal)).Select(t => t[5..]).Order().ToArray();
        Assert.Equal(registered.Order().ToArray(), versionTags);
        var records = RunGit(remote, "ls-tree", "--name-only", "main", "registry/demo/").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(versionTags.Select(v => $"registry/demo/{v}.json"), records.Where(r => !r.EndsWith("model.json", StringComparison.Ordinal)).Order());

        var assigned = results.Where(r => r.Assign is { Item1: 0 }).Select(r => Json(r.Assign!.Value.Item2)).ToArray();
        var counters = tags.Select(t => Regex.Match(t, @"^demo#production#(\d+)$")).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value)).Order().ToArray();
        Assert.Equal(Enumerable.Range(1, counters.Length), counters); // unique, contiguous: no event lost or doubled
        Assert.Equal(assigned.Count(a => a.GetProperty("created").GetBoolean()), counters.Length);
        Assert.All(assigned, a => Assert.Contains(a.GetProperty("tag").GetString(), tags));

        RunGit(remote, "fsck", "--no-dangling"); // throws on a non-zero exit
    }
}
