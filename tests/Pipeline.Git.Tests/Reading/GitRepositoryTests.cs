using System.Text;
using Pipeline.Core.Diagnostics;
using Pipeline.Git.Reading;

namespace Pipeline.Git.Tests.Reading;

public sealed class GitRepositoryTests
{
    [Fact]
    public void Not_a_repository_is_an_environment_error()
    {
        var dir = Path.Combine(Path.GetTempPath(), "pipeline-norepo-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var ex = Assert.Throws<PipelineException>(() => GitRepository.Discover(dir));
            Assert.Equal(PipeCodes.NotARepository, ex.Code);
            Assert.Equal(ExitCodes.Environment, ex.Code.ExitCode);
        }
        finally
        {
            Directory.Delete(dir);
        }
    }

    [Fact]
    public void Discovers_from_a_subfolder_and_resolves_revisions()
    {
        using var t = new TempGitRepo();
        var first = t.Commit("one", ("src/a.py", "print(1)\n"));
        var second = t.Commit("two", ("src/a.py", "print(2)\n"));
        t.Git("tag", "-a", "v1", "-m", "tag", first);
        using var repo = GitRepository.Discover(Path.Combine(t.Root, "src"));
        Assert.Equal(second, repo.ResolveCommit());
        Assert.Equal(first, repo.ResolveCommit("HEAD~1"));
        Assert.Equal(first, repo.ResolveCommit("v1"));
        Assert.Equal(first, repo.ResolveCommit(first[..8]));
        Assert.Equal(40, repo.ResolveCommit("main").Length);
    }

    [Fact]
    public void Unknown_revision_is_a_clear_error()
    {
        using var t = new TempGitRepo();
        t.Commit("one", ("a.txt", "a"));
        using var repo = GitRepository.Discover(t.Root);
        var ex = Assert.Throws<PipelineException>(() => repo.ResolveCommit("no-such-branch"));
        Assert.Equal(PipeCodes.RevisionUnknown, ex.Code);
        Assert.Contains("no-such-branch", ex.Message);
    }

    [Fact]
    public void Empty_repository_is_refused()
    {
        using var t = new TempGitRepo();
        using var repo = GitRepository.Discover(t.Root);
        Assert.Equal(PipeCodes.RepositoryEmpty, Assert.Throws<PipelineException>(() => repo.ResolveCommit()).Code);
    }

    [Fact]
    public void Files_are_read_at_the_commit_not_from_the_working_tree()
    {
        using var t = new TempGitRepo();
        var sha = t.Commit("one", ("params.yaml", "lr: 0.1\r\n"));
        t.Write("params.yaml", "lr: 0.9\n");
        using var repo = GitRepository.Discover(t.Root);
        Assert.Equal("lr: 0.1\r\n", Encoding.UTF8.GetString(repo.ReadFileAt(sha, "params.yaml")));
        Assert.Equal("lr: 0.1\r\n", Encoding.UTF8.GetString(repo.Snapshot(sha).ReadFile("./params.yaml")));
    }

    // A committed symlink used to be read as its target's path text ("conf/real.yaml" parsed as a YAML string), so
    // --config params.yaml silently fingerprinted a string instead of the config.
    [Fact]
    public void A_symlink_is_followed_inside_the_commit()
    {
        using var t = new TempGitRepo();
        t.Write("conf/real.yaml", "lr: 0.1\n");
        File.CreateSymbolicLink(Path.Combine(t.Root, "params.yaml"), "conf/real.yaml");
        File.CreateSymbolicLink(Path.Combine(t.Root, "conf", "up.yaml"), "../params.yaml");
        File.CreateSymbolicLink(Path.Combine(t.Root, "out.yaml"), "../outside.yaml");
        File.CreateSymbolicLink(Path.Combine(t.Root, "loop.yaml"), "loop.yaml");
        var sha = t.Commit("links");
        using var repo = GitRepository.Discover(t.Root);
        Assert.Equal("lr: 0.1\n", Encoding.UTF8.GetString(repo.ReadFileAt(sha, "params.yaml")));
        Assert.Equal("lr: 0.1\n", Encoding.UTF8.GetString(repo.ReadFileAt(sha, "conf/up.yaml")));
        Assert.Equal(PipeCodes.FileMissingAtCommit, Assert.Throws<PipelineException>(() => repo.ReadFileAt(sha, "out.yaml")).Code);
        Assert.Equal(PipeCodes.FileMissingAtCommit, Assert.Throws<PipelineException>(() => repo.ReadFileAt(sha, "loop.yaml")).Code);
    }

