using Pipeline.Core.Diagnostics;
using Pipeline.Git.Registry;
using static Pipeline.Git.Tests.Registry.RegistryFixture;

namespace Pipeline.Git.Tests.Registry;

public sealed class RemoteSyncTests
{
    [Fact]
    public void Losing_every_race_leaves_nothing_of_ours_locally_so_a_rerun_can_complete()
    {
        using var remote = new TempGitRepo(bare: true);
        using var repo = NewRepo();
        repo.Git("remote", "add", "origin", remote.Root);
        repo.Git("push", "-q", "origin", "main");
        var before = repo.Git("rev-parse", "main").Trim();
        // Every push is refused by the remote, as when other writers keep winning.
        var hook = Path.Combine(remote.Root, "hooks", "pre-receive");
        File.WriteAllText(hook, "#!/bin/sh\nexit 1\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var store = new RegistryStore(repo.Root);
        var sync = new RemoteSync(store, "origin", attempts: 2);
        var ex = Assert.Throws<PipelineException>(() => sync.Run("demo", () => store.Register(Request("demo", 1), Who()),
            r => [$"refs/heads/main", $"refs/tags/{r.Tag}"], r => r.Created ? (r.Commit, r.Parent) : null));
        Assert.Equal(PipeCodes.PushRejected, ex.Code);
        Assert.Equal(2, sync.Rejections);

        Assert.Equal("", repo.Git("tag", "-l", "demo@*").Trim());
        Assert.Equal(before, repo.Git("rev-parse", "main").Trim());
        Assert.Equal("", repo.Status());

        // The remote accepts again: the same command completes.
        File.Delete(hook);
        var done = sync.Run("demo", () => store.Register(Request("demo", 1), Who()),
            r => [$"refs/heads/main", $"refs/tags/{r.Tag}"], r => r.Created ? (r.Commit, r.Parent) : null);
        Assert.Equal(done.Commit, remote.Git("rev-parse", "demo@v0.0.1^{commit}").Trim());
    }
}
