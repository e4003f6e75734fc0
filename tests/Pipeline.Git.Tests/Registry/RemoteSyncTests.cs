using Pipeline.Core.Diagnostics;
using Pipeline.Git.Registry;
using static Pipeline.Git.Tests.Registry.RegistryFixture;

namespace Pipeline.Git.Tests.Registry;

public sealed class RemoteSyncTests
{
    [Fact]
    public void A_permanent_refusal_stops_at_once_with_the_hooks_reason_and_leaves_nothing_of_ours()
    {
        using var remote = new TempGitRepo(bare: true);
        using var repo = NewRepo();
        repo.Git("remote", "add", "origin", remote.Root);
        repo.Git("push", "-q", "origin", "main");
        var before = repo.Git("rev-parse", "main").Trim();
        // Every push is refused by a hook: no retry can change that (issue 15 point 13).
        var hook = Path.Combine(remote.Root, "hooks", "pre-receive");
        File.WriteAllText(hook, "#!/bin/sh\necho 'policy: pushes are frozen' >&2\nexit 1\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var store = new RegistryStore(repo.Root);
        var sync = new RemoteSync(store, "origin", TimeSpan.FromMinutes(1));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var ex = Assert.Throws<PipelineException>(() => sync.Run("demo", () => store.Register(Request("demo", 1), Who()),
            r => [$"refs/heads/main", $"refs/tags/{r.Tag}"], r => r.Created ? (r.Commit, r.Parent) : null));
        Assert.Equal(PipeCodes.PushFailed, ex.Code);
        Assert.Contains("policy: pushes are frozen", ex.Message);
        Assert.Equal(0, sync.Rejections);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "a permanent refusal is not retried");

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
