using System.Diagnostics.CodeAnalysis;
using Octokit;
using Octokit.Internal;
using Pipeline.GitHub.Http;

namespace Pipeline.GitHub.Checks;

/// <summary>
/// An Octokit client at exactly GITHUB_API_URL, with rate limits waited out under a <see cref="RetryPolicy"/>.
/// GitHubClient's own constructor rewrites any non-github.com address to <c>/api/v3/</c>, which is right for GitHub
/// Enterprise Server (its GITHUB_API_URL already ends in /api/v3) but wrong for GHE.com data residency
/// (<c>https://api.TENANT.ghe.com</c>, no /api/v3), so the URL is used as given. Every caller of the GitHub API
/// (reporters, pull requests) builds its client here so they share the same retry rules.
/// </summary>
public static class GitHubClientFactory
{
    [RequiresUnreferencedCode("Octokit (de)serialises API models with reflection; guard with GitHubApi.IsSupported.")]
    [RequiresDynamicCode("Octokit (de)serialises API models with reflection; guard with GitHubApi.IsSupported.")]
    public static IGitHubClient Create(string apiUrl, string token, RetryPolicy? retry = null, HttpMessageHandler? transport = null)
    {
        // The trailing slash matters: relative endpoints resolve against the base, and without it the last path
        // segment (v3) would be dropped.
        var baseUri = new Uri(apiUrl.TrimEnd('/') + "/", UriKind.Absolute);
        var product = new ProductHeaderValue("pipeline", typeof(GitHubClientFactory).Assembly.GetName().Version?.ToString(3) ?? "0");
        var http = new HttpClientAdapter(
            () => new RateLimitRetryHandler(transport ?? HttpMessageHandlerFactory.CreateDefault(), retry ?? RetryPolicy.Default));
        return new GitHubClient(
            new Connection(product, baseUri, new InMemoryCredentialStore(new Credentials(token)), http, new SimpleJsonSerializer()));
    }
}
