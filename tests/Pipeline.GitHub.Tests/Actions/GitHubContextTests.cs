using Pipeline.Core.Diagnostics;
using Pipeline.GitHub.Actions;

namespace Pipeline.GitHub.Tests.Actions;

public sealed class GitHubContextTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("pipeline-ctx-").FullName;

    [Fact]
    public void Pull_requests_report_on_the_head_sha_never_the_merge_commit()
    {
        var context = Context(Payloads.PullRequest(42, new string('a', 40), baseRef: "release"), sha: new string('m', 40));
        Assert.Equal(new string('a', 40), context.HeadSha);
        Assert.Equal(42, context.PullRequestNumber);
        Assert.Equal("release", context.BaseRef);
        Assert.Equal(("octo", "models"), (context.Owner, context.Name));
        Assert.False(context.IsFork);
        Assert.Equal("https://ghe.example/api/v3", context.ApiUrl);
        Assert.Equal("https://github.com/octo/models/actions/runs/5", context.RunUrl);
    }

    [Fact]
    public void Push_events_use_GITHUB_SHA_and_forks_are_recognised()
    {
        var push = Context(Payloads.Push(new string('b', 40)), sha: new string('c', 40));
        Assert.Equal(new string('c', 40), push.HeadSha);
        Assert.Null(push.PullRequestNumber);
        Assert.True(Context(Payloads.PullRequest(1, new string('d', 40), headRepo: "mallory/models")).IsFork);
    }

    [Fact]
    public void Broken_payloads_and_repositories_are_named_errors()
    {
        Assert.Equal(5003, Assert.Throws<PipelineException>(() => Context("{ not json")).Code.Number);
        Assert.Equal(5004, Assert.Throws<PipelineException>(() => Context("{}", repository: "no-slash")).Code.Number);
        Assert.Equal(5005, Assert.Throws<PipelineException>(() => Context("{}", api: "ftp://x")).Code.Number);
    }

    private GitHubContext Context(
        string payload,
        string sha = "0000000000000000000000000000000000000000",
        string repository = "octo/models",
        string api = "https://ghe.example/api/v3")
    {
        var path = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, payload);
        return GitHubContext.FromEnvironment(ActionsEnvironment.From(new Dictionary<string, string>
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_EVENT_PATH"] = path,
            ["GITHUB_REPOSITORY"] = repository,
            ["GITHUB_SHA"] = sha,
            ["GITHUB_API_URL"] = api,
            ["GITHUB_RUN_ID"] = "5",
        }));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
