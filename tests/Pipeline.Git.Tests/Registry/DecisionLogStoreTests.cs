using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Registry;
using Pipeline.Git.Reading;
using Pipeline.Git.Registry;
using static Pipeline.Git.Tests.Registry.RegistryFixture;

namespace Pipeline.Git.Tests.Registry;

/// <summary>The gate's refusals in <c>registry/&lt;model&gt;/decisions.jsonl</c>: appended in one commit, never a tag.</summary>
public sealed class DecisionLogStoreTests
{
    private static readonly Value Decision = JsonReader.Parse(
        """{"schema": "gate-decision-v1", "decision": "hold", "reasons": ["no NaN in loss: NaN at step 40"]}""",
        "decision");

    private static (TempGitRepo Repo, RegistryStore Store, SemVer V1, SemVer V2) Setup()
    {
        var repo = NewRepo();
        var store = new RegistryStore(repo.Root);
        var v1 = store.Register(Request("demo", 1), Who()).Version;
        var v2 = store.Register(Request("demo", 2), Who(1)).Version;
        store.Assign("demo", v1, "production", "baseline", who: Who(2));
        return (repo, store, v1, v2);
    }

    [Fact]
    public void A_hold_appends_one_line_in_one_commit_and_touches_no_tag_no_alias_and_no_lineage()
    {
        var (repo, store, v1, v2) = Setup();
        using var _ = repo;
        var tagsBefore = repo.Git("for-each-ref", "refs/tags/");
        var doctorBefore = RegistryDoctor.Check(store); // (the fixture's lineage commit is not in this repository)
        var headBefore = repo.Git("rev-parse", "HEAD").Trim();
        string lineageBefore;
        using (var git = GitRepository.Discover(repo.Root))
        {
            lineageBefore = git.ResolveLineageCommit("HEAD", "registry").Sha;
        }

        var hold = store.RecordHold("demo", "production", v2, v1, 1, "no NaN in loss: NaN at step 40", Decision, Who(3));

        Assert.Equal("registry/demo/decisions.jsonl", hold.Path);
        Assert.Equal(1, hold.Line);
        Assert.Equal(headBefore, hold.Parent);
        Assert.Equal(hold.Commit, repo.Git("rev-parse", "HEAD").Trim());
        Assert.Equal(headBefore, repo.Git("rev-parse", "HEAD~1").Trim());
        Assert.Equal("registry/demo/decisions.jsonl\n", repo.Git("diff-tree", "--no-commit-id", "--name-only", "-r", "HEAD"));
        Assert.Equal(tagsBefore, repo.Git("for-each-ref", "refs/tags/"));
        Assert.Equal(v1, store.State("demo").Aliases["production"]);
        Assert.Equal("", repo.Status());

        var text = File.ReadAllText(Path.Combine(repo.Root, "registry", "demo", "decisions.jsonl"));
        Assert.Equal(
            """{"actor":"Test User <test@example.com>","alias":"production","champion":"v0.0.1","decision":{"decision":"hold","reasons":""" +
            """["no NaN in loss: NaN at step 40"],"schema":"gate-decision-v1"}""" +
            ""","kind":"gate_hold","model":"demo","reason":"no NaN in loss: NaN at step 40","seen_counter":1,"time":"2023-11-14T22:13:""" +
            """23Z","version":"v0.0.2"}""" + "\n",
            text);

        // The hold commit changes nothing outside the registry folder: the lineage commit (and so every fingerprint) stays.
        using var after = GitRepository.Discover(repo.Root);
        var lineage = after.ResolveLineageCommit("HEAD", "registry");
        Assert.Equal(lineageBefore, lineage.Sha);
        Assert.Contains(hold.Commit, lineage.Skipped);

        // Not a version record: doctor finds nothing new, and registering goes on as before.
        Assert.Equal(doctorBefore, RegistryDoctor.Check(store));
        Assert.Equal("v0.0.3", store.Register(Request("demo", 3), Who(4)).Version.ToString());
    }