    [Fact]
    public void Missing_file_names_path_and_commit()
    {
        using var t = new TempGitRepo();
        var sha = t.Commit("one", ("a/b.txt", "x"));
        t.Write("new.yaml", "x: 1");
        using var repo = GitRepository.Discover(t.Root);
        var ex = Assert.Throws<PipelineException>(() => repo.ReadFileAt(sha, "new.yaml"));
        Assert.Equal(PipeCodes.FileMissingAtCommit, ex.Code);
        Assert.Contains("new.yaml", ex.Message);
        Assert.Contains(sha, ex.Message);
        Assert.Contains("folder", Assert.Throws<PipelineException>(() => repo.ReadFileAt(sha, "a")).Message);
    }

    [Fact]
    public void Tracked_files_and_folders_and_blob_ids()
    {
        using var t = new TempGitRepo();
        var sha = t.Commit("one", ("src/train.py", "x"), ("data/.gitignore", "/raw\n"));
        t.Write("data/raw/big.bin", "data");
        using var repo = GitRepository.Discover(t.Root);
        Assert.True(repo.IsTrackedAt(sha, "src/train.py"));
        Assert.True(repo.IsTrackedAt(sha, "src"));
        Assert.False(repo.IsTrackedAt(sha, "data/raw/big.bin"));
        Assert.False(repo.IsTrackedAt(sha, "data/raw"));
        Assert.False(repo.IsTrackedAt(sha, "sr"));
        Assert.Equal(t.Git("rev-parse", $"{sha}:src/train.py").Trim(), repo.BlobIdAt(sha, "src/train.py"));
        Assert.Null(repo.BlobIdAt(sha, "src"));
    }

    [Fact]
    public void Dirty_lists_modified_and_staged_but_not_untracked()
    {
        using var t = new TempGitRepo();
        t.Commit("one", ("a.txt", "a"), ("b.txt", "b"), ("c.txt", "c"));
        using (var clean = GitRepository.Discover(t.Root))
        {
            Assert.False(clean.Dirty().IsDirty);
        }

        t.Write("a.txt", "changed");
        t.Write("b.txt", "staged");
        t.Git("add", "b.txt");
        t.Write("untracked.txt", "u");
        File.Delete(Path.Combine(t.Root, "c.txt"));
        using var repo = GitRepository.Discover(t.Root);
        var dirty = repo.Dirty();
        Assert.Equal(["a.txt", "b.txt", "c.txt"], dirty.Paths);
        Assert.Equal(3, dirty.Total);
    }

    [Fact]
    public void Dirty_names_at_most_twenty()
    {
        using var t = new TempGitRepo();
        var files = Enumerable.Range(0, 25).Select(i => ($"f{i:D2}.txt", "x")).ToArray();
        t.Commit("many", files);
        foreach (var (p, _) in files)
        {
            t.Write(p, "y");
        }

        using var repo = GitRepository.Discover(t.Root);
        var dirty = repo.Dirty();
        Assert.Equal(20, dirty.Paths.Count);
        Assert.Equal(25, dirty.Total);
        Assert.EndsWith("and 5 more", dirty.Describe());
    }

