namespace Pipeline.Cli.Tests.Serving;

/// <summary>
/// pipeline check-ref: a deploy triggered by a pushed tag learns what it means and whether it is still current. The
/// out-of-order case is real: two alias tags pushed to a bare remote newest first, the older one last, and a fresh
/// clone (what a deploy job checks out) asked about each.
/// </summary>
public sealed class CheckRefTests : IDisposable
{
    private readonly ServingRepo _repo = new();
    private readonly string _remote = Directory.CreateTempSubdirectory("pipeline-remote-").FullName;
    private readonly string _clone = Path.Combine(Path.GetTempPath(), "pipeline-clone-" + Guid.NewGuid().ToString("N")[..8]);

    public CheckRefTests()
    {
        _repo.Register("--artifact", "s3://b/1", "--artifact-sha256", ServingRepo.Sha256("1"));
        _repo.Register("--artifact", "s3://b/2", "--artifact-sha256", ServingRepo.Sha256("2"));
        _repo.Ok("assign", "demo", "--version", "v0.0.1", "--alias", "production");
        _repo.Ok("assign", "demo", "--version", "v0.0.2", "--alias", "production", "--reason", "better");
        GitProcess.Run(_remote, "init", "-q", "--bare");
        _repo.Git("remote", "add", "origin", _remote);
        _repo.Git("push", "-q", "origin", "main", "refs/tags/demo@v0.0.1", "refs/tags/demo@v0.0.2");
    }

    public void Dispose()
    {
        _repo.Dispose();
        TempFolder.Delete(_remote);
        TempFolder.Delete(_clone);
    }

    private System.Text.Json.JsonElement CheckInClone(string reference)
    {
        if (!Directory.Exists(_clone))
        {
            GitProcess.Run(Path.GetTempPath(), "clone", "-q", _remote, _clone);
        }

        GitProcess.Run(_clone, "fetch", "-q", "origin", "+refs/tags/*:refs/tags/*");
        var r = CliRunner.Run("check-ref", reference, "--repo", _clone, "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        return r.Json;
    }

    [Fact]
    public void An_older_alias_tag_pushed_late_is_not_current()
    {
        _repo.Git("push", "-q", "origin", "refs/tags/demo#production#2");
        var newest = CheckInClone("refs/tags/demo#production#2");
        _repo.Git("push", "-q", "origin", "refs/tags/demo#production#1"); // the late one
        var late = CheckInClone("refs/tags/demo#production#1");

        Assert.Equal("assign", newest.GetProperty("event").GetString());
        Assert.True(newest.GetProperty("current").GetBoolean());
        Assert.Equal("v0.0.2", newest.GetProperty("version").GetString());
        Assert.Equal(2, newest.GetProperty("counter").GetInt32());
        Assert.Equal("better", newest.GetProperty("reason").GetString());
        Assert.Equal("assign", late.GetProperty("event").GetString());
        Assert.Equal("v0.0.1", late.GetProperty("version").GetString());
        Assert.False(late.GetProperty("current").GetBoolean());
        Assert.Equal("demo#production#2", late.GetProperty("current_tag").GetString());
        Assert.Equal("v0.0.2", late.GetProperty("current_version").GetString());
    }

    [Fact]
    public void In_order_pushes_make_each_tag_current_when_it_arrives_and_stale_after()
    {
        _repo.Git("push", "-q", "origin", "refs/tags/demo#production#1");
        Assert.True(CheckInClone("demo#production#1").GetProperty("current").GetBoolean());
        _repo.Git("push", "-q", "origin", "refs/tags/demo#production#2");
        Assert.False(CheckInClone("demo#production#1").GetProperty("current").GetBoolean());
        Assert.True(CheckInClone("demo#production#2").GetProperty("current").GetBoolean());
    }

    [Fact]
    public void Register_unassign_and_deprecate_events_are_named()
    {
        _repo.Ok("unassign", "demo", "--alias", "production");
        _repo.Ok("deprecate", "demo", "--version", "v0.0.1");
        _repo.Git("push", "-q", "origin", "--tags");

        var register = CheckInClone("refs/tags/demo@v0.0.2");
        var unassign = CheckInClone("refs/tags/demo#production!#3");
        var deprecate = CheckInClone("refs/tags/demo@v0.0.1!");
        var assign = CheckInClone("refs/tags/demo#production#2");

        Assert.Equal(
            ("register", "v0.0.2", true),
            (register.GetProperty("event").GetString(), register.GetProperty("version").GetString(), register.GetProperty("current").GetBoolean()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, register.GetProperty("alias").ValueKind);
        Assert.Equal(
            ("unassign", "production", 3),
            (unassign.GetProperty("event").GetString(), unassign.GetProperty("alias").GetString(), unassign.GetProperty("counter").GetInt32()));
        Assert.True(unassign.GetProperty("current").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, unassign.GetProperty("current_version").ValueKind);
        Assert.Equal(("deprecate", "v0.0.1"), (deprecate.GetProperty("event").GetString(), deprecate.GetProperty("version").GetString()));
        Assert.False(assign.GetProperty("current").GetBoolean()); // the unassignment came after it
    }

    [Fact]
    public void A_ref_that_is_not_a_registry_tag_or_not_fetched_is_refused()
    {
        _repo.Git("tag", "demo#production#9"); // lightweight: never trusted
        Assert.Contains("PIPE3712", _repo.Cli("check-ref", "refs/heads/main").Stderr);
        Assert.Contains("not in this clone", _repo.Cli("check-ref", "refs/tags/demo#production#7").Stderr);
        var lightweight = _repo.Cli("check-ref", "refs/tags/demo#production#9");
        Assert.Equal(2, lightweight.ExitCode);
        Assert.Contains("lightweight", lightweight.Stderr);
    }
}
