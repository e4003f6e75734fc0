using FsCheck;
using FsCheck.Xunit;
using Pipeline.Git.Ledger;
using Pipeline.Git.Reading;
using Pipeline.Git.Registry;
using static Pipeline.Git.Tests.Registry.RegistryFixture;

namespace Pipeline.Git.Tests.Reading;

/// <summary>The lineage trailer: written on every registry/ledger commit the tool makes, believed only when the trees agree.</summary>
public sealed class LineageTrailerTests
{
    [Fact]
    public void Registry_and_ledger_commits_name_their_lineage_commit_and_reads_stop_there()
    {
        using var t = NewRepo();
        var code = t.Head;
        var store = new RegistryStore(t.Root);
        store.Register(Request("demo", 1), Who(1));
        LedgerCommits.Commit(t.Root, new Dictionary<string, string?> { ["registry/runs/r1.json"] = TempFile("{}") }, "runs: ingest r1");
        store.Register(Request("demo", 2), Who(2));

        foreach (var sha in t.Git("rev-list", code + "..HEAD").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.EndsWith("\n\n" + LineageTrailer.Key + ": " + code + "\n", t.Git("cat-file", "commit", sha));
        }

        using var repo = GitRepository.Discover(t.Root);
        var lineage = repo.ResolveLineageCommit("HEAD", "registry");
        Assert.Equal(code, lineage.Sha);
        Assert.True(lineage.ViaTrailer);
        Assert.Equal([t.Head], lineage.Skipped);
    }

    [Fact]
    public void A_tool_commit_rebased_onto_new_code_is_not_believed()
    {
        using var t = NewRepo();
        var store = new RegistryStore(t.Root);
        store.Register(Request("demo", 1), Who(1));
        var message = t.Git("log", "-1", "--format=%B").TrimEnd();
        // Code moves on, and the registry commit is replayed on top with its old trailer (a rebase, a cherry-pick).
        t.Git("reset", "-q", "--hard", "HEAD~1");
        var newCode = t.CommitFile("train.py", "print('train v2')\n");
        t.Write("registry/demo/v0.0.1.json", "{}");
        t.Git("add", "-A");
        t.Git("commit", "-q", "-m", message);

        using var repo = GitRepository.Discover(t.Root);
        var lineage = repo.ResolveLineageCommit("HEAD", "registry");
        Assert.Equal(newCode, lineage.Sha);
        Assert.False(lineage.ViaTrailer);
    }

    [Fact]
    public void A_trailer_on_a_commit_that_changes_code_is_not_believed()
    {
        using var t = NewRepo();
        var code = t.Head;
        var forged = t.Commit($"edit code\n\n{LineageTrailer.Key}: {code}", ("train.py", "print('other')\n"));
        using var repo = GitRepository.Discover(t.Root);
        Assert.Equal(forged, repo.ResolveLineageCommit("HEAD", "registry").Sha);
    }

    [Fact]
    public void A_trailer_naming_a_registry_only_commit_is_not_believed()
    {
        using var t = NewRepo();
        var code = t.Head;
        var handMade = t.Commit("hand-made record", ("registry/demo/v0.0.1.json", "{}"));
        t.Commit($"claims the hand-made one\n\n{LineageTrailer.Key}: {handMade}", ("registry/demo/v0.0.2.json", "{}"));
        using var repo = GitRepository.Discover(t.Root);
        var lineage = repo.ResolveLineageCommit("HEAD", "registry");
        Assert.Equal(code, lineage.Sha);
        Assert.False(lineage.ViaTrailer);
    }

    [Fact]
    public void Unknown_or_malformed_trailers_fall_back_to_the_walk()
    {
        using var t = NewRepo();
        var code = t.Head;
        t.Commit($"r1\n\n{LineageTrailer.Key}: {new string('a', 40)}", ("registry/demo/v0.0.1.json", "{}"));
        t.Commit($"r2\n\n{LineageTrailer.Key}: not-a-sha", ("registry/demo/v0.0.2.json", "{}"));
        using var repo = GitRepository.Discover(t.Root);
        Assert.Equal(code, repo.ResolveLineageCommit("HEAD", "registry").Sha);
        Assert.Null(LineageTrailer.Read($"x\n\n{LineageTrailer.Key}: {new string('A', 40)}"));
    }

