using Octokit;
using Octokit.Internal;

namespace Pipeline.GitHub.Checks;

/// <summary>
/// An Octokit client at exactly GITHUB_API_URL. GitHubClient's own constructor rewrites any non-github.com address
/// to <c>/api/v3/</c>, which is right for GitHub Enterprise Server (its GITHUB_API_URL already ends in /api/v3) but
/// wrong for GHE.com data residency (<c>https://api.TENANT.ghe.com</c>, no /api/v3), so the URL is used as given.
/// </summary>
public static class GitHubClientFactory
{
    public static IGitHubClient Create(string apiUrl, string token)
    {
        // The trailing slash matters: relative endpoints resolve against the base, and without it the last path
        // segment (v3) would be dropped.
        var baseUri = new Uri(apiUrl.TrimEnd('/') + "/", UriKind.Absolute);
        var product = new ProductHeaderValue("pipeline", typeof(GitHubClientFactory).Assembly.GetName().Version?.ToString(3) ?? "0");
        return new GitHubClient(new Connection(product, baseUri, new InMemoryCredentialStore(new Credentials(token))));
    }
}
