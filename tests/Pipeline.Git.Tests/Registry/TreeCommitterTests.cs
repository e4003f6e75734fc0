using System.Text;
using Pipeline.Core.Diagnostics;
using Pipeline.Git.Registry;

namespace Pipeline.Git.Tests.Registry;

public sealed class TreeCommitterTests
{
    private static readonly GitIdentity Who = new("Test User", "test@example.com", DateTimeOffset.FromUnixTimeSeconds(1700000000));

    private static Dictionary<string, byte[]?> Files(params (string Path, string? Text)[] files) =>
        files.ToDictionary(f => f.Path, f => f.Text is null ? null : Encoding.UTF8.GetBytes(f.Text));

    [Fact]
    public void Commits_files_on_the_checked_out_branch_and_leaves_status_clean()
    {
        using var repo = new TempGitRepo();
        repo.CommitFile("train.py", "print(1)\n");
        var before = repo.Git("rev-parse", "HEAD").Trim();

        var result = TreeCommitter.Commit(
            repo.Root,
            "main",
            Files(("registry/demo/v0.0.1.json", "{}\n"), ("registry/demo/model.json", "{\"name\":\"demo\"}\n")),
            "register demo v0.0.1",
            Who);

        Assert.True(result.Changed);
        Assert.Equal(before, result.Parent);
        Assert.Equal(result.Commit, repo.Git("rev-parse", "HEAD").Trim());
        Assert.Equal("", repo.Status());
        Assert.Equal("{}\n", File.ReadAllText(Path.Combine(repo.Root, "registry/demo/v0.0.1.json")));
        Assert.Equal("register demo v0.0.1", repo.Git("log", "-1", "--format=%B").TrimEnd());
        Assert.Contains("train.py", repo.Git("ls-tree", "-r", "--name-only", "HEAD"));
    }

    [Fact]
    public void Deletes_files_and_commits_on_a_branch_that_is_not_checked_out()
    {
        using var repo = new TempGitRepo();
        repo.CommitFile("a.txt", "a");
        repo.Git("branch", "model-registry");
        TreeCommitter.Commit(repo.Root, "model-registry", Files(("registry/runs/r1.json", "{}"), ("a.txt", null)), "runs", Who);

        Assert.Equal("registry/runs/r1.json\n", repo.Git("ls-tree", "-r", "--name-only", "model-registry"));
        Assert.True(File.Exists(Path.Combine(repo.Root, "a.txt")), "the checked-out branch's files are untouched");
        Assert.Equal("", repo.Status());
    }

    [Fact]
    public void Creates_a_missing_branch_as_a_root_commit_and_works_in_a_bare_repository()
    {
        using var bare = new TempGitRepo(bare: true);
        var result = TreeCommitter.Commit(bare.Root, "model-registry", Files(("registry/x/v0.0.1.json", "{}")), "first", Who);
        Assert.Null(result.Parent);
        Assert.Equal(result.Commit, bare.Git("rev-parse", "model-registry").Trim());
    }

    [Fact]
    public void A_file_git_checked_out_with_crlf_under_autocrlf_is_not_a_local_change()
    {
        using var repo = new TempGitRepo();
        repo.Git("config", "core.autocrlf", "true"); // Git for Windows' default
        repo.CommitFile("train.py", "print(1)\n");
        TreeCommitter.Commit(repo.Root, "main", Files(("registry/demo/decisions.jsonl", "{\"a\":1}\n")), "hold 1", Who);
        File.Delete(Path.Combine(repo.Root, "registry/demo/decisions.jsonl"));
        repo.Git("checkout", "--", "registry/demo/decisions.jsonl"); // now CRLF on disk, and git says: unchanged
        Assert.Contains("\r\n", File.ReadAllText(Path.Combine(repo.Root, "registry/demo/decisions.jsonl")));
        Assert.Equal("", repo.Status());

        var appended = TreeCommitter.Commit(repo.Root, "main", Files(("registry/demo/decisions.jsonl", "{\"a\":1}\n{\"a\":2}\n")), "hold 2", Who);
        Assert.True(appended.Changed);
        Assert.Equal("{\"a\":1}\n{\"a\":2}\n", repo.Git("show", "HEAD:registry/demo/decisions.jsonl"));
        Assert.Equal("", repo.Status());

        // A real edit is still refused.
        File.AppendAllText(Path.Combine(repo.Root, "registry/demo/decisions.jsonl"), "mine\r\n");
        var ex = Assert.Throws<PipelineException>(
            () => TreeCommitter.Commit(repo.Root, "main", Files(("registry/demo/decisions.jsonl", "x\n")), "hold 3", Who));
        Assert.Equal(PipeCodes.RegistryPathsDirty, ex.Code);
    }