    [Fact]
    public void Two_holds_append_two_lines_and_history_merges_them_with_the_tag_events_in_time_order()
    {
        var (repo, store, v1, v2) = Setup();
        using var _ = repo;
        var first = store.RecordHold("demo", "production", v2, v1, 1, "first refusal", Decision, Who(3));
        var firstText = File.ReadAllText(Path.Combine(repo.Root, first.Path));
        store.Assign("demo", v2, "staging", "try it", who: Who(4));
        var second = store.RecordHold("demo", "production", v2, v1, 2, "second refusal", Decision, Who(4));

        Assert.Equal(2, second.Line);
        var text = File.ReadAllText(Path.Combine(repo.Root, second.Path));
        Assert.StartsWith(firstText, text);
        Assert.Equal(2, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        var log = store.Decisions("demo");
        Assert.Empty(log.Problems);
        Assert.Equal(["first refusal", "second refusal"], log.Holds.Select(h => h.Reason));
        Assert.Equal([1, 2], log.Holds.Select(h => h.Line));

        var history = RegistryHistory.Of(store.State("demo", withMessages: true), log.Holds);
        // Same second as the staging assignment: the hold sorts after the alias events it saw.
        Assert.Equal(["registration", "registration", "assignment", "hold", "assignment", "hold"], history.Select(e => e.Kind));
        var hold = history[3];
        Assert.Equal((v2, v1, v1, v1, "production"), (hold.Version, hold.Champion, hold.From, hold.To, hold.Alias));
        Assert.Null(hold.Tag);
        Assert.Equal("first refusal", hold.Reason);
        Assert.IsType<ObjectValue>(hold.Evidence);
    }

    [Fact]
    public void A_malformed_line_is_reported_by_doctor_with_its_line_and_skipped_by_the_reader()
    {
        var (repo, store, v1, v2) = Setup();
        using var _ = repo;
        store.RecordHold("demo", "production", v2, v1, 1, "held", Decision, Who(3));
        var path = Path.Combine(repo.Root, "registry", "demo", "decisions.jsonl");
        File.AppendAllText(path, "{\"kind\": \"gate_hold\", \"model\": \"demo\"}\nnot json\n");
        repo.Git("commit", "-q", "-am", "hand edit");

        var log = store.Decisions("demo");
        Assert.Single(log.Holds);
        Assert.Equal([2, 3], log.Problems.Select(p => p.Line));
        Assert.All(log.Problems, p => Assert.Equal(PipeCodes.DecisionLogLineInvalid, p.Code));

        var problems = RegistryDoctor.Check(store).Where(p => p.Subject.EndsWith(".jsonl", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["malformed-decision", "malformed-decision"], problems.Select(p => p.Kind));
        Assert.Equal([2, 3], problems.Select(p => p.Line));
        Assert.All(problems, p => Assert.Equal("registry/demo/decisions.jsonl", p.Subject));
        Assert.Contains("'alias' is missing", problems[0].Message);
    }

    [Fact]
    public void Local_changes_to_the_log_are_never_overwritten()
    {
        var (repo, store, v1, v2) = Setup();
        using var _ = repo;
        store.RecordHold("demo", "production", v2, v1, 1, "held", Decision, Who(3));
        var path = Path.Combine(repo.Root, "registry", "demo", "decisions.jsonl");
        File.AppendAllText(path, "my uncommitted note\n");
        var head = repo.Git("rev-parse", "HEAD");

        var ex = Assert.Throws<PipelineException>(() => store.RecordHold("demo", "production", v2, v1, 1, "again", Decision, Who(4)));
        Assert.Equal(PipeCodes.RegistryPathsDirty, ex.Code);
        Assert.Equal(head, repo.Git("rev-parse", "HEAD"));
        Assert.EndsWith("my uncommitted note\n", File.ReadAllText(path));
    }

    [Fact]
    public void Concurrent_holds_lose_no_line_a_lost_swap_re_reads_and_re_appends()
    {
        using var seed = NewRepo();
        using var bare = new TempGitRepo(bare: true);
        seed.Git("push", "-q", bare.Root, "main");
        var store = new RegistryStore(bare.Root);
        var v = SemVer.Parse("v0.0.2");
        var results = new System.Collections.Concurrent.ConcurrentBag<HoldRecord>();
        var lost = 0;
        Parallel.For(0, 6, new ParallelOptions { MaxDegreeOfParallelism = 6 }, i =>
        {
            try
            {
                results.Add(store.RecordHold("demo", "production", v, null, 0, $"writer {i}", Decision, Who(i)));
            }
            catch (PipelineException ex) when (ex.Code == PipeCodes.BranchMoved)
            {
                Interlocked.Increment(ref lost); // lost every local attempt: a clear error, and nothing of ours written
            }
        });

        var log = store.Decisions("demo");
        Assert.Empty(log.Problems);
        Assert.Equal(6, results.Count + lost);
        Assert.True(results.Count >= 1);
        Assert.Equal(results.Select(r => r.Hold.Reason).Order(), log.Holds.Select(h => h.Reason).Order());
        Assert.Equal(Enumerable.Range(1, results.Count), results.Select(r => r.Line).Order());
        Assert.Equal(results.Count, int.Parse(bare.Git("rev-list", "--count", "main").Trim()) - 1);
    }
}