    [Fact]
    public void Registry_only_commits_are_skipped_back_to_the_code()
    {
        using var t = new TempGitRepo();
        var code = t.Commit("code", ("src/train.py", "x"), ("registry/m/model.json", "{}"));
        var reg1 = t.Commit("register v0.0.1", ("registry/m/v0.0.1.json", "{}"));
        var reg2 = t.Commit("register v0.0.2", ("registry/m/v0.0.2.json", "{}"));
        using var repo = GitRepository.Discover(t.Root);
        var lineage = repo.ResolveLineageCommit("HEAD", "registry");
        Assert.Equal(code, lineage.Sha);
        Assert.Equal([reg2, reg1], lineage.Skipped);

        var more = t.Commit("code change", ("src/train.py", "y"), ("registry/m/v0.0.3.json", "{}"));
        using var again = GitRepository.Discover(t.Root);
        Assert.Equal(more, again.ResolveLineageCommit("HEAD", "registry").Sha);
    }

    [Fact]
    public void Nested_registry_folder_and_a_first_registry_commit()
    {
        using var t = new TempGitRepo();
        var code = t.Commit("code", ("src/train.py", "x"), ("ml/other.txt", "o"));
        t.Commit("first record", ("ml/registry/m/v0.0.1.json", "{}"));
        t.Commit("second", ("ml/registry/m/v0.0.2.json", "{}"));
        using var repo = GitRepository.Discover(t.Root);
        Assert.Equal(code, repo.ResolveLineageCommit("HEAD", "ml/registry").Sha);
        // A different folder name is code: nothing skipped.
        Assert.Empty(repo.ResolveLineageCommit("HEAD", "registry").Skipped);
    }

    [Fact]
    public void A_new_parent_folder_holding_only_the_registry_is_skipped()
    {
        using var t = new TempGitRepo();
        var code = t.Commit("code", ("src/train.py", "x"));
        t.Commit("first record", ("ml/registry/m/v0.0.1.json", "{}"));
        using var repo = GitRepository.Discover(t.Root);
        Assert.Equal(code, repo.ResolveLineageCommit("HEAD", "ml/registry").Sha);
    }

    [Fact]
    public void A_registry_named_file_outside_the_folder_is_code()
    {
        using var t = new TempGitRepo();
        t.Commit("code", ("src/train.py", "x"));
        var change = t.Commit("touch src/registry", ("src/registry/x.py", "y"));
        using var repo = GitRepository.Discover(t.Root);
        Assert.Equal(change, repo.ResolveLineageCommit("HEAD", "registry").Sha);
    }

    [Theory]
    [InlineData("https://x-access-token:SECRET@github.com/o/r", "https://github.com/o/r")]
    [InlineData("https://user:SECRET@example.com:8443/o/r.git", "https://example.com:8443/o/r.git")]
    [InlineData("https://SECRET@github.com/o/r", "https://github.com/o/r")]
    [InlineData("http://u:SECRET@h/r", "http://h/r")]
    [InlineData("ssh://git@github.com/o/r.git", "ssh://git@github.com/o/r.git")]
    [InlineData("ssh://git:SECRET@github.com/o/r.git", "ssh://github.com/o/r.git")]
    [InlineData("git@github.com:o/r.git", "git@github.com:o/r.git")]
    [InlineData("https://github.com/o/r", "https://github.com/o/r")]
    [InlineData("/srv/git/r.git", "/srv/git/r.git")]
    public void Remote_credentials_are_stripped(string url, string expected)
    {
        using var t = new TempGitRepo();
        t.Git("remote", "add", "origin", url);
        using var repo = GitRepository.Discover(t.Root);
        Assert.Equal(expected, repo.RemoteUrl());
        Assert.DoesNotContain("SECRET", repo.RemoteUrl());
    }

    [Fact]
    public void No_remote_is_null()
    {
        using var t = new TempGitRepo();
        using var repo = GitRepository.Discover(t.Root);
        Assert.Null(repo.RemoteUrl());
    }
}
