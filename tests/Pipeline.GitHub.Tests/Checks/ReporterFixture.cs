using Pipeline.Core.Diagnostics;
using Pipeline.GitHub.Actions;
using Pipeline.GitHub.Checks;
using Pipeline.GitHub.Http;
using Pipeline.GitHub.Tests.FakeGitHub;

namespace Pipeline.GitHub.Tests.Checks;

/// <summary>A reporter wired to the fake GitHub, a temp GITHUB_OUTPUT/STEP_SUMMARY and a captured stdout.</summary>
internal sealed class ReporterFixture : IDisposable
{
    public const string Token = "ghs_SECRETtoken0123456789";
    public const string HeadSha = "1111111111111111111111111111111111111111";
    public const string MergeSha = "2222222222222222222222222222222222222222";

    private readonly string folder = Directory.CreateTempSubdirectory("pipeline-gh-").FullName;

    public ReporterFixture(string? apiUrl = null, int? pullRequest = 7, string headRepo = "octo/models")
    {
        var eventPath = Path.Combine(folder, "event.json");
        File.WriteAllText(eventPath, Payloads.PullRequest(pullRequest ?? 7, HeadSha, headRepo: headRepo));
        var env = new Dictionary<string, string>
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_OUTPUT"] = Path.Combine(folder, "output"),
            ["GITHUB_STEP_SUMMARY"] = SummaryPath,
            ["GITHUB_EVENT_PATH"] = pullRequest is null ? Path.Combine(folder, "none.json") : eventPath,
            ["GITHUB_EVENT_NAME"] = "pull_request",
            ["GITHUB_REPOSITORY"] = "octo/models",
            ["GITHUB_SHA"] = MergeSha,
            ["GITHUB_API_URL"] = apiUrl ?? Server.ApiUrl,
            ["GITHUB_SERVER_URL"] = "https://github.example",
            ["GITHUB_RUN_ID"] = "99",
        };
        Environment = ActionsEnvironment.From(env);
        Runtime = new ActionsRuntime(Environment, Stdout);
    }

    public FakeGitHubServer Server { get; } = new();

    public StringWriter Stdout { get; } = new();

    public ActionsEnvironment Environment { get; }

    public ActionsRuntime Runtime { get; }

    public string SummaryPath => Path.Combine(folder, "summary.md");

    public string Summary => File.Exists(SummaryPath) ? File.ReadAllText(SummaryPath) : "";

    public GitHubReporter Reporter(string? token = Token) => new(GitHubContext.FromEnvironment(Environment), token, Runtime);

    /// <summary>A reporter whose client waits out rate limits under <paramref name="retry"/> (tests record the waits).</summary>
    public GitHubReporter Reporter(RetryPolicy retry, string token = Token) =>
        new(GitHubContext.FromEnvironment(Environment), token, Runtime, GitHubClientFactory.Create(Server.ApiUrl, token, retry));

    /// <summary>A retry policy that records each wait instead of sleeping.</summary>
    public static RetryPolicy RecordingRetry(List<TimeSpan> waits, int attempts = 4, int budgetSeconds = 120) =>
        new(attempts, TimeSpan.FromSeconds(budgetSeconds), TimeSpan.FromSeconds(90))
        {
            Delay = (wait, _) =>
            {
                lock (waits) { waits.Add(wait); }
                return Task.CompletedTask;
            },
        };

    public static CheckReport Report(
        int findings,
        ReportConclusion conclusion = ReportConclusion.Failure,
        string key = "verify",
        string message = "fingerprint does not recompute") =>
        new(key, $"{findings} finding(s)", "Lineage verification of 1 version record.", conclusion,
            Enumerable.Range(1, findings)
                .Select(
                    i => new Finding($"registry/m/v0.0.{i}.json", i, "PIPE6001", $"{message} #{i}", "re-register from a clean tree", Severity.Error))
                .ToList());

    /// <summary>Fails with what the fake refused and why, when it refused anything.</summary>
    public void AssertNoRefusals() =>
        Assert.True(Server.Refusals.IsEmpty, string.Join("\n", Server.Refusals.Select(r => $"{r.Request} -> {r.Status} {r.Message}")));

    public void Dispose()
    {
        Server.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
