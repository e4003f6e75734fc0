using static Pipeline.Cli.Tests.Hostile.HostileCli;
using static Pipeline.Cli.Tests.Registry.Cli;

namespace Pipeline.Cli.Tests.Hostile;

/// <summary>
/// Issue 15 points 1 and 7: writers in ONE clone at once. Each version record is written once and never replaced; the
/// tag and the branch agree; every lineage ends with exactly one version; the index and working tree stay clean.
/// </summary>
public sealed class LocalContentionTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pipeline-local-race-").FullName;

    public void Dispose() => Delete(_root);

    [Fact]
    public async Task Eight_registers_in_one_clone_never_replace_a_record()
    {
        var repo = NewRepo(Directory.CreateDirectory(Path.Combine(_root, "repo")).FullName);
        const int writers = 8;
        for (var round = 0; round < 3; round++)
        {
            var start = new Barrier(writers);
            var results = await Task.WhenAll(Enumerable.Range(0, writers).Select(i => Task.Run(() =>
            {
                var lineage = Lineage(_root, round * 100 + i);
                start.SignalAndWait();
                return Run("register", "m", "--lineage", lineage, "--repo", repo, "--json");
            })));
            Assert.All(results, r => Assert.True(r.Code == 0, $"exit {r.Code}: {r.Err}"));
        }

        AssertConsistent(repo, expected: 3 * writers);
    }

    [Fact]
    public async Task Eight_ingests_with_commit_and_registers_in_one_clone_leave_a_clean_index()
    {
        var repo = NewRepo(Directory.CreateDirectory(Path.Combine(_root, "repo")).FullName);
        const int writers = 8;
        var start = new Barrier(writers);
        var results = await Task.WhenAll(Enumerable.Range(0, writers).Select(i => Task.Run(() =>
        {
            var lineage = Lineage(_root, 500 + i);
            var jsonl = Path.Combine(_root, $"metrics-{i}.jsonl");
            File.WriteAllText(jsonl, $$"""{"step": 1, "loss": {{i + 1}}.5}""" + "\n");
            start.SignalAndWait();
            return i % 2 == 0
                ? Run("register", "m", "--lineage", lineage, "--repo", repo, "--json")
                : Run("runs", "ingest", jsonl, "--name", $"run-{i}", "--repo", repo, "--commit", "--json");
        })));
        Assert.All(results, r => Assert.True(r.Code == 0, $"exit {r.Code}: {r.Err}"));
        AssertConsistent(repo, expected: writers / 2);
        var runs = RunGit(repo, "ls-tree", "-r", "--name-only", "HEAD").Split('\n').Count(l => l.EndsWith(".series.bin", StringComparison.Ordinal));
        Assert.Equal(writers / 2, runs);
    }

    internal static void AssertConsistent(string repo, int expected)
    {
        var tags = RunGit(repo, "tag", "-l", "m@v*").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected, tags.Length);
        var fingerprints = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            var path = $"registry/m/{tag[2..]}.json";
            var atTag = RunGit(repo, "rev-parse", $"{tag}^{{commit}}:{path}").Trim();
            var onBranch = RunGit(repo, "rev-parse", $"main:{path}").Trim();
            Assert.True(atTag == onBranch, $"{tag}: the branch record {onBranch} is not the tagged record {atTag}");
            var record = HostileCli.Json(RunGit(repo, "cat-file", "-p", onBranch));
            Assert.True(fingerprints.Add(record.GetProperty("fingerprint").GetString()!), $"{tag}: a second version of one lineage");
            var show = Run("show", $"m@{tag[2..]}", "--repo", repo, "--json");
            Assert.Equal(0, show.Code);
        }

        // Every record was added once: no commit replaced an existing record.
        var log = RunGit(repo, "log", "--format=", "--name-status", "main", "--", "registry/m");
        Assert.DoesNotContain(
            log.Split('\n'),
            l => l.StartsWith('M') && l.Contains(".json", StringComparison.Ordinal) && !l.EndsWith("model.json", StringComparison.Ordinal));
        Assert.Equal("", RunGit(repo, "status", "--porcelain"));
        RunGit(repo, "fsck", "--no-dangling");
        var doctor = Run("doctor", "--repo", repo, "--json");
        Assert.True(doctor.Code == 0, doctor.Out + doctor.Err);
    }
}
