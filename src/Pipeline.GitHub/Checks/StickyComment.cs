using Octokit;

namespace Pipeline.GitHub.Checks;

/// <summary>
/// One pull-request comment per check, found again by its hidden marker and edited in place, so a PR pushed twenty
/// times carries one up-to-date report instead of twenty stale ones.
/// </summary>
internal static class StickyComment
{
    public static async Task<long> UpsertAsync(IGitHubClient client, GitHubContextRef target, string marker, string body, CancellationToken ct)
    {
        var number = target.PullRequestNumber ?? throw new InvalidOperationException("no pull request");
        // Octokit follows the Link: rel="next" headers; 100 is the largest page GitHub serves.
        var comments = await client.Issue.Comment.GetAllForIssue(target.Owner, target.Name, number, new ApiOptions { PageSize = 100 });
        ct.ThrowIfCancellationRequested();
        var mine = comments.FirstOrDefault(c => c.Body is { } text && text.Contains(marker, StringComparison.Ordinal));
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
}