    [Fact]
    public void Refuses_to_overwrite_local_changes_and_writes_nothing()
    {
        using var repo = new TempGitRepo();
        repo.CommitFile("registry/demo/model.json", "{}");
        File.WriteAllText(Path.Combine(repo.Root, "registry/demo/model.json"), "{\"mine\":1}");
        var head = repo.Git("rev-parse", "HEAD");

        var ex = Assert.Throws<PipelineException>(
            () => TreeCommitter.Commit(repo.Root, "main", Files(("registry/demo/model.json", "{\"theirs\":1}")), "x", Who));
        Assert.Equal(PipeCodes.RegistryPathsDirty, ex.Code);
        Assert.Equal(head, repo.Git("rev-parse", "HEAD"));
        Assert.Equal("{\"mine\":1}", File.ReadAllText(Path.Combine(repo.Root, "registry/demo/model.json")));
    }

    [Fact]
    public void A_rerun_after_a_crash_between_index_and_ref_completes()
    {
        using var repo = new TempGitRepo();
        repo.CommitFile("a.txt", "a");
        // The state a crash after step (2) leaves: file written and staged, ref not moved.
        Directory.CreateDirectory(Path.Combine(repo.Root, "registry/demo"));
        File.WriteAllText(Path.Combine(repo.Root, "registry/demo/v0.0.1.json"), "{}\n");
        repo.Git("add", "registry/demo/v0.0.1.json");

        TreeCommitter.Commit(repo.Root, "main", Files(("registry/demo/v0.0.1.json", "{}\n")), "register", Who);
        Assert.Equal("", repo.Status());
        Assert.Contains("registry/demo/v0.0.1.json", repo.Git("ls-tree", "-r", "--name-only", "HEAD"));
    }

    [Fact]
    public void Replaying_onto_another_base_syncs_every_path_that_differs()
    {
        using var repo = new TempGitRepo();
        repo.CommitFile("a.txt", "a");
        var first = repo.Git("rev-parse", "HEAD").Trim();
        // Someone else moves the branch after we read it: simulate by committing onto 'first' while HEAD is elsewhere.
        repo.CommitFile("b.txt", "b");
        var winner = repo.Git("rev-parse", "HEAD").Trim();
        var ok = TreeCommitter.Commit(repo.Root, "main", Files(("registry/m/v1.json", "1")), "replay onto first", Who, onto: first);
        Assert.Equal(first, ok.Parent);
        Assert.DoesNotContain("b.txt", repo.Git("ls-tree", "-r", "--name-only", "HEAD"));
        Assert.Equal("", repo.Status());
        Assert.NotEqual(winner, ok.Commit);
    }

    [Fact]
    public void A_concurrent_writer_wins_the_swap_and_the_loser_restores_the_winners_files()
    {
        using var repo = new TempGitRepo();
        repo.CommitFile("a.txt", "a");
        // Move the branch behind TreeCommitter's back between its read and its swap: a hook cannot do that, so use
        // a second branch head value directly (what another process's update-ref would leave).
        var stale = repo.Git("rev-parse", "HEAD").Trim();
        TreeCommitter.Commit(repo.Root, "main", Files(("registry/m/v0.0.1.json", "winner")), "winner", Who);
        var ex = Assert.Throws<PipelineException>(
            () => TreeCommitter.Commit(repo.Root, "main", Files(("registry/m/v0.0.1.json", "loser")), "loser", Who, onto: stale, expectedOld: stale));
        Assert.Equal(PipeCodes.BranchMoved, ex.Code);
        Assert.Equal("winner", File.ReadAllText(Path.Combine(repo.Root, "registry/m/v0.0.1.json")));
        Assert.Equal("", repo.Status());
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("/etc/passwd")]
    [InlineData("registry/../../x")]
    [InlineData(".git/config")]
    [InlineData("a//b")]
    public void Refuses_paths_outside_the_tree(string path)
    {
        using var repo = new TempGitRepo();
        repo.CommitFile("a.txt", "a");
        var ex = Assert.Throws<PipelineException>(() => TreeCommitter.Commit(repo.Root, "main", Files((path, "x")), "x", Who));
        Assert.Equal(PipeCodes.GitWriteFailed, ex.Code);
    }
}
