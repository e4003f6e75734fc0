using Octokit;

namespace Pipeline.GitHub.Checks;

/// <summary>
/// One pull-request comment per check, found again and edited in place, so a PR pushed twenty times carries one
/// up-to-date report instead of twenty stale ones. A comment is ours only when it starts with the hidden marker AND
/// was written by the identity we write as: anyone can paste a report (marker included) into a comment, and
/// overwriting a person's comment would destroy it.
/// </summary>
internal static class StickyComment
{
    /// <summary>The author of comments written with GITHUB_TOKEN (GitHub Actions' bot).</summary>
    public const string ActionsBot = "github-actions[bot]";

    public static async Task<long> UpsertAsync(
        IGitHubClient client, GitHubContextRef target, string marker, string body, string? author, CancellationToken ct)
    {
        var number = target.PullRequestNumber ?? throw new InvalidOperationException("no pull request");
        var me = author ?? await AuthorAsync(client);
        // Octokit follows the Link: rel="next" headers; 100 is the largest page GitHub serves.
        var comments = await client.Issue.Comment.GetAllForIssue(target.Owner, target.Name, number, new ApiOptions { PageSize = 100 });
        ct.ThrowIfCancellationRequested();
        var mine = comments.FirstOrDefault(c =>
            c.Body is { } text && text.StartsWith(marker, StringComparison.Ordinal)
            && string.Equals(c.User?.Login, me, StringComparison.OrdinalIgnoreCase));
        if (mine is null)
        {
            return (await client.Issue.Comment.Create(target.Owner, target.Name, number, body)).Id;
        }

        if (mine.Body == body)
        {
            return mine.Id;
        }

        return (await client.Issue.Comment.Update(target.Owner, target.Name, mine.Id, body)).Id;
    }

    /// <summary>
    /// Who our comments are written by: the user of a personal token (GET /user), else GitHub Actions' bot, since an
    /// installation token (GITHUB_TOKEN) is no user and GitHub refuses /user for it. A GitHub App token writes as
    /// <c>APP-SLUG[bot]</c>, which only the caller can know (PIPELINE_COMMENT_AUTHOR).
    /// </summary>
    private static async Task<string> AuthorAsync(IGitHubClient client)
    {
        try
        {
            return (await client.User.Current()).Login;
        }
        catch (ApiException)
        {
            return ActionsBot;
        }
    }
}