    [Fact]
    public void Append_replaces_an_earlier_trailer()
    {
        var a = new string('a', 40);
        var b = new string('b', 40);
        var once = LineageTrailer.Append("registry: register m v0.0.1\n\nfingerprint f", a);
        var twice = LineageTrailer.Append(once, b);
        Assert.Equal($"registry: register m v0.0.1\n\nfingerprint f\n\n{LineageTrailer.Key}: {b}\n", twice);
        Assert.Equal(b, LineageTrailer.Read(twice));
    }

    [Fact]
    public void The_dirty_check_skips_the_run_ledger_but_not_the_code()
    {
        using var t = NewRepo();
        t.Commit("ledger", ("registry/runs/r1.series.jsonl", "{}\n"), ("registry/runs/r1.json", "{}"));
        t.Write("registry/runs/r1.series.jsonl", "changed\n");
        using (var repo = GitRepository.Discover(t.Root))
        {
            Assert.False(repo.Dirty(skipFolder: "registry/runs").IsDirty);
            Assert.Equal(["registry/runs/r1.series.jsonl"], repo.Dirty().Paths);
        }

        t.Write("train.py", "changed\n");
        using var again = GitRepository.Discover(t.Root);
        Assert.Equal(["train.py"], again.Dirty(skipFolder: "registry/runs").Paths);
        Assert.Equal(["train.py"], again.Dirty(skipFolder: "registry").Paths);
    }

    [Fact]
    public void The_dirty_check_outside_a_nested_registry_still_sees_staged_new_files_and_deletions()
    {
        using var t = NewRepo();
        t.Commit("layout", ("ml/registry/m/v0.0.1.json", "{}"), ("ml/train.py", "x"), ("ml/registry/runs/r.json", "{}"), ("registryish.txt", "r"));
        t.Write("ml/registry/m/v0.0.1.json", "changed");
        t.Write("ml/registry/runs/r.json", "changed");
        using (var clean = GitRepository.Discover(t.Root))
        {
            Assert.False(clean.Dirty(skipFolder: "ml/registry").IsDirty);
        }

        t.Write("ml/new.py", "n");
        t.Git("add", "ml/new.py");
        t.Git("rm", "-q", "registryish.txt");
        t.Write("ml/train.py", "y");
        using var repo = GitRepository.Discover(t.Root);
        Assert.Equal(["ml/new.py", "ml/train.py", "registryish.txt"], repo.Dirty(skipFolder: "ml/registry").Paths);
    }

    /// <summary>Steps of a history: code edits, tool registrations and ledger writes, hand-made registry commits, code reverts, forged
    /// trailers.</summary>
    public enum Step { Code, ToolRegister, ToolLedger, HandRegistry, RevertCode, CopiedTrailerOnCode, RebaseLastOntoCode }

    [Property(MaxTest = 25)]
    public bool The_trailer_answer_is_the_walk_answer(Step[] steps)
    {
        using var t = NewRepo();
        var store = new RegistryStore(t.Root);
        var n = 0;
        foreach (var step in steps.Take(8))
        {
            n++;
            switch (step)
            {
                case Step.Code: t.Commit("code", ("train.py", $"print({n})\n")); break;
                case Step.ToolRegister: store.Register(Request("demo", n), Who(n)); break;
                case Step.ToolLedger: LedgerCommits.Commit(
                    t.Root,
                    new Dictionary<string, string?> { [$"registry/runs/r{n}.json"] = TempFile("{}") },
                    $"runs: r{n}"); break;
                case Step.HandRegistry: t.Commit($"hand {n}", ($"registry/hand/v0.0.{n}.json", "{}")); break;
                case Step.RevertCode: t.Commit("revert", ("train.py", "print('train')\n")); break;
                case Step.CopiedTrailerOnCode:
                    t.Commit(t.Git("log", "-1", "--format=%B").TrimEnd() + "\n", ("train.py", $"print('c{n}')\n"));
                    break;
                case Step.RebaseLastOntoCode:
                    var message = t.Git("log", "-1", "--format=%B").TrimEnd();
                    t.Commit("other", ("other.py", $"x = {n}\n"));
                    t.Commit(message + "\n", ($"registry/hand/r{n}.json", "{}"));
                    break;
            }
        }

        using var repo = new LibGit2Sharp.Repository(t.Root);
        var head = repo.Head.Tip;
        return LineageWalk.Resolve(repo, head, "registry", "HEAD").Sha == LineageWalk.Resolve(repo, head, "registry", "HEAD", trailers: false).Sha;
    }

    private static string TempFile(string content)
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, content);
        return path;
    }
}
