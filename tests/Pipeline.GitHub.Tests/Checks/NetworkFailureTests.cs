using Octokit;
using Octokit.Internal;
using Pipeline.GitHub.Checks;

namespace Pipeline.GitHub.Tests.Checks;

/// <summary>
/// The network can fail between two calls: the check run is created, then the comment request times out or the
/// connection drops. The verdict is already decided; a lost comment must be a note, not a crash that replaces the
/// verify exit code with a stack trace.
/// </summary>
public sealed class NetworkFailureTests
{
    [Theory]
    [InlineData("timeout")]
    [InlineData("dropped")]
    public async Task A_comment_request_that_fails_on_the_wire_is_a_note_not_a_crash(string failure)
    {
        using var f = new ReporterFixture();
        var handler = new FailingPaths(failure, "/issues/");
        var client = new GitHubClient(new Connection(new ProductHeaderValue("pipeline-tests"), new Uri(f.Server.ApiUrl + "/"),
            new InMemoryCredentialStore(new Credentials(ReporterFixture.Token)), new HttpClientAdapter(() => handler), new SimpleJsonSerializer()));
        var reporter = new GitHubReporter(GitHubContext(f), ReporterFixture.Token, f.Runtime, client);

        var result = await reporter.ReportAsync(ReporterFixture.Report(1));

        Assert.Equal(ReportChannel.CheckRun, result.Channel);
        Assert.Null(result.CommentId);
        Assert.Contains(result.Notes, n => n.Code.Number == 5012);
    }

    [Theory]
    [InlineData("timeout")]
    [InlineData("dropped")]
    public async Task A_status_fallback_that_fails_on_the_wire_ends_with_annotations(string failure)
    {
        using var f = new ReporterFixture();
        f.Server.ForbidCheckRuns = true;
        var handler = new FailingPaths(failure, "/statuses/");
        var client = new GitHubClient(new Connection(new ProductHeaderValue("pipeline-tests"), new Uri(f.Server.ApiUrl + "/"),
            new InMemoryCredentialStore(new Credentials(ReporterFixture.Token)), new HttpClientAdapter(() => handler), new SimpleJsonSerializer()));
        var reporter = new GitHubReporter(GitHubContext(f), ReporterFixture.Token, f.Runtime, client);

        var result = await reporter.ReportAsync(ReporterFixture.Report(1));

        Assert.Equal(ReportChannel.Annotations, result.Channel);
        Assert.Contains("file=registry/m/v0.0.1.json,line=1::", f.Stdout.ToString());
    }

    private static Pipeline.GitHub.Actions.GitHubContext GitHubContext(ReporterFixture f) =>
        Pipeline.GitHub.Actions.GitHubContext.FromEnvironment(f.Environment);

    private sealed class FailingPaths(string failure, string pathPart) : DelegatingHandler(new HttpClientHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath.Contains(pathPart, StringComparison.Ordinal))
            {
                // HttpClient reports its own timeout as a TaskCanceledException, a reset connection as HttpRequestException.
                throw failure == "timeout"
                    ? new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.")
                    : new HttpRequestException("An error occurred while sending the request.");
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
