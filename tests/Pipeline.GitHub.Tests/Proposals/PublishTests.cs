using System.Text.Json;

namespace Pipeline.GitHub.Tests.Proposals;

/// <summary>
/// publish after the merge: the version tag on the commit that added the record (the proposal commit the merge brought into main), idempotent,
/// pushed atomically through the protected remote, and the tag as compare-and-swap (a tag elsewhere names both commits).
/// </summary>
public sealed class PublishTests : IDisposable
{
    private readonly ProtectedRemote _repos = new();

    public PublishTests()
    {
        _repos.Work.Commit("training code", ("train.py", "print('train')\n"));
        _repos.Protect();
    }

    private TempGitRepo Work => _repos.Work;

    private static readonly Dictionary<string, string?> NoGitHub = new() { ["GITHUB_TOKEN"] = null, ["GITHUB_REPOSITORY"] = "octo/models" };

    private string ProposeAndMerge(string seed)
    {
        var lineage = Work.Write(
            $"../lineage-{seed}-{Guid.NewGuid():N}.json",
            $$"""{"data_version": "d", "code_commit": "{{Work.Head}}", "config": {}, "base_model": "b", "seed": {{seed}}}""");
        var proposed = CliProcess.Run(Work.Root, NoGitHub, "register", "demo", "--lineage", lineage, "--propose", "--json");
        Assert.True(proposed.ExitCode == 0, proposed.ToString());
        var branch = proposed.Json.GetProperty("branch").GetString()!;
        _repos.Merge(branch, 1);
        Work.Git("pull", "-q", "--ff-only", "origin", "main");
        // The commit that added the record: the proposal commit the merge brought in (not the merge itself).
        return proposed.Json.GetProperty("commit").GetString()!;
    }

    [Fact]
    public void Publish_tags_the_commit_that_added_the_record_pushes_atomically_and_is_idempotent()
    {
        var merge = ProposeAndMerge("0");
        var published = CliProcess.Run(Work.Root, NoGitHub, "publish", "--push", "--json");
        Assert.True(published.ExitCode == 0, published.ToString());
        var tag = Assert.Single(published.Json.GetProperty("tags").EnumerateArray());
        Assert.Equal(
            ("demo@v0.0.1", merge, true),
            (tag.GetProperty("tag").GetString(), tag.GetProperty("commit").GetString(), tag.GetProperty("created").GetBoolean()));
        Assert.Equal(merge, _repos.Remote.Git("rev-parse", "demo@v0.0.1^{commit}").Trim());
        Assert.Equal("tag", _repos.Remote.Git("cat-file", "-t", "demo@v0.0.1").Trim());

        var again = CliProcess.Run(Work.Root, NoGitHub, "publish", "--push", "--json");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(0, again.Json.GetProperty("created").GetInt32());
        Assert.Equal(JsonValueKind.Null, again.Json.GetProperty("pushed").ValueKind);

        // The registry reads the published version like a directly registered one.
        Assert.Contains("v0.0.1", CliProcess.Succeed(Work.Root, "show", "demo@v0.0.1"));
    }

    [Fact]
    public void A_tag_on_another_commit_is_PIPE3110_naming_both_commits()
    {
        var first = Work.Head;
        var merge = ProposeAndMerge("0");
        Work.Git("tag", "-a", "-m", "stale", "demo@v0.0.1", first);
        var result = CliProcess.Run(Work.Root, NoGitHub, "publish", "--json");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("PIPE3110", result.Stdout);
        Assert.Contains(first, result.Stdout);
        Assert.Contains(merge, result.Stdout);
    }

    [Fact]
    public void A_tag_published_elsewhere_by_another_runner_loses_the_push_and_names_both_commits()
    {
        var merge = ProposeAndMerge("0");
        // Another publisher won the race with a different commit (hand-made, to show the swap is checked).
        using (var other = new TempGitRepo(cloneFrom: _repos.Remote.Url))
        {
            other.Git("tag", "-a", "-m", "other", "demo@v0.0.1", other.Git("rev-list", "--max-parents=0", "HEAD").Trim());
            other.Git("push", "-q", "origin", "refs/tags/demo@v0.0.1");
        }

        var result = CliProcess.Run(Work.Root, NoGitHub, "publish", "--push", "--json");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("PIPE3110", result.Stdout);
        Assert.Contains(merge, result.Stdout);
    }

    public void Dispose() => _repos.Dispose();
}
