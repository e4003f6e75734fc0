using System.Diagnostics.CodeAnalysis;
using Octokit;
using Pipeline.Core.Diagnostics;
using Pipeline.GitHub.Checks;
using Pipeline.GitHub.Http;

namespace Pipeline.GitHub.PullRequests;

/// <summary>The pull request a proposal opened or updated.</summary>
public sealed record ProposalPullRequest(int Number, string Url, bool Created);

/// <summary>
/// Opens the pull request of a proposal branch, or updates the title and body of the open one (a re-proposal of the
/// same lineage must not open a second pull request). Looks the branch up with <c>GET /pulls?head=OWNER:BRANCH</c>
/// first, so a re-run after a lost answer does not hit GitHub's 422 "A pull request already exists".
/// </summary>
public static class ProposalPullRequests
{
    public static Task<ProposalPullRequest> OpenOrUpdateAsync(
        string apiUrl, string token, string owner, string name, string branch, string baseBranch, string title, string body,
        RetryPolicy? retry = null, HttpMessageHandler? transport = null)
    {
        // Not async: in the AOT build IsSupported is a constant false, and only a plain branch lets the compiler drop the
        // Octokit method behind it (an async method's resume points would keep it).
        if (!GitHubApi.IsSupported)
        {
            throw new PipelineException(PipeCodes.GitHubApiNotInBuild,
                $"this executable is the Native AOT build and does not call the GitHub API: branch '{branch}' was pushed without a pull request");
        }

        return OpenOrUpdateThroughApiAsync(apiUrl, token, owner, name, branch, baseBranch, title, body, retry, transport);
    }

    [RequiresUnreferencedCode("Octokit (de)serialises API models with reflection; guard with GitHubApi.IsSupported.")]
    [RequiresDynamicCode("Octokit (de)serialises API models with reflection; guard with GitHubApi.IsSupported.")]
    private static async Task<ProposalPullRequest> OpenOrUpdateThroughApiAsync(
        string apiUrl, string token, string owner, string name, string branch, string baseBranch, string title, string body,
        RetryPolicy? retry, HttpMessageHandler? transport)
    {
        var client = GitHubClientFactory.Create(apiUrl, token, retry, transport);
        try
        {
            var open = await client.PullRequest.GetAllForRepository(owner, name,
                new PullRequestRequest { State = ItemStateFilter.Open, Head = $"{owner}:{branch}", Base = baseBranch });
            if (open.FirstOrDefault(p => p.Head?.Ref == branch) is { } existing)
            {
                var updated = await client.PullRequest.Update(owner, name, existing.Number, new PullRequestUpdate { Title = title, Body = body });
                return new ProposalPullRequest(updated.Number, updated.HtmlUrl, Created: false);
            }

            var created = await client.PullRequest.Create(owner, name, new NewPullRequest(title, branch, baseBranch) { Body = body });
            return new ProposalPullRequest(created.Number, created.HtmlUrl, Created: true);
        }
        catch (ApiException ex)
        {
            var hint = ex.StatusCode == System.Net.HttpStatusCode.Forbidden
                ? " (the token may not create pull requests: use a GitHub App token or a PAT, and allow GitHub Actions to create pull requests in " +
                    "the repository settings)"
                : "";
            throw new PipelineException(PipeCodes.PullRequestFailed,
                $"GitHub answered {(int)ex.StatusCode} to the pull request for '{branch}' in {owner}/{name}: {ex.Message}{hint}");
        }
        catch (HttpRequestException ex)
        {
            throw new PipelineException(
                PipeCodes.PullRequestFailed,
                $"cannot reach GitHub at {apiUrl} for the pull request of '{branch}': {ex.Message}");
        }
    }

    /// <summary>The page where a person opens the pull request by hand (no token).</summary>
    public static string CompareUrl(string serverUrl, string owner, string name, string baseBranch, string branch) =>
        $"{serverUrl.TrimEnd('/')}/{owner}/{name}/compare/" +
        $"{Uri.EscapeDataString(baseBranch).Replace("%2F", "/")}...{Uri.EscapeDataString(branch).Replace("%2F", "/")}?expand=1";

    /// <summary>owner/name from GITHUB_REPOSITORY, else from a remote URL (https://HOST/OWNER/NAME(.git) or git@HOST:OWNER/NAME(.git)).</summary>
    public static (string Owner, string Name, string? ServerUrl)? Repository(string? githubRepository, string? remoteUrl)
    {
        if (githubRepository is { } gr && gr.Split('/') is [{ Length: > 0 } o, { Length: > 0 } n])
        {
            return (o, n, null);
        }

        if (remoteUrl is null)
        {
            return null;
        }

        var url = remoteUrl.Trim();
        string? server = null;
        string path;
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" or "ssh")
        {
            server = uri.Scheme == "ssh" ? $"https://{uri.Host}" : $"{uri.Scheme}://{uri.Authority}";
            path = uri.AbsolutePath;
        }
        else if (url.IndexOf('@') is var at && at >= 0 && url.IndexOf(':', at) is var colon && colon > at)
        {
            server = $"https://{url[(at + 1)..colon]}";
            path = url[(colon + 1)..];
        }
        else
        {
            return null;
        }

        var parts = path.Trim('/').Split('/');
        if (parts.Length < 2)
        {
            return null;
        }

        var repoName = parts[^1].EndsWith(".git", StringComparison.Ordinal) ? parts[^1][..^4] : parts[^1];
        return repoName.Length == 0 ? null : (parts[^2], repoName, server);
    }
}
